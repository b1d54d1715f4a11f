import { type Command, Option } from 'commander';
import { examples, lazy, type MakeContext, intInRange, nonNegativeInt } from './util.js';

export function registerConnection(program: Command, make: MakeContext, deep = true): void {
  const connection = program.command('connection').description("step 2: 5-10 ICP-fit people in a relation's network");
  if (deep) connectionCommands(connection, make);
}

function connectionCommands(connection: Command, make: MakeContext): void {
  examples(
    connection
      .command('add')
      .description('add one connection of a relation by hand')
      .argument('<rel>', 'relation id or name')
      .argument('<name>', "the connection's full name")
      .option('--title <title>', 'their job title')
      .option('--company <company>', 'their company')
      .option('--industry <industry>', "their company's industry")
      .addOption(new Option('--size <n>', 'company size (employees)').argParser(nonNegativeInt))
      .option('--location <location>', 'city, region or country')
      .option('--linkedin <url>', 'their LinkedIn profile')
      .option('--email <email>', 'their e-mail address (never needed for an ask)')
      .action(lazy(make, () => import('../commands/connection/add.js'))),
    ['refer connection add "Sanne Visser" "Pieter de Groot" --title COO --company "De Groot Logistiek" --industry logistics --size 140 --location Utrecht'],
  );
  examples(
    connection
      .command('import')
      .description("import a relation's connections: LinkedIn's Connections.csv (any layout) or a CSV with a name column")
      .argument('<rel>', 'relation id or name')
      .argument('<file>', 'the CSV file')
      .option('--dry-run', 'show what would change, change nothing')
      .action(lazy(make, () => import('../commands/connection/import.js'))),
    ['refer connection import "Sanne Visser" ~/Downloads/Connections.csv --dry-run', 'refer connection import 3 prospects.csv --json'],
  );
  examples(
    connection
      .command('list')
      .description('connections sorted by ICP fit, with the reasons')
      .argument('<rel>', 'relation id or name')
      .option('--fit', 'only the connections that fit the ICP (fit 50 or more, not excluded)')
      .addOption(new Option('--limit <n>', 'show at most N').argParser(intInRange(1, 1_000_000)))
      .action(lazy(make, () => import('../commands/connection/list.js'))),
    ['refer connection list "Sanne Visser" --fit --limit 10'],
  );
  examples(
    connection
      .command('pick')
      .description('choose the shortlist for the ask (5-10 people is the sweet spot)')
      .argument('<rel>', 'relation id or name')
      .argument('<ids...>', 'connection ids or names')
      .action(lazy(make, () => import('../commands/connection/pick.js'))),
    ['refer connection pick "Sanne Visser" 12 14 15 19 23'],
  );
}
