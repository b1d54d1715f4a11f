// Invented people for the ask, lint and template command tests: a rep with a profile, a
// relation with a recorded moment and a shortlist, and a second relation with a connection of
// their own (never to be asked about through the first one).
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { LANGS, type Lang } from '../../src/core/model.js';
import type { Sandbox } from '../support/run.js';

/** Wednesday 25 November 2026, 11:00 in Amsterdam. */
export const NOW = new Date('2026-11-25T10:00:00Z');

/** The default follow-up of an ask made at NOW: 3 days later is a Saturday, so Monday 10:00 local. */
export const DEFAULT_FOLLOW_UP = '2026-11-30T09:00:00.000Z';

export const MOMENT = 'We finally see the whole week at a glance';

export const REL = { id: 1, name: 'Sanne Visser' };
export const SHORTLIST = [
  { id: 1, name: 'Anna de Vries' },
  { id: 2, name: 'Pieter de Groot' },
];
/** Sanne's connection outside the shortlist */
export const OTHER = { id: 3, name: 'Lotte Bakker' };
/** The second relation, a detractor with one connection and no shortlist. */
export const REL2 = { id: 2, name: 'Joris de Wit' };
export const REL2_CONNECTION = { id: 4, name: 'Kees Mulder' };

/** The rep's offer and value in each language. */
export const TEXTS: Record<Lang, { offer: string; value: string }> = {
  en: { offer: 'route planning software for regional carriers', value: 'warehouse teams plan their week in one morning instead of three days' },
  nl: { offer: 'routeplanningssoftware voor regionale vervoerders', value: 'magazijnteams plannen hun week in één ochtend in plaats van drie dagen' },
  da: { offer: 'ruteplanlægning til regionale vognmænd', value: 'lagerteams planlægger deres uge på én formiddag i stedet for tre dage' },
  de: { offer: 'Routenplanung für regionale Spediteure', value: 'Lagerteams planen ihre Woche an einem Vormittag statt in drei Tagen' },
};

/** The rep (with offer and value in every language, unless `onlyMain`), two relations, their connections. */
export async function seed(s: Sandbox, opts: { profileLang?: Lang; onlyMain?: boolean } = {}): Promise<void> {
  const main = opts.profileLang ?? 'en';
  const steps: string[][] = [
    [
      'init', '--no-input', '--name', 'Eva Jansen', '--company', 'Routewise', '--offer', TEXTS[main].offer,
      '--value', TEXTS[main].value, '--titles', 'CEO,COO', '--industries', 'logistics',
      ...(opts.profileLang ? ['--lang', opts.profileLang] : []),
    ],
    ...(opts.onlyMain ? [] : LANGS.filter((l) => l !== main).map((l) => ['profile', 'set', '--in', l, '--offer', TEXTS[l].offer, '--value', TEXTS[l].value])),
    ['relation', 'add', REL.name, '--company', 'Visser Transport', '--kind', 'client', '--trust', '5', '--knows-audience', '--seller', '--sees-value', '--experienced-value'],
    ['nps', REL.name, '9', '--date', '2026-11-20'],
    ['moment', REL.name, MOMENT, '--kind', 'compliment', '--date', '2026-11-20'],
    ['connection', 'add', REL.name, 'Anna de Vries', '--title', 'COO', '--company', 'De Vries Logistiek', '--industry', 'logistics'],
    ['connection', 'add', REL.name, 'Pieter de Groot', '--title', 'CEO', '--company', 'Groot Transport'],
    ['connection', 'add', REL.name, OTHER.name, '--title', 'Fleet manager'],
    ['connection', 'pick', REL.name, '1', '2'],
    ['relation', 'add', REL2.name, '--kind', 'colleague', '--trust', '3'],
    ['nps', REL2.name, '4', '--date', '2026-11-01'],
    ['connection', 'add', REL2.name, REL2_CONNECTION.name, '--title', 'CFO'],
  ];
  for (const args of steps) {
    const r = await s.run(args, { now: NOW });
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  }
}

/** How many rows the ask writes to: asks, referrals and their history, follow-ups. */
export function rowCounts(dbFile: string): Record<string, number> {
  const db = new Database(dbFile, { readonly: true });
  try {
    return Object.fromEntries(
      ['asks', 'referrals', 'referral_events', 'followups'].map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
    );
  } finally {
    db.close();
  }
}

/** Writes a template into the sandbox's user folder ($XDG_CONFIG_HOME/refer/templates). */
export function writeUserTemplate(s: Sandbox, name: string, text: string): string {
  const file = join(s.env.XDG_CONFIG_HOME!, 'refer', 'templates', `${name}.md`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
