import { Argument, type Command } from 'commander';
import { examples, lazy, type MakeContext } from './util.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export function registerCompletion(program: Command, make: MakeContext): void {
  examples(
    program
      .command('completion')
      .description('print a shell completion script: commands, flags, their values, and relation names and ids')
      .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
      .action(lazy(make, () => import('../commands/completion.js'))),
    ['source <(refer completion bash)', 'refer completion zsh > "${fpath[1]}/_refer"', 'refer completion fish > ~/.config/fish/completions/refer.fish'],
  );
}
