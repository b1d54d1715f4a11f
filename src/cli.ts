import { Command, CommanderError } from 'commander';
import type { Context, Env, GlobalOptions, Io } from './context.js';
import { EXIT, EXIT_MEANINGS, ReferError } from './errors.js';
import { LANGS } from './core/model.js';
import { choice, type MakeContext } from './register/util.js';
import { registerSetup } from './register/setup.js';
import { registerRelation } from './register/relation.js';
import { registerConnection } from './register/connection.js';
import { registerFollowup } from './register/followup.js';
import { registerAsk } from './register/ask.js';
import { registerData } from './register/data.js';
import { registerStats } from './register/stats.js';
import { registerTeam } from './register/team.js';
import { registerDefault, registerGuide } from './register/guide.js';
import { registerCompletion } from './register/completion.js';
import pkg from '../package.json' with { type: 'json' };

/** Declares a group's commands; `deep: false` leaves out their subcommands (for the top-level help). */
type Register = (program: Command, make: MakeContext, deep?: boolean) => void;

/** The top-level commands, by the module that declares them (in the order `--help` lists them). */
export const GROUPS: ReadonlyArray<readonly [readonly string[], Register]> = [
  [['init', 'profile', 'icp'], registerSetup],
  [['relation', 'nps', 'moment'], registerRelation],
  [['connection'], registerConnection],
  [['ask', 'lint', 'templates'], registerAsk],
  [['followup', 'outcome'], registerFollowup],
  [['stats'], registerStats],
  [['demo', 'playbook', 'today'], registerGuide],
  [['export', 'import', 'backup', 'forget'], registerData],
  [['team'], registerTeam],
  [['completion'], registerCompletion],
];

/** Global options that take a value: the word after them is not the command. */
const VALUE_OPTIONS = ['--db', '--lang'];

/** The first word of `argv` that is not a global option or its value: the command, if any. */
function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (VALUE_OPTIONS.includes(word)) i++;
    else if (!word.startsWith('-')) return word;
  }
  return undefined;
}

/**
 * Builds the command tree. Command modules load lazily, when their command runs. Given the
 * arguments, it declares only what can run: the group of the command named, or without one the
 * top-level commands (a few ms less at every start); without the arguments, the whole tree.
 */
export function buildProgram(io: Io, env: Env, clock?: () => Date, argv?: readonly string[]): Command {
  // The context loads with the first command that runs (and chalk with it): `--help` needs neither.
  const make = async (globals: GlobalOptions): Promise<Context> => new (await import('./context.js')).Context(io, env, globals, clock);
  const program = new Command('refer')
    .description('Referral selling as a daily habit: trusted relations, ICP-fit connections, value-focused asks, follow-ups and honest stats.')
    .version(pkg.version, '-V, --version')
    .option('--db <file>', 'database file (default: $REFER_DB, else $XDG_DATA_HOME/refer/refer.db)')
    .option('--json', 'print exactly one JSON document on stdout')
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .option('--no-input', 'never prompt; a missing value is an error that names the flag')
    .option('--no-pager', 'never send long listings through $PAGER (else less -FRX) on a terminal')
    .addOption(choice('--lang <lang>', 'language of generated scripts (default: the profile, else en)', LANGS))
    .showSuggestionAfterError()
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();
  program.addHelpText(
    'after',
    `
The playbook:
  1. pick trusted relations     refer relation add "Sanne Visser" --trust 5 --seller --experienced-value
  2. list 5-10 ICP connections  refer connection import "Sanne Visser" Connections.csv
  3. draft a value-focused ask  refer ask "Sanne Visser" --to 12 14 --channel email
  4. follow up in 15 minutes    refer followup
  5. track outcomes             refer outcome 12 introduced; refer stats

Examples:
  $ refer init
  $ refer relation list --ready
  $ refer --db /tmp/try.db relation add "Joris de Wit" --kind client --trust 4

Environment:
  REFER_DB         the database file (else $XDG_DATA_HOME/refer/refer.db)
  XDG_DATA_HOME    the data folder: the database, the demo, backups (default ~/.local/share)
  XDG_CONFIG_HOME  the config folder: your own templates (default ~/.config)
  NO_COLOR         no colour when set; FORCE_COLOR=1 colour also in a pipe (0 never)
  REFER_PAGER      the pager for long listings on a terminal (else $PAGER, else less -FRX)
  PGPASSWORD       refer team: the password, by libpq's rules (also PGPASSFILE, else ~/.pgpass)
  REFER_DEBUG=1    the stack trace of an unexpected error

Exit codes: ${EXIT_MEANINGS.map(([code, meaning]) => `${code} ${meaning}`).join(', ')}.`,
  );
  const word = argv && commandWord(argv);
  const group = GROUPS.find(([names]) => names.includes(word!));
  if (group) group[1](program, make);
  else {
    // Without a command (help, version, plain `refer`) the top-level commands will do; with an
    // unknown word (an error with suggestions), every subcommand too.
    const deep = argv === undefined || word !== undefined;
    for (const [, register] of GROUPS) register(program, make, deep);
    // plain `refer` shows today
    registerDefault(program, make);
  }
  // Subcommands inherit the output settings and the exit override.
  return program;
}

/** Runs refer with `argv` (without node and script) and returns the exit code. Never exits. */
export async function main(argv: string[], io: Io, env: Env, clock?: () => Date): Promise<number> {
  try {
    // The completion scripts' entry (as `gh __complete`): every word after it is data, read
    // against the whole tree, and never an option of refer's own.
    if (argv[0] === '__complete') {
      const make = async (globals: GlobalOptions): Promise<Context> => new (await import('./context.js')).Context(io, env, globals, clock);
      await (await import('./commands/complete.js')).completeCommand(make, buildProgram(io, env, clock), argv.slice(1));
      return EXIT.ok;
    }
    await buildProgram(io, env, clock, argv).parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    return report(err, io, env);
  }
}

function report(err: unknown, io: Io, env: Env): number {
  if (err instanceof CommanderError) {
    // commander has printed its message (or the help) already
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (err instanceof ReferError) {
    io.stderr.write(`error: ${err.message}\n` + err.details.map((d) => `  ${d}\n`).join(''));
    if (env.REFER_DEBUG === '1' && err.stack) io.stderr.write(err.stack + '\n');
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`error: unexpected: ${message.split('\n')[0]}\n`);
  if (env.REFER_DEBUG === '1' && err instanceof Error && err.stack) io.stderr.write(err.stack + '\n');
  else io.stderr.write('  (set REFER_DEBUG=1 to see the details)\n');
  return EXIT.failure;
}

/** The entry point of the shipped bin. */
export async function run(): Promise<void> {
  // A closed pipe (`refer relation list | head -1`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  process.exitCode = await main(process.argv.slice(2), process, process.env);
}
