// The ask out of the terminal through the built bin: --copy, --eml and --open, with the desktop's
// tools (xsel, xdg-open) replaced by recording stand-ins on PATH, and the .eml read back by an
// independent parser (postal-mime).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refer, referOk } from '../support/bin.js';
import { fakeBin } from '../support/fake-bin.js';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
  const ok = (args: string[]) => referOk(args, s.env);
  ok(['init', '--no-input', '--name', 'Eva Jansen', '--company', 'Routewise', '--offer', 'route planning software', '--value', 'fewer empty kilometres']);
  ok(['relation', 'add', 'Zoë Brandsma', '--email', 'zoe@example.nl', '--linkedin', 'https://www.linkedin.com/in/zoe-brandsma-fict', '--trust', '5']);
  ok(['relation', 'add', 'Bram Kok']);
  ok(['connection', 'add', '1', 'Anna de Vries', '--title', 'COO']);
  ok(['connection', 'add', '2', 'Joost Peters', '--title', 'CFO']);
});
afterEach(() => s.cleanup());

const asks = () => {
  const db = new Database(s.db, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM asks').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('refer ask --copy', () => {
  it('puts the script, or with `forward` the message to forward, on the clipboard', async () => {
    const bin = fakeBin(s.dir, ['xsel'], { readsStdin: ['xsel'] });
    const env = { ...s.env, PATH: bin.path };
    const r = referOk(['ask', '1', '--to', '1', '--channel', 'email', '--copy', '--json'], env);
    const json = JSON.parse(r.stdout);
    expect(bin.record('xsel')).toEqual({ args: '--clipboard --input', stdin: json.script });
    expect(r.stderr).toContain('Copied the script to the clipboard.');
    const f = referOk(['ask', '1', '--to', '1', '--channel', 'email', '--copy', 'forward', '--dry-run', '--json'], env);
    expect(bin.record('xsel')!.stdin).toBe(JSON.parse(f.stdout).forward);
  });

  it('without a clipboard warns in one line, and the ask is still stored', () => {
    const bin = fakeBin(s.dir, []);
    const r = refer(['ask', '1', '--to', '1', '--copy'], { ...s.env, PATH: bin.dir });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('warning: could not copy'))).toHaveLength(1);
    expect(r.stdout).toContain('Stored ask 1');
    expect(asks()).toBe(1);
  });

  it('refuses a value other than script or forward', () => {
    const r = refer(['ask', '1', '--to', '1', '--copy', 'all'], s.env);
    expect(r.code).toBe(2);
    expect(asks()).toBe(0);
  });
});

describe('refer ask --eml', () => {
  it('writes an unsent RFC 5322 draft in UTF-8: To the relation, Subject from the first line, the script as body', async () => {
    const file = join(s.dir, 'ask.eml');
    const r = referOk(['ask', 'Zoë Brandsma', '--to', '1', '--eml', file, '--json'], s.env);
    const script: string = JSON.parse(r.stdout).script;
    const raw = readFileSync(file);
    expect(raw.toString('latin1')).toMatch(/^X-Unsent: 1\r$/m);
    const mail = await PostalMime.parse(raw);
    expect(mail.to).toEqual([{ address: 'zoe@example.nl', name: '' }]);
    const [first, ...rest] = script.split('\n');
    expect(first).toMatch(/^Subject: /);
    expect(mail.subject).toBe(first!.replace(/^Subject: /, ''));
    expect(mail.text!.trim()).toBe(rest.join('\n').trim());
    expect(mail.text).toContain('Hi Zoë');
    expect(mail.headers.find((h) => h.key === 'x-unsent')?.value).toBe('1');
    expect(mail.headers.find((h) => h.key === 'content-type')?.value).toMatch(/charset=utf-8/i);
  });

  it('leaves To out when the address is unknown', async () => {
    const file = join(s.dir, 'bram.eml');
    referOk(['ask', 'Bram Kok', '--to', '2', '--eml', file], s.env);
    const mail = await PostalMime.parse(readFileSync(file));
    expect(mail.to ?? []).toEqual([]);
  });

  it('refuses a path in a missing folder as a usage error, before anything is stored', () => {
    const file = join(s.dir, 'no', 'such', 'ask.eml');
    const r = refer(['ask', '1', '--to', '1', '--eml', file], s.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --eml .*: no folder/);
    expect(existsSync(file)).toBe(false);
    expect(asks()).toBe(0);
  });
});

describe('refer ask --open', () => {
  it('e-mail: hands a mailto: draft with address, subject and body to the opener', async () => {
    const bin = fakeBin(s.dir, ['xdg-open']);
    const r = referOk(['ask', '1', '--to', '1', '--channel', 'email', '--open', '--json'], { ...s.env, PATH: bin.path });
    const { script } = JSON.parse(r.stdout);
    const url = new URL((await bin.waitFor('xdg-open')).args);
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe('zoe@example.nl');
    expect(url.searchParams.get('subject')).toBe(script.split('\n')[0].replace(/^Subject: /, ''));
    expect(url.searchParams.get('body')).toContain('Hi Zoë');
  });

  it("linkedin: opens the relation's profile; without one, a warning and the ask is stored", async () => {
    const bin = fakeBin(s.dir, ['xdg-open']);
    const env = { ...s.env, PATH: bin.path };
    referOk(['ask', '1', '--to', '1', '--channel', 'linkedin', '--open'], env);
    expect((await bin.waitFor('xdg-open')).args).toBe('https://www.linkedin.com/in/zoe-brandsma-fict');
    const r = refer(['ask', '2', '--to', '2', '--channel', 'linkedin', '--open'], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: no LinkedIn profile for Bram Kok');
    expect(asks()).toBe(2);
  });

  it('without an opener warns, and the ask is still stored', () => {
    const bin = fakeBin(s.dir, []);
    const r = refer(['ask', '1', '--to', '1', '--open'], { ...s.env, PATH: bin.dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: could not open the mail client/);
    expect(asks()).toBe(1);
  });
});
