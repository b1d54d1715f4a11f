// The connection to the team's PostgreSQL database. node-postgres (`pg`) is loaded here only, on
// first use, so that no command outside `refer team` pays for it at start-up.
//
// The password follows libpq's rules: the URL given at `join` or `setup` (used once, never
// stored), else PGPASSWORD, else the password file (PGPASSFILE, else ~/.pgpass, ignored when
// others may read it). It is never stored, printed, or put in an error message.

import { readFileSync, statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';
import type { Env } from '../context.js';
import { FailureError, ReferError, UsageError } from '../errors.js';
import { CLIENT_SCHEMA_VERSION, serverSchemaVersion } from './schema.js';

export interface TeamUrl {
  /** the URL without its password (what is stored and shown) */
  url: string;
  host: string;
  port: number;
  database: string;
  user: string;
}

export interface Team {
  url: TeamUrl;
  client: Client;
  /** who this rep is on the server: current_user */
  rep: string;
  /** the server's schema version (refer.meta) */
  schemaVersion: number;
  close(): Promise<void>;
}

const EXPECTED = 'expected postgres://USER@HOST[:PORT]/DATABASE';

/** The URL with any password masked, for a message about a URL that could not be used. */
function masked(text: string): string {
  return text.replace(/^((?:[a-z][a-z0-9+.-]*:\/\/)?[^:/@\s]*):\S*@/i, '$1:***@');
}

/**
 * Parses a team URL (postgres:// or postgresql://). A bad URL is a usage error (exit 2); the
 * password, if any, is left out of the result. Without a user, libpq's default: PGUSER, else
 * the login name; without a port, PGPORT, else 5432.
 */
export function parseTeamUrl(text: string, env: Env = process.env): TeamUrl {
  return parseWithPassword(text, env).url;
}

function parseWithPassword(text: string, env: Env): { url: TeamUrl; password: string | undefined } {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    throw new UsageError(`not a PostgreSQL URL: "${masked(text)}" (${EXPECTED})`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new UsageError(`not a PostgreSQL URL: "${masked(text)}" (${EXPECTED})`);
  }
  const host = decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new UsageError(`the URL names no host: "${masked(text)}" (${EXPECTED})`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) throw new UsageError(`the URL names no database: "${masked(text)}" (${EXPECTED})`);
  const portText = u.port || env.PGPORT || '5432';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw new UsageError(`bad port "${portText}" in the URL (${EXPECTED})`);
  const user = decodeURIComponent(u.username) || env.PGUSER || safeLoginName();
  // libpq also takes the password as a parameter (?password=…): used like one in the userinfo,
  // and never kept in the URL
  const param = u.searchParams.get('password');
  const password = u.password ? decodeURIComponent(u.password) : param || undefined;
  const clean = new URL(u.href);
  clean.password = '';
  for (const secret of ['password', 'sslpassword']) clean.searchParams.delete(secret);
  clean.username = encodeURIComponent(user);
  if (!clean.port && port !== 5432) clean.port = String(port);
  return { url: { url: clean.href, host, port, database, user }, password };
}

function safeLoginName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'postgres';
  }
}

/** "host:port", for messages (an IPv6 host in brackets). */
export function hostPort(u: TeamUrl): string {
  return `${u.host.includes(':') ? `[${u.host}]` : u.host}:${u.port}`;
}

/** "host:port/database", for messages. */
export function where(u: TeamUrl): string {
  return `${hostPort(u)}/${u.database}`;
}

// ---- the password, by libpq's rules ----

/** Splits a line of the password file on unescaped colons, undoing `\:` and `\\`. */
function pgpassFields(line: string): string[] {
  const fields: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) cur += line[++i];
    else if (c === ':') {
      fields.push(cur);
      cur = '';
    } else cur += c;
  }
  fields.push(cur);
  return fields;
}

/** What the password file says for this connection, if anything. */
function fromPgpass(u: TeamUrl, env: Env, warn: (text: string) => void): string | undefined {
  const file = env.PGPASSFILE || join(env.HOME || homedir(), '.pgpass');
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) return undefined;
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      warn(`the password file ${file} may be read by others (mode ${(st.mode & 0o777).toString(8)}); it is ignored, as libpq does: chmod 600 it`);
      return undefined;
    }
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const want = [u.host, String(u.port), u.database, u.user];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const f = pgpassFields(raw);
    if (f.length < 5) continue;
    const matches = want.every((w, i) => f[i] === '*' || f[i] === w || (i === 0 && w === '127.0.0.1' && f[i] === 'localhost'));
    if (matches) return f.slice(4).join(':');
  }
  return undefined;
}

/** The password for a connection by libpq's rules: the URL's, else PGPASSWORD, else the password file. */
export function resolvePassword(u: TeamUrl, given: string | undefined, env: Env, warn: (text: string) => void): string | undefined {
  if (given !== undefined) return given;
  if (env.PGPASSWORD !== undefined && env.PGPASSWORD !== '') return env.PGPASSWORD;
  return fromPgpass(u, env, warn);
}

// ---- errors ----

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE']);

/**
 * One line for whatever went wrong talking to the server, naming host and port and what to do.
 * Unreachable, refused or not set up: exit 1 (a failure); the local changes stay for later.
 */
export function teamError(err: unknown, u: TeamUrl): ReferError {
  if (err instanceof ReferError) return err;
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  const message = String(e?.message ?? err).split('\n')[0]!;
  const at = where(u);
  const hp = hostPort(u);
  const kept = 'your changes are kept for the next refer team sync';
  if (UNREACHABLE.has(code) || /timeout expired|Connection terminated|connect ETIMEDOUT/i.test(message)) {
    return new FailureError(`cannot reach the team server at ${hp} (${code || message}); ${kept}`);
  }
  switch (code) {
    case '28P01':
    case '28000':
      return new FailureError(`the team server at ${hp} refused ${u.user}: wrong or missing password (set PGPASSWORD or add a line to ~/.pgpass)`);
    case '3D000':
      return new FailureError(`there is no database "${u.database}" on the team server at ${hp}; check the URL`);
    case '42501':
      return new FailureError(`${u.user} may not use the team database at ${at}: ask its owner to run GRANT refer_member TO ${u.user}`);
    case '57P01':
    case '57P02':
    case '57P03':
    case '08006':
    case '08001':
    case '08003':
    case '08004':
      return new FailureError(`the team server at ${hp} is not available (${message}); ${kept}`);
    case '3F000':
    case '42P01':
      return new FailureError(`the team database at ${at} is not set up: its owner runs refer team setup URL first`);
  }
  if (/password must be|SASL|no password/i.test(message)) {
    return new FailureError(`no password for ${u.user} at ${hp}: set PGPASSWORD or add a line to ~/.pgpass`);
  }
  if (/self[- ]signed|certificate|SSL|TLS/i.test(message)) {
    return new FailureError(`the team server at ${hp}: ${message} (check sslmode in the URL)`);
  }
  return new FailureError(`the team server at ${hp}: ${message}`);
}

// ---- connecting ----

export interface ConnectOptions {
  /** for a warning about the password file */
  warn?: (text: string) => void;
}

function destroy(client: Client): void {
  const stream = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
  stream?.destroy();
  client.end().catch(() => {});
}

/** Connects without looking at the team schema (for `team setup`). */
export async function openClient(text: string, env: Env, opts: ConnectOptions = {}): Promise<{ url: TeamUrl; client: Client }> {
  const { url, password } = parseWithPassword(text, env);
  const secret = resolvePassword(url, password, env, opts.warn ?? (() => {}));
  const target = new URL(url.url);
  if (secret !== undefined) target.password = encodeURIComponent(secret);
  // sslmode as libpq means it (require: encrypted, the certificate not checked; verify-full: checked);
  // node-postgres otherwise reads require as verify-full and prints a warning of many lines
  if (target.searchParams.has('sslmode') && !target.searchParams.has('uselibpqcompat')) target.searchParams.set('uselibpqcompat', 'true');
  const timeout = Number(env.PGCONNECT_TIMEOUT) > 0 ? Number(env.PGCONNECT_TIMEOUT) * 1000 : 10_000;
  let client: Client | undefined;
  try {
    const pg = await import('pg');
    const ClientClass = (pg.default?.Client ?? pg.Client) as typeof Client;
    client = new ClientClass({
      connectionString: target.href,
      connectionTimeoutMillis: timeout,
      application_name: 'refer',
    });
    // a server that goes away between queries must not crash the process: the query fails instead
    client.on('error', () => {});
    await client.connect();
  } catch (err) {
    // a connection refused half-way (authentication) may keep its socket open: close it, or the
    // process would wait on it
    if (client) destroy(client);
    throw teamError(err, url);
  }
  return { url, client };
}

export function newerServer(version: number): FailureError {
  return new FailureError(
    `the team database is at schema ${version}, this refer knows ${CLIENT_SCHEMA_VERSION}; upgrade refer (nothing was changed)`,
  );
}

/**
 * Connects as the rep in the URL and checks the team schema: never set up, or newer than this
 * refer knows, is a failure (exit 1) and nothing is changed.
 */
export async function connectTeam(text: string, env: Env, opts: ConnectOptions = {}): Promise<Team> {
  const { url, client } = await openClient(text, env, opts);
  const close = async () => {
    await client.end().catch(() => {});
  };
  try {
    const version = await serverSchemaVersion(client);
    if (version === 0) throw new FailureError(`the team database at ${where(url)} is not set up: its owner runs refer team setup URL first`);
    if (version > CLIENT_SCHEMA_VERSION) throw newerServer(version);
    const me = await client.query<{ rep: string }>('SELECT current_user AS rep');
    return { url, client, rep: me.rows[0]!.rep, schemaVersion: version, close };
  } catch (err) {
    await close();
    throw teamError(err, url);
  }
}
