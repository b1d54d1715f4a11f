import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
beforeEach(async () => {
  s = sandbox();
  await s.run(['relation', 'add', 'Sanne Visser', '--trust', '5']);
  await s.run(['relation', 'add', 'Bram Kok']);
  await s.run(['icp', 'set', '--titles', 'CEO,CFO', '--industries', 'logistics', '--regions', 'Netherlands', '--min-size', '20', '--max-size', '500', '--exclude-companies', 'Cargoline BV']);
});
afterEach(() => s.cleanup());

const fixture = (path: string) => new URL(`../fixtures/${path}`, import.meta.url).pathname;
const HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';

describe('refer connection import', () => {
  it('imports a LinkedIn export, counts the nameless rows, and a re-import changes nothing', async () => {
    const first = await s.run(['connection', 'import', 'Sanne Visser', fixture('linkedin/current-with-notes.csv'), '--json']);
    expect(first.code).toBe(0);
    expect(first.json()).toMatchObject({ format: 'linkedin', imported: 9, updated: 0, skipped: 1, errors: [] });
    const again = (await s.run(['connection', 'import', 'Sanne Visser', fixture('linkedin/current-with-notes.csv'), '--json'])).json();
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 9 });
    const list = (await s.run(['connection', 'list', 'Sanne Visser', '--json'])).json();
    expect(list).toHaveLength(9);
    expect(list.find((c: { name: string }) => c.name === 'Jérôme Lefèvre')).toMatchObject({ company: 'Vandermeer, Bosch & Partners', connectedOn: '2024-02-03' });
  });

  it('--dry-run reports what would change and stores nothing', async () => {
    const dry = (await s.run(['connection', 'import', '1', fixture('linkedin/current.csv'), '--dry-run', '--json'])).json();
    expect(dry.dryRun).toBe(true);
    expect(dry.imported).toBeGreaterThan(0);
    expect((await s.run(['connection', 'list', '1', '--json'])).json()).toEqual([]);
  });

  it('updates a changed field, keeps same-named people with different profiles apart', async () => {
    const file = join(s.dir, 'c.csv');
    writeFileSync(file, `${HEADER}\nAnna,Bos,https://www.linkedin.com/in/anna-bos-1,,Acme,CFO,12 Mar 2024\nAnna,Bos,https://www.linkedin.com/in/anna-bos-2,,Acme,CEO,12 Mar 2024\n`);
    expect((await s.run(['connection', 'import', '1', file, '--json'])).json()).toMatchObject({ imported: 2, updated: 0 });
    writeFileSync(file, `${HEADER}\nAnna,Bos,https://www.linkedin.com/in/anna-bos-1,,Acme,COO,12 Mar 2024\n`);
    expect((await s.run(['connection', 'import', '1', file, '--json'])).json()).toMatchObject({ imported: 0, updated: 1 });
    const titles = (await s.run(['connection', 'list', '1', '--json'])).json().map((c: { title: string }) => c.title).sort();
    expect(titles).toEqual(['CEO', 'COO']);
  });

  it('reads a plain CSV with a name column', async () => {
    const r = (await s.run(['connection', 'import', 'Bram Kok', fixture('plain/contacts-semicolon.csv'), '--json'])).json();
    expect(r.format).toBe('csv');
    expect(r.imported).toBeGreaterThan(0);
  });

  it('refuses a missing file, a folder and a file without a header (exit 2), writing nothing', async () => {
    const before = readFileSync(s.db);
    const missing = await s.run(['connection', 'import', '1', join(s.dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no file .*nope\.csv/);
    const folder = await s.run(['connection', 'import', '1', s.dir]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/is a folder/);
    const junk = join(s.dir, 'junk.csv');
    writeFileSync(junk, Buffer.from([0, 159, 146, 150, 255, 0, 1, 2, 3]));
    const bad = await s.run(['connection', 'import', '1', junk]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no recognisable header/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(s.db).equals(before)).toBe(true);
  });
});

describe('refer connection add / list / pick', () => {
  async function addPeople() {
    await s.run(['connection', 'add', '1', 'Pieter de Groot', '--title', 'CEO', '--company', 'De Groot Logistiek', '--industry', 'logistics', '--size', '140', '--location', 'Utrecht, Netherlands']);
    await s.run(['connection', 'add', '1', 'Lotte Mulder', '--title', 'Marketing assistant', '--company', 'Bloem BV', '--industry', 'retail', '--size', '3', '--location', 'Gent, Belgium']);
    await s.run(['connection', 'add', '1', 'Kees Dijkstra', '--title', 'CFO', '--company', 'Cargoline BV', '--industry', 'logistics', '--size', '200']);
    await s.run(['connection', 'add', '2', 'Ruud Smit', '--title', 'CEO']);
  }

  it('ranks by ICP fit with reasons; --fit drops the poor and the excluded; --limit caps', async () => {
    await addPeople();
    const all = (await s.run(['connection', 'list', '1', '--json'])).json();
    expect(all[0].name).toBe('Pieter de Groot');
    expect(all[0].fit.score).toBeGreaterThanOrEqual(80);
    const excluded = all.find((c: { name: string }) => c.name === 'Kees Dijkstra');
    expect(excluded.fit).toMatchObject({ score: 0, excluded: true });
    expect(excluded.fit.reasons.join(' ')).toMatch(/excluded company/);
    const fit = (await s.run(['connection', 'list', '1', '--fit', '--json'])).json();
    expect(fit.map((c: { name: string }) => c.name)).toEqual(['Pieter de Groot']);
    expect((await s.run(['connection', 'list', '1', '--limit', '2', '--json'])).json()).toHaveLength(2);
    expect((await s.run(['connection', 'list', '1', '--limit', '0'])).code).toBe(2);
  });

  it('refuses the same LinkedIn profile twice for one relation', async () => {
    await s.run(['connection', 'add', '1', 'Pieter de Groot', '--linkedin', 'https://www.linkedin.com/in/pdg']);
    const twice = await s.run(['connection', 'add', '1', 'P. de Groot', '--linkedin', 'https://www.linkedin.com/in/pdg']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/already has this LinkedIn profile as connection 1/);
  });

  it('picks a shortlist, warns outside 5-10, and refuses a connection of another relation', async () => {
    await addPeople();
    const few = await s.run(['connection', 'pick', '1', '1', 'Lotte Mulder', '--json']);
    expect(few.code).toBe(0);
    expect(few.json().shortlist.map((c: { id: number }) => c.id).sort()).toEqual([1, 2]);
    expect(few.json().warnings[0]).toMatch(/fewer than 5/);
    expect(few.stderr).toMatch(/warning: 2 picked/);
    const other = await s.run(['connection', 'pick', '1', '4']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/belongs to another relation/);
    // the earlier shortlist is kept
    expect((await s.run(['relation', 'list', '--json'])).json().find((r: { id: number }) => r.id === 1).shortlisted).toBe(2);
  });
});
