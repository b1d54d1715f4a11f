import type { Command } from 'commander';
import { examples, lazy, type MakeContext } from './util.js';

export function registerTeam(program: Command, make: MakeContext): void {
  const team = program.command('team').description('share with a sales team through one PostgreSQL database');

  // ---- sync (T2) ----
  examples(
    team
      .command('sync')
      .description("push this database's changes since the last sync, then pull what teammates share")
      .action(lazy(make, () => import('../commands/team/sync.js'))),
    ['refer team sync', 'refer team sync --json'],
  );
}
