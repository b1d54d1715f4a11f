// The team URL and the password, by libpq's rules (no server needed).

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseTeamUrl, resolvePassword, teamError, where } from '../../src/team/connect.js';

const dir = mkdtempSync(join(tmpdir(), 'refer-pgpass-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseTeamUrl', () => {
  it('keeps host, port, database and user, and drops the password', () => {
    expect(parseTeamUrl('postgres://ann:pw@db.example.com:6543/sales', {})).toEqual({
      url: 'postgres://ann@db.example.com:6543/sales',
      host: 'db.example.com',
      port: 6543,
      database: 'sales',
      user: 'ann',
    });
    expect(parseTeamUrl('postgresql://ann@db.example.com/sales?sslmode=verify-full', {}).url).toBe('postgresql://ann@db.example.com/sales?sslmode=verify-full');
  });

  it("takes libpq's defaults: PGPORT, else 5432; PGUSER, else the login name", () => {
    expect(parseTeamUrl('postgres://ann@db.example.com/sales', {}).port).toBe(5432);
    const u = parseTeamUrl('postgres://db.example.com/sales', { PGUSER: 'bob', PGPORT: '6000' });
    expect(u).toMatchObject({ user: 'bob', port: 6000, url: 'postgres://bob@db.example.com:6000/sales' });
  });

  it('decodes what the URL encodes, and shows an IPv6 host in brackets', () => {
    const u = parseTeamUrl('postgres://ann%2Bsales@[::1]:5433/sales%20team', {});
    expect(u).toMatchObject({ user: 'ann+sales', host: '::1', database: 'sales team' });
    expect(where(u)).toBe('[::1]:5433/sales team');
  });

  it('refuses what is not a PostgreSQL URL as a usage error', () => {
    for (const bad of ['', 'db.example.com', 'https://db.example.com/sales', 'postgres://db.example.com', 'postgres://db.example.com/a/b', 'postgres://ann@h:0/x']) {
      expect(() => parseTeamUrl(bad, {}), bad).toThrow(UsageError);
    }
  });
});

describe('resolvePassword', () => {
  const u = parseTeamUrl('postgres://ann@db.example.com:5432/sales', {});
  const file = (text: string, mode = 0o600) => {
    const path = join(dir, `pgpass-${Math.random().toString(36).slice(2)}`);
    writeFileSync(path, text);
    chmodSync(path, mode);
    return path;
  };

  it('prefers the URL, then PGPASSWORD, then the password file', () => {
    const PGPASSFILE = file('*:*:*:*:from-file\n');
    expect(resolvePassword(u, 'from-url', { PGPASSWORD: 'from-env', PGPASSFILE }, () => {})).toBe('from-url');
    expect(resolvePassword(u, undefined, { PGPASSWORD: 'from-env', PGPASSFILE }, () => {})).toBe('from-env');
    expect(resolvePassword(u, undefined, { PGPASSFILE }, () => {})).toBe('from-file');
    expect(resolvePassword(u, undefined, { PGPASSFILE: join(dir, 'none') }, () => {})).toBeUndefined();
  });

  it('reads the first matching line, with * wildcards and \\: \\\\ escapes, skipping comments', () => {
    const PGPASSFILE = file(
      ['# comment', 'other.example.com:5432:sales:ann:wrong-host', 'db.example.com:5432:sales:bob:wrong-user', 'db.example.com:*:sales:ann:a\\:b\\\\c', '*:*:*:*:too-late'].join('\n'),
    );
    expect(resolvePassword(u, undefined, { PGPASSFILE }, () => {})).toBe('a:b\\c');
  });

  it('finds ~/.pgpass through HOME, and ignores a file others may read, with a warning', () => {
    writeFileSync(join(dir, '.pgpass'), 'db.example.com:5432:sales:ann:home-pw\n', { mode: 0o600 });
    expect(resolvePassword(u, undefined, { HOME: dir }, () => {})).toBe('home-pw');
    const warnings: string[] = [];
    const loose = file('*:*:*:*:loose\n', 0o644);
    expect(resolvePassword(u, undefined, { PGPASSFILE: loose }, (w) => warnings.push(w))).toBeUndefined();
    expect(warnings.join()).toMatch(/chmod 600/);
  });
});

describe('teamError', () => {
  const u = parseTeamUrl('postgres://ann@db.example.com:5432/sales', {});
  it('names host and port in one line for each kind of failure, exit 1', () => {
    for (const err of [
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('getaddrinfo ENOTFOUND db.example.com'), { code: 'ENOTFOUND' }),
      new Error('Connection terminated due to connection timeout'),
      Object.assign(new Error('password authentication failed for user "ann"'), { code: '28P01' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('permission denied for schema refer'), { code: '42501' }),
      new Error('something else\nwith a second line'),
    ]) {
      const e = teamError(err, u);
      expect(e.exitCode, err.message).toBe(1);
      expect(e.message).toContain('db.example.com:5432');
      expect(e.message).not.toContain('\n');
    }
  });
});
