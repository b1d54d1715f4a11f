import type { Command } from 'commander';
import { GROUP_BYS } from '../core/model.js';
import { choice, examples, lazy, type MakeContext } from './util.js';

export function registerStats(program: Command, make: MakeContext): void {
  examples(
    program
      .command('stats')
      .description('your referral funnel, rates with their 95% ranges, time between stages, follow-up discipline and NPS, beside published benchmarks')
      .option('--since <date>', 'first day of the period, a local day: 2026-01-01, "3 months ago" (default: from the first ask)')
      .option('--until <date>', 'last day of the period, included (default: up to now)')
      .addOption(choice('--by <group>', 'one row per relation, channel, template or month of the ask', GROUP_BYS))
      .option('--csv', 'the funnel as CSV, one row per group (without --by, one for the period); safe to open in a spreadsheet')
      .action(lazy(make, () => import('../commands/stats.js'))),
    [
      'refer stats',
      'refer stats --since 2026-01-01 --until 2026-03-31',
      'refer stats --by template --since "3 months ago"',
      'refer stats --by relation --csv > ambassadors.csv',
      'refer stats --json',
    ],
  );
}
