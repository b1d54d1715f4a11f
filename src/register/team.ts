import type { Command } from 'commander';
import { choice, examples, lazy, nonNegativeInt, type MakeContext } from './util.js';

// The `team` group (docs/team.md). Its commands load node-postgres; no other command does.
// T2 and T3 add their subcommands (sync; who-knows, stats) in their own blocks below.

export function registerTeam(program: Command, make: MakeContext, deep = true): void {
  const team = program.command('team').description('share with your sales team through one PostgreSQL database (docs/team.md)');
  if (!deep) return;

  // ---- membership (issue 13, T1) ----
  examples(
    team
      .command('setup')
      .description("once, as the database's owner: create or upgrade the team schema and the group role refer_member (safe to repeat)")
      .argument('<url>', 'postgres://OWNER@HOST:PORT/DATABASE (the password: PGPASSWORD or ~/.pgpass)')
      .action(lazy(make, () => import('../commands/team/setup.js'))),
    ['refer team setup postgres://admin@db.example.com/sales'],
  );
  examples(
    team
      .command('join')
      .description('join as the role in URL, share this database once, and sync; the URL is stored without its password')
      .argument('<url>', 'postgres://ROLE@HOST:PORT/DATABASE (the password: PGPASSWORD or ~/.pgpass, never stored)')
      .option('--name <name>', 'the name teammates see (default: your profile name, else the role)')
      .action(lazy(make, () => import('../commands/team/join.js'))),
    ['refer team join postgres://ann@db.example.com/sales --name "Ann de Vries"'],
  );
  examples(
    team
      .command('status')
      .description('the server (password hidden), who you are there, the last sync and the changes waiting')
      .action(lazy(make, () => import('../commands/team/status.js'))),
    ['refer team status', 'refer team status --json'],
  );
  examples(
    team
      .command('leave')
      .description('stop syncing (your own data stays); --erase also deletes your rows from the team database')
      .option('--erase', "delete this rep's rows from the team database")
      .option('--force', 'do not ask for confirmation (required with --erase without a terminal)')
      .action(lazy(make, () => import('../commands/team/leave.js'))),
    ['refer team leave', 'refer team leave --erase --force'],
  );

  // ---- sync (issue 13, T2) ----
  examples(
    team
      .command('sync')
      .description("push this database's changes since the last sync, then pull what teammates share")
      .action(lazy(make, () => import('../commands/team/sync.js'))),
    ['refer team sync', 'refer team sync --json'],
  );

  // ---- who knows whom, the team's funnel (issue 14, T3) ----
  examples(
    team
      .command('who-knows')
      .description("teammates' connections named or working at TEXT (case and accents aside), from the last pull: works offline")
      .argument('<text>', 'a name or a company, or part of one')
      .option('--limit <n>', 'at most this many (default 20)', nonNegativeInt)
      .action(lazy(make, () => import('../commands/team/who-knows.js'))),
    ['refer team who-knows "Carla Ruiz"', 'refer team who-knows Nordwind --json'],
  );
  examples(
    team
      .command('stats')
      .description("the team's referral funnel in the shape of `refer stats`, computed by the team database from every rep's shared asks")
      .option('--since <date>', 'first day of the period, a local day: 2026-01-01, "3 months ago" (default: from the first ask)')
      .option('--until <date>', 'last day of the period, included (default: up to now)')
      .addOption(choice('--by <group>', 'one row per rep, template, channel or month of the ask', ['rep', 'template', 'channel', 'month']))
      .option('--csv', 'the funnel as CSV, one row per group (without --by, one for the period)')
      .action(lazy(make, () => import('../commands/team/stats.js'))),
    ['refer team stats', 'refer team stats --by rep', 'refer team stats --by template --since "3 months ago"', 'refer team stats --by channel --csv > channels.csv'],
  );
}
