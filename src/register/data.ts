import type { Command } from 'commander';
import { choice, examples, lazy, type MakeContext } from './util.js';

export function registerData(program: Command, make: MakeContext): void {
  examples(
    program
      .command('export')
      .description('everything in the database: versioned JSON, or CSV that is safe to open in a spreadsheet')
      .option('-o, --output <path>', 'write to this file (JSON) or folder (CSV: one file per table), mode 0600, atomically')
      .addOption(choice('--format <format>', 'json, or csv (without -o: one list of all relations and connections)', ['json', 'csv']).default('json'))
      .action(lazy(make, () => import('../commands/export.js'))),
    ['refer export -o refer-export.json', 'refer export --format csv -o refer-csv/', 'refer export --format csv > people.csv'],
  );
  examples(
    program
      .command('import')
      .description('restore a JSON export into an empty database (ids kept; all or nothing)')
      .argument('<file>', 'a file made by `refer export -o FILE`')
      .option('--force', 'replace the data of a database that is not empty (a backup is made first)')
      .action(lazy(make, () => import('../commands/import.js'))),
    ['refer --db ~/restored.db import refer-export.json', 'refer import refer-export.json --force'],
  );
  examples(
    program
      .command('backup')
      .description('a consistent copy of the database (SQLite online backup), also while other refer commands write')
      .option('-o, --output <file>', 'where to write it (default: backups/refer-YYYY-MM-DD-HHMMSS.db in the data folder)')
      .action(lazy(make, () => import('../commands/backup.js'))),
    ['refer backup', 'refer backup -o /media/usb/refer.db'],
  );
  examples(
    program
      .command('forget')
      .description('erase a person and every trace of their name, for good (a bare name: a relation first, else a connection)')
      .argument('<who>', 'a name or id, or the word relation or connection')
      .argument('[name]', 'the relation or connection (after the word relation or connection)')
      .option('--force', 'do not ask for confirmation (required without a terminal)')
      .action(lazy(make, () => import('../commands/forget.js'))),
    ['refer forget "Wouter Claes"', 'refer forget connection 42 --force --json', 'refer forget relation 3'],
  );
}
