import { type Command, Option } from 'commander';
import { CRITERIA, MOMENT_KINDS, MOTIVATIONS, RELATION_KINDS } from '../core/model.js';
import { choice, examples, intInRange, lazy, type MakeContext } from './util.js';

/** The relation flags, shared by `add` and `edit` (edit also takes --no-… to clear a criterion). */
function relationOptions(cmd: Command, negatable: boolean): Command {
  cmd
    .option('--company <company>', 'their company')
    .option('--role <role>', 'their role')
    .option('--linkedin <url>', 'their LinkedIn profile')
    .option('--email <email>', 'their e-mail address')
    .addOption(choice('--kind <kind>', 'how you know them', RELATION_KINDS))
    .addOption(new Option('--trust <1-5>', 'how much you trust each other, 1 to 5').argParser(intInRange(1, 5)));
  for (const c of CRITERIA) {
    cmd.option(`--${c.flag}`, `criterion: ${c.label}`);
    if (negatable) cmd.option(`--no-${c.flag}`, `criterion not met: ${c.label}`);
  }
  return cmd
    .addOption(choice('--motivation <m>', 'intrinsic, or mercenary (paid per lead)', MOTIVATIONS))
    .option('--note <text>', 'a note for yourself');
}

export function registerRelation(program: Command, make: MakeContext, deep = true): void {
  const relation = program.command('relation').description('step 1: your trusted relations (ambassadors)');
  if (deep) relationCommands(relation, make);
  examples(
    program
      .command('nps')
      .description('record a Net Promoter answer: 9-10 promoter, 7-8 passive, 0-6 detractor')
      .argument('<rel>', 'relation id or name')
      .argument('<score>', '0 to 10: how likely they are to recommend you')
      .option('--date <date>', 'when they answered (default: now; not in the future)')
      .option('--comment <text>', 'what they said, in their words')
      .action(lazy(make, () => import('../commands/nps.js'))),
    ['refer nps "Sanne Visser" 9 --comment "Planning takes us half the time now"', 'refer nps 3 7 --date 2026-10-02'],
  );
  examples(
    program
      .command('moment')
      .description('record a positive moment in their words: the right time to ask comes after one')
      .argument('<rel>', 'relation id or name')
      .argument('<text>', 'what they valued, in their words')
      .addOption(choice('--kind <kind>', 'what kind of moment', MOMENT_KINDS).default('feedback'))
      .option('--date <date>', 'when it happened (default: now; not in the future)')
      .action(lazy(make, () => import('../commands/moment.js'))),
    ['refer moment "Sanne Visser" "Our drivers finally get home on time" --kind compliment', 'refer moment 3 "Won the regional tender with our plan" --kind win --date yesterday'],
  );
}

function relationCommands(relation: Command, make: MakeContext): void {
  examples(
    relationOptions(relation.command('add').description('add a relation and score them as an ambassador').argument('<name>', 'their full name'), false)
      .action(lazy(make, () => import('../commands/relation/add.js'))),
    ['refer relation add "Sanne Visser" --company "Visser Transport" --kind client --trust 5 --knows-audience --seller --sees-value --experienced-value'],
  );
  examples(
    relation
      .command('import')
      .description("your own network as candidate relations: LinkedIn's Connections.csv, a CRM or address-book CSV, or a vCard file")
      .argument('<file>', 'the export: .csv or .vcf')
      .addOption(choice('--kind <kind>', 'how you know the new ones (default: other)', RELATION_KINDS))
      .option('--dry-run', 'show what would change, change nothing')
      .action(lazy(make, () => import('../commands/relation/import.js'))),
    ['refer relation import ~/Downloads/Connections.csv --dry-run', 'refer relation import clients.vcf --kind client --json'],
  );
  examples(
    relation
      .command('list')
      .description('relations sorted by readiness to be asked, with the reasons')
      .option('--ready', 'only those worth asking now')
      .option('--all', 'include archived relations')
      .action(lazy(make, () => import('../commands/relation/list.js'))),
    ['refer relation list', 'refer relation list --ready --json'],
  );
  examples(
    relation
      .command('show')
      .description('criteria, NPS history, moments, connections, asks, outcomes and follow-ups of one relation')
      .argument('<rel>', 'relation id or name')
      .action(lazy(make, () => import('../commands/relation/show.js'))),
    ['refer relation show "Sanne Visser"', 'refer relation show 3 --json'],
  );
  examples(
    relationOptions(
      relation.command('edit').description('change a relation').argument('<rel>', 'relation id or name').option('--name <name>', 'a new name'),
      true,
    ).action(lazy(make, () => import('../commands/relation/edit.js'))),
    ['refer relation edit "Sanne Visser" --trust 4 --no-seller'],
  );
  examples(
    relation
      .command('archive')
      .description('hide a relation from lists and suggestions (history is kept)')
      .argument('<rel>', 'relation id or name')
      .option('--restore', 'bring an archived relation back')
      .action(lazy(make, () => import('../commands/relation/archive.js'))),
    ['refer relation archive "Wouter Claes"', 'refer relation archive 4 --restore'],
  );
}
