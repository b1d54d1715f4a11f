import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, sandbox } from '../support/run.js';
import { FORMULA_NOTE, now, seed } from './data-seed.js';
import { SCHEMA_VERSION } from '../../src/db/migrations/index.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const FORMULA = /^[=+\-@\t\r\n]/;

describe('refer export (JSON)', () => {
  it('prints every table as rows with camelCase keys, versioned, with ISO UTC times, booleans and lists', async () => {
    await seed(s);
    const r = await s.run(['export'], { now });
    expect(r.code, r.stderr).toBe(0);
    const doc = r.json();
    expect(doc).toMatchObject({ formatVersion: 1, schemaVersion: SCHEMA_VERSION, exportedAt: '2026-11-25T10:00:00.000Z' });
    expect(Object.keys(doc.tables)).toEqual([
      // parents before children, else in the order the schema made them (a rebuilt table counts as new)
      'icp', 'relations', 'npsAnswers', 'moments', 'connections', 'asks', 'referrals', 'referralEvents', 'followups', 'playbookProgress', 'profile', 'profileTexts',
    ]);
    for (const [table, rows] of Object.entries(doc.tables) as Array<[string, unknown[]]>) expect(rows.length, table).toBeGreaterThan(0);
    const sanne = doc.tables.relations[0];
    expect(sanne).toMatchObject({ id: 1, name: 'Sanne Visser', knowsAudience: true, seller: true, role: 'Operations director', note: FORMULA_NOTE, archivedAt: null });
    expect(doc.tables.relations[1]).toMatchObject({ name: 'Bram Kok', knowsAudience: null });
    expect(doc.tables.icp[0]).toMatchObject({ titles: ['CEO', 'COO'], industries: ['logistics'], minSize: null });
    expect(doc.tables.playbookProgress[0].state).toEqual({ draft: 'Mention Sanne Visser first', picked: [3] });
    expect(doc.tables.referralEvents.find((e: any) => e.note)).toMatchObject({ forced: true, stage: 'agreed' });
    expect(doc.tables.referrals.find((f: any) => f.value)).toMatchObject({ value: 1250.5, agreedAt: '2026-11-25T08:00:00.000Z' });
    // every key camelCase, every time an ISO 8601 UTC instant
    for (const rows of Object.values(doc.tables) as Array<Array<Record<string, unknown>>>) {
      for (const row of rows) {
        for (const [key, value] of Object.entries(row)) {
          expect(key).not.toContain('_');
          if (/(At|^at)$/.test(key) && value !== null) expect(value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        }
      }
    }
  });

  it('round-trips: export, import into a new database, export again gives the same document', async () => {
    await seed(s);
    const first = (await s.run(['export'], { now })).json();
    const file = join(s.dir, 'export.json');
    expect((await s.run(['export', '-o', file], { now })).code).toBe(0);
    const other = join(s.dir, 'restored.db');
    const imported = await s.run(['--db', other, 'import', file, '--json'], { now });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json().rows).toMatchObject({ relations: 2, connections: 3, asks: 2, referrals: 3 });
    const later = new Date('2026-12-01T08:00:00Z');
    const second = (await s.run(['--db', other, 'export'], { now: later })).json();
    expect(second.exportedAt).toBe(later.toISOString());
    expect({ ...second, exportedAt: null }).toEqual({ ...first, exportedAt: null });
  });

  it('writes -o atomically with mode 0600, leaving no temporary file, and says so on stderr', async () => {
    await seed(s);
    const file = join(s.dir, 'out', 'export.json');
    const missing = await s.run(['export', '-o', file], { now });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/the folder .*out does not exist/);

    const ok = await s.run(['export', '-o', join(s.dir, 'export.json')], { now });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    expect(ok.stderr).toMatch(/Exported \d+ rows .* to .*export\.json, readable by you only \(mode 0600\)/);
    expect(statSync(join(s.dir, 'export.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(s.dir, 'export.json'), 'utf8')).tables.relations).toHaveLength(2);
    expect(readdirSync(s.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const json = await s.run(['export', '-o', join(s.dir, 'again.json'), '--json'], { now });
    expect(json.json()).toMatchObject({ format: 'json', files: [join(s.dir, 'again.json')], rows: { relations: 2 } });
  });

  it('refuses to export a database that does not exist yet, without creating one', async () => {
    const r = await s.run(['export'], { now });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no database at .*refer\.db yet/);
    expect(() => statSync(s.db)).toThrow();
  });
});

describe('refer export --format csv', () => {
  it('prints one list of people: the relations, then the connections with their relation', async () => {
    await seed(s);
    const r = await s.run(['export', '--format', 'csv'], { now });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^type,id,name,company,role,email,linkedin,location,relationId,relation\r\n/);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((p) => [p.type, p.name, p.relation])).toEqual([
      ['relation', 'Sanne Visser', ''],
      ['relation', 'Bram Kok', ''],
      ['connection', 'Pieter de Groot', 'Sanne Visser'],
      ['connection', 'Ilse Vermeulen', 'Sanne Visser'],
      ['connection', 'Femke Smit', 'Bram Kok'],
    ]);
    // a title such as "-CEO-" would be read as a formula: it gets a quote in front
    expect(rows[3]!.role).toBe("'-CEO-");
  });

  it('writes one file per table into a folder: RFC 4180, a BOM, and no cell that starts a formula', async () => {
    await seed(s);
    const dir = join(s.dir, 'csv');
    const r = await s.run(['export', '--format', 'csv', '-o', dir, '--json'], { now });
    expect(r.code, r.stderr).toBe(0);
    const doc = (await s.run(['export'], { now })).json();
    expect(r.json().files.map((f: string) => f.slice(dir.length + 1))).toEqual(Object.keys(doc.tables).map((k) => `${k}.csv`));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of r.json().files as string[]) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith('\ufeff')).toBe(true);
      // CRLF between records; line breaks inside a cell are quoted
      expect(text.replace(/"[^"]*(?:""[^"]*)*"/g, '').split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
      const cells = (parse(text, { bom: true, relax_column_count: false }) as string[][]).flat();
      for (const cell of cells) expect(cell, file).not.toMatch(FORMULA);
    }
    const relations = parse(readFileSync(join(dir, 'relations.csv')), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(relations[0]).toMatchObject({ name: 'Sanne Visser', note: `'${FORMULA_NOTE}`, knowsAudience: 'true', trust: '5' });
    expect(relations[1]!.note).toBe('Met him through Sanne Visser at the fair.\nSecond line, "quoted".');
    const nps = parse(readFileSync(join(dir, 'npsAnswers.csv')), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(nps[0]!.comment).toBe("'+31 6 1234 5678 is her mobile");
    const moments = parse(readFileSync(join(dir, 'moments.csv')), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(moments[1]!.text).toBe("'@Sanne Visser said the same");
    const followups = parse(readFileSync(join(dir, 'followups.csv')), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(followups[0]!.note).toBe("'\ncall Sanne");
    // an empty table still gets its header
    const empty = await s.run(['--db', join(s.dir, 'empty.db'), 'relation', 'list'], { now });
    expect(empty.code).toBe(0);
    const out = join(s.dir, 'csv-empty');
    expect((await s.run(['--db', join(s.dir, 'empty.db'), 'export', '--format', 'csv', '-o', out], { now })).code).toBe(0);
    expect(readFileSync(join(out, 'moments.csv'), 'utf8')).toBe('\ufeffid,relationId,text,kind,occurredAt,createdAt\r\n');
  });

  it('refuses a file as the CSV folder, changing nothing', async () => {
    await seed(s);
    const file = join(s.dir, 'not-a-folder');
    writeFileSync(file, 'keep me');
    const r = await s.run(['export', '--format', 'csv', '-o', file], { now });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a file; --format csv writes one file per table into a folder/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });
});
