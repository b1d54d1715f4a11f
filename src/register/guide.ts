import { type Command, Option } from 'commander';
import { examples, intInRange, lazy, type MakeContext } from './util.js';

export function registerGuide(program: Command, make: MakeContext): void {
  examples(
    program
      .command('demo')
      .description('fill a separate demo database with a realistic sample and print what to try next (your own data is never touched)')
      .option('--force', 'replace an existing demo database without asking')
      .addOption(new Option('--seed <n>', 'another sample: the same seed always gives the same demo').argParser(intInRange(0, 4_294_967_295)))
      .action(lazy(make, () => import('../commands/demo.js'))),
    ['refer demo', 'refer demo --db /tmp/try.db --force', 'refer demo --seed 7 --json'],
  );
  examples(
    program
      .command('playbook')
      .description('the guided walk through steps 1-4 for one relation, on a terminal; each answer is saved at once, and it resumes where you left')
      .action(lazy(make, () => import('../commands/playbook.js'))),
    ['refer playbook', 'refer --lang nl playbook', 'refer --db /tmp/try.db playbook'],
  );
  examples(
    program
      .command('today')
      .description('what to do now: follow-ups due, who is worth asking, referrals waiting too long, this month in one line')
      .action(lazy(make, () => import('../commands/today.js'))),
    ['refer today', 'refer', 'refer today --json'],
  );
}

/**
 * Plain `refer`, without a command, shows `refer today`. The optional operand only catches a
 * mistyped command, so that it stays commander's "unknown command" error with its suggestion
 * instead of running today.
 */
export function registerDefault(program: Command, make: MakeContext): void {
  const today = lazy(make, () => import('../commands/today.js'));
  program
    .usage('[options] [command]')
    .argument('[command...]')
    .action(async (words: string[], opts: unknown, cmd: Command) => {
      if (words[0] === 'help') return helpOf(program, words.slice(1));
      // unknownCommand is commander's own (untyped) error for this case
      if (words.length > 0) (program as unknown as { unknownCommand(): never }).unknownCommand();
      await today(opts, cmd);
    });
}

/** `refer help relation add`: the help of that command, as `refer relation add --help` shows it. */
function helpOf(program: Command, path: string[]): void {
  let cmd = program;
  for (const name of path) {
    const sub = cmd.commands.find((c) => c.name() === name);
    if (!sub) program.error(`error: no command "${path.join(' ')}"; \`refer --help\` lists them`, { exitCode: 2 });
    cmd = sub;
  }
  cmd.help();
}
