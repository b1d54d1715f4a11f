import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

/** `$XDG_DATA_HOME/refer`, else `~/.local/share/refer`. */
export function dataDir(env: Env): string {
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'refer');
}

/** `$XDG_CONFIG_HOME/refer`, else `~/.config/refer`. */
export function configDir(env: Env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'refer');
}

/** The database file: `--db`, else `REFER_DB`, else the default in the data folder. */
export function dbPath(flag: string | undefined, env: Env): string {
  return flag || env.REFER_DB || join(dataDir(env), 'refer.db');
}
