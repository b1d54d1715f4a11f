import { type Command, Option } from 'commander';
import { LANGS } from '../core/model.js';
import { choice, examples, lazy, type MakeContext, nonNegativeInt } from './util.js';

/** The profile flags, shared by `init` and `profile set`. */
function profileOptions(cmd: Command): Command {
  return cmd
    .option('--name <name>', 'your name, as your relations know you')
    .option('--company <company>', 'your company')
    .option('--offer <text>', 'what you offer, in one line (e.g. "route planning software for regional carriers")')
    .option('--value <text>', 'the value you create for a client, in their terms (e.g. "20% fewer empty kilometres")');
  // the language of the profile is the global --lang
}

/** The ICP flags, shared by `init` and `icp set`. */
function icpOptions(cmd: Command): Command {
  return cmd
    .option('--industries <list>', 'comma-separated industries (e.g. "logistics,transport")')
    .option('--titles <list>', 'comma-separated roles or titles (e.g. "CEO,operations director,fleet manager")')
    .addOption(new Option('--min-size <n>', 'smallest company size (employees)').argParser(nonNegativeInt))
    .addOption(new Option('--max-size <n>', 'largest company size (employees)').argParser(nonNegativeInt))
    .option('--regions <list>', 'comma-separated regions (e.g. "Netherlands,Belgium")')
    .option('--exclude-companies <list>', 'comma-separated companies never to approach (clients, competitors)');
}

export function registerSetup(program: Command, make: MakeContext, deep = true): void {
  const init = icpOptions(
    profileOptions(program.command('init').description('set up your profile and Ideal Customer Profile (a wizard on a terminal)')),
  ).action(lazy(make, () => import('../commands/init.js')));
  examples(init, [
    'refer init',
    'refer init --no-input --name "Eva Jansen" --company Routewise --offer "route planning for regional carriers" --value "fewer empty kilometres" --titles "CEO,fleet manager" --industries logistics --regions Netherlands',
  ]);

  const profile = program.command('profile').description('your name, company, offer and the value you create');
  const icp = program.command('icp').description('your Ideal Customer Profile: who fits your offer');
  if (deep) {
    profileCommands(profile, make);
    icpCommands(icp, make);
  }
}

function profileCommands(profile: Command, make: MakeContext): void {
  examples(
    profileOptions(profile.command('set').description('change your profile'))
      .addOption(choice('--in <lang>', 'the language --offer and --value are written in (default: your main language, --lang)', LANGS))
      .action(lazy(make, () => import('../commands/profile/set.js'))),
    [
      'refer profile set --value "fewer empty kilometres, lower fuel bills"',
      'refer profile set --lang nl',
      'refer profile set --in da --offer "ruteplanlægning til regionale vognmænd" --value "færre tomme kilometer"',
    ],
  );
  examples(profile.command('show').description('show your profile').action(lazy(make, () => import('../commands/profile/show.js'))), [
    'refer profile show --json',
  ]);
}

function icpCommands(icp: Command, make: MakeContext): void {
  examples(
    icpOptions(icp.command('set').description('set the ICP (only the given fields change; an empty value clears a list)'))
      .action(lazy(make, () => import('../commands/icp/set.js'))),
    ['refer icp set --industries "logistics,transport" --titles "CEO,COO,fleet manager" --min-size 20 --max-size 500', 'refer icp set --regions Netherlands,Belgium --exclude-companies "Cargoline BV"'],
  );
  examples(icp.command('show').description('show the ICP').action(lazy(make, () => import('../commands/icp/show.js'))), ['refer icp show']);
}
