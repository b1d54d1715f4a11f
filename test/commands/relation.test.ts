import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const now = new Date('2026-11-25T10:00:00Z');

async function seed() {
  await s.run(['relation', 'add', 'Sanne Visser', '--company', 'Visser Transport', '--kind', 'client', '--trust', '5', '--knows-audience', '--seller', '--sees-value', '--experienced-value'], { now });
  await s.run(['relation', 'add', 'Joris de Wit', '--kind', 'colleague', '--trust', '3'], { now });
  await s.run(['relation', 'add', 'Émile Laurent', '--kind', 'partner', '--trust', '4', '--seller'], { now });
  await s.run(['nps', 'Sanne Visser', '10', '--comment', 'Planning takes half the time'], { now });
  await s.run(['moment', 'sanne visser', 'Our drivers get home on time now', '--kind', 'compliment'], { now });
  await s.run(['nps', 'Joris de Wit', '4'], { now });
}

describe('refer relation', () => {
  it('lists relations by readiness with reasons, in --json', async () => {
    await seed();
    const r = await s.run(['relation', 'list', '--json'], { now });
    expect(r.code).toBe(0);
    const rows = r.json();
    expect(rows.map((x: any) => x.name)).toEqual(['Sanne Visser', 'Émile Laurent', 'Joris de Wit']);
    expect(rows[0]).toMatchObject({ id: 1, nps: 10, npsClass: 'promoter', readiness: { askNow: true } });
    expect(rows[0].readiness.reasons.join(' ')).toMatch(/fresh positive moment/);
    expect(rows[2]).toMatchObject({ npsClass: 'detractor', readiness: { askNow: false } });

    const ready = (await s.run(['relation', 'list', '--ready', '--json'], { now })).json();
    expect(ready.map((x: any) => x.name)).toEqual(['Sanne Visser']);
  });

  it('prints a table on a terminal and tab-separated rows in a pipe', async () => {
    await seed();
    const pipe = await s.run(['relation', 'list'], { now });
    const first = pipe.stdout.split('\n')[0]!.split('\t');
    expect(first.slice(0, 3)).toEqual(['1', 'Sanne Visser', 'Visser Transport']);
    const tty = await s.run(['relation', 'list'], { now, tty: true });
    expect(tty.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+COMPANY\s+READY/);
  });

  it('finds a relation by name case-insensitively, also beyond ASCII, and by id', async () => {
    await seed();
    expect((await s.run(['relation', 'show', 'ÉMILE LAURENT', '--json'], { now })).json().id).toBe(3);
    expect((await s.run(['relation', 'show', '2', '--json'], { now })).json().name).toBe('Joris de Wit');
    const show = await s.run(['relation', 'show', 'Sanne Visser'], { now });
    expect(show.stdout).toContain('10 (promoter)');
    expect(show.stdout).toContain('"Our drivers get home on time now"');
  });

  it('refuses an unknown or ambiguous relation with exit 2 and the candidates', async () => {
    await seed();
    await s.run(['relation', 'add', 'Joris de Wit', '--company', 'Other BV'], { now });
    const ambiguous = await s.run(['nps', 'joris de wit', '9'], { now });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/names 2 relations/);
    expect(ambiguous.stderr).toMatch(/4 {2}Joris de Wit \(Other BV\)/);
    const unknown = await s.run(['nps', 'Nobody', '9'], { now });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no relation named "Nobody"/);
    const count = (await s.run(['relation', 'show', '2', '--json'], { now })).json().npsHistory.length;
    expect(count).toBe(1);
  });

  it('refuses an NPS of 11, -1 or abc and a future date, and stores nothing', async () => {
    await seed();
    const before = readFileSync(s.db);
    for (const score of ['11', 'abc', '7.5']) {
      const r = await s.run(['nps', 'Sanne Visser', score], { now });
      expect(r.code, score).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const negative = await s.run(['nps', 'Sanne Visser', '--', '-1'], { now });
    expect(negative.code).toBe(2);
    const future = await s.run(['nps', 'Sanne Visser', '8', '--date', '2027-01-01'], { now });
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/future/);
    expect((await s.run(['relation', 'show', '1', '--json'], { now })).json().npsHistory).toHaveLength(1);
    expect(readFileSync(s.db).length).toBe(before.length);
  });

  it('rejects a trust outside 1-5 and an unknown kind', async () => {
    const t = await s.run(['relation', 'add', 'Kees Bos', '--trust', '6']);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/--trust/);
    const k = await s.run(['relation', 'add', 'Kees Bos', '--kind', 'enemy']);
    expect(k.code).toBe(2);
    expect((await s.run(['relation', 'list', '--json'])).json()).toEqual([]);
  });

  it('edits criteria (including clearing one with --no-…) and archives and restores', async () => {
    await seed();
    const edited = (await s.run(['relation', 'edit', 'Sanne Visser', '--no-seller', '--trust', '4', '--json'], { now })).json();
    expect(edited).toMatchObject({ seller: false, trust: 4, knowsAudience: true });
    await s.run(['relation', 'archive', 'Joris de Wit'], { now });
    expect((await s.run(['relation', 'list', '--json'], { now })).json()).toHaveLength(2);
    expect((await s.run(['relation', 'list', '--all', '--json'], { now })).json()).toHaveLength(3);
    await s.run(['relation', 'archive', '2', '--restore'], { now });
    expect((await s.run(['relation', 'list', '--json'], { now })).json()).toHaveLength(3);
    expect((await s.run(['relation', 'edit', '1'], { now })).code).toBe(2);
  });
});
