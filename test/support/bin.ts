import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/refer.cjs', import.meta.url));
/** What the bin loads: `npm test` builds it first. */
export const BUILT_CLI = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));

export interface BinResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Spawns the built bin (npm test builds it first) with no terminal, as a script or cron job would. */
export function refer(args: string[], env: Record<string, string | undefined>, input?: string): BinResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, input: input ?? '', encoding: 'utf8', timeout: 20_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** `refer` that must succeed: a failure names the command and shows its stderr. */
export function referOk(args: string[], env: Record<string, string | undefined>, input?: string): BinResult {
  const r = refer(args, env, input);
  if (r.code !== 0) throw new Error(`refer ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r;
}
