import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws when it is not exactly one JSON document) */
  json<T = any>(): T;
}

export interface Sandbox {
  dir: string;
  db: string;
  env: Record<string, string | undefined>;
  /** runs refer in-process, as in a pipe (no terminal), against this sandbox's database */
  run(args: string[], opts?: { now?: Date; tty?: boolean; stdin?: string; env?: Record<string, string> }): Promise<RunResult>;
  cleanup(): void;
}

/** A temporary folder with its own database and XDG folders: tests never touch the real ones. */
export function sandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'refer-test-'));
  const db = join(dir, 'data', 'refer.db');
  const env = {
    HOME: dir,
    XDG_DATA_HOME: join(dir, 'data-home'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    REFER_DB: db,
    NO_COLOR: '1',
    // A test's "terminal" is a stream the test reads, where a pager would stand in the way; the
    // pager tests set their own.
    PAGER: 'cat',
    TZ: process.env.TZ,
    PATH: process.env.PATH,
  };
  return {
    dir,
    db,
    env,
    async run(args, opts = {}) {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const stdin = new PassThrough();
      let out = '';
      let err = '';
      stdout.on('data', (d) => (out += d));
      stderr.on('data', (d) => (err += d));
      if (opts.stdin !== undefined) stdin.end(opts.stdin);
      else stdin.end();
      const tty = opts.tty ?? false;
      // inquirer ends the output stream it was given when a prompt closes; a real terminal stays
      // open, so later output of the command must still be captured
      Object.assign(stdout, { isTTY: tty, end: () => stdout });
      Object.assign(stdin, { isTTY: tty });
      const clock = opts.now ? () => opts.now as Date : undefined;
      const code = await main(args, { stdin, stdout, stderr }, { ...env, ...opts.env }, clock);
      return {
        code,
        stdout: out,
        stderr: err,
        json() {
          return JSON.parse(out);
        },
      };
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
