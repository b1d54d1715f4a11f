import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Context, GlobalOptions } from '../context.js';
import { explainSqliteError } from '../db/errors.js';

/** What a lazily loaded command module exports. */
export type CommandModule = {
  // commander has parsed and checked the options; each command declares the shape it receives
  default: (ctx: Context, args: string[], opts: any) => Promise<void> | void;
};

/** Creates the context of one run from the global flags (loading its module on first use). */
export type MakeContext = (globals: GlobalOptions) => Promise<Context>;

/**
 * An action that loads its command module only when the command runs (start-up is a hot path).
 * Positional arguments arrive as strings (variadic ones joined into the list).
 */
export function lazy(make: MakeContext, load: () => Promise<CommandModule>) {
  return async (...params: unknown[]) => {
    const cmd = params[params.length - 1] as Command;
    const args = (params.slice(0, -2) as Array<string | string[] | undefined>).flatMap((a) =>
      a === undefined ? [] : Array.isArray(a) ? a : [a],
    );
    const ctx = await make(cmd.optsWithGlobals() as GlobalOptions);
    try {
      // Long listings page on a terminal (src/output/pager.ts decides which, and when).
      await ctx.page(commandPath(cmd));
      const mod = await load();
      await mod.default(ctx, args, cmd.opts());
    } catch (err) {
      throw explainSqliteError(err, ctx.dbPath);
    } finally {
      await ctx.endPaging();
      ctx.close();
    }
  };
}

/** "relation list": the command's names below the program. */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Adds an "Examples:" block to a command's help. */
export function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText('after', '\nExamples:\n' + lines.map((l) => `  $ ${l}`).join('\n'));
}

/** An option limited to a declared list (the list comes from src/core/model.ts). */
export function choice(flags: string, description: string, values: readonly string[]): Option {
  return new Option(flags, description).choices(values as string[]);
}

export function intInRange(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    }
    return n;
  };
}

export const nonNegativeInt = (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number of 0 or more');
  return n;
};

export const nonNegativeNumber = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected an amount of 0 or more');
  return n;
};
