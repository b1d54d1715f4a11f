import { Chalk, type ChalkInstance } from 'chalk';

type Env = Record<string, string | undefined>;

/**
 * The colour rules of clig.dev: `--no-color` or a non-empty `NO_COLOR` turn colour off,
 * `FORCE_COLOR` (other than 0/false) turns it on, otherwise only a terminal that is not `dumb` gets colour.
 */
export function wantColor(opts: { flag: boolean; isTTY: boolean; env: Env }): boolean {
  if (!opts.flag) return false;
  if (opts.env.NO_COLOR) return false;
  const force = opts.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return opts.isTTY && opts.env.TERM !== 'dumb';
}

export type Style = ChalkInstance;

/** A chalk instance whose level we decide, instead of chalk's own guess from the process. */
export function makeStyle(color: boolean): Style {
  return new Chalk({ level: color ? 1 : 0 });
}
