// Long listings on a terminal go through a pager, as git's do (pager.c): $REFER_PAGER, else
// $PAGER, else `less -FRX` (which quits at once when the output fits the screen, keeps colours,
// and leaves the text on the screen). Decided here, once, for every command: never when stdout is
// not a terminal, never with --json, never with --no-pager, and not when the pager is "" or "cat".
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Writable } from 'node:stream';

/** The listings that page (by command path); every other command writes straight to the terminal. */
export const PAGED_COMMANDS: readonly string[] = ['relation list', 'relation show', 'connection list', 'templates list', 'followup', 'stats', 'today'];

type Env = Record<string, string | undefined>;

const DEFAULT = 'less -FRX';

function onPath(program: string, env: Env): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, program)));
}

/** The pager command to run, or null for none. */
export function pagerFor(opts: { tty: boolean; json: boolean; flag: boolean | undefined; env: Env }): string | null {
  if (!opts.tty || opts.json || opts.flag === false) return null;
  const chosen = opts.env.REFER_PAGER ?? opts.env.PAGER;
  if (chosen !== undefined) return chosen.trim() === '' || chosen.trim() === 'cat' ? null : chosen;
  // Without less there is no pager rather than an error: the listing is shown as it is.
  return onPath('less', opts.env) ? DEFAULT : null;
}

export interface Paging {
  /** where the listing goes: the pager's input */
  stdout: Writable & { isTTY?: boolean; columns?: number };
  /** closes the pager's input and waits until the rep quits it */
  done(): Promise<void>;
}

/**
 * Starts the pager with the terminal as its output. A pager that cannot start, or that the rep
 * quits before the end, loses nothing that matters: the writes after it are dropped quietly.
 */
export function startPager(command: string, terminal: { isTTY?: boolean; columns?: number }, env: Env): Paging {
  const child: ChildProcess = spawn(command, {
    shell: true,
    stdio: ['pipe', 'inherit', 'inherit'],
    // As git does: less keeps colours and quits on a short listing, unless the rep set LESS.
    env: { ...env, LESS: env.LESS ?? 'FRX', LV: env.LV ?? '-c' },
  });
  const input = child.stdin!;
  input.on('error', () => {});
  const exited = new Promise<void>((resolve) => {
    child.on('error', () => resolve());
    child.on('close', () => resolve());
  });
  const stdout = Object.assign(input, { isTTY: terminal.isTTY, columns: terminal.columns });
  return {
    stdout,
    async done() {
      input.end();
      await exited;
    },
  };
}
