import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintDraft } from '../../src/core/lint.js';
import { CHANNELS, LANGS } from '../../src/core/model.js';
import { type Sandbox, sandbox } from '../support/run.js';
import { DEFAULT_FOLLOW_UP, MOMENT, NOW, OTHER, REL, REL2, REL2_CONNECTION, rowCounts, seed, SHORTLIST, writeUserTemplate } from './ask.fixtures.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const ask = (args: string[], opts: { now?: Date; tty?: boolean } = {}) => s.run(['ask', ...args], { now: NOW, ...opts });

// What every referral script must say, as the relation reads it.
const EXPECT = {
  en: {
    moment: `20 November 2026`,
    followUp: 'Monday 30 November at 10:00',
    ruledOut: /not asking for phone numbers or e-mail addresses/,
    agenda: 'Follow-up call with Sanne Visser: Monday 30 November at 10:00, 15 minutes',
  },
  nl: {
    moment: `20 november 2026`,
    followUp: 'maandag 30 november om 10:00',
    ruledOut: /vraag je niet om telefoonnummers of e-mailadressen/,
    agenda: 'Vervolggesprek met Sanne Visser: maandag 30 november om 10:00, 15 minuten',
  },
  da: {
    moment: `20. november 2026`,
    followUp: 'mandag den 30. november kl. 10.00',
    ruledOut: /beder ikke om telefonnumre eller e-mailadresser/,
    agenda: 'Opfølgende samtale med Sanne Visser: mandag den 30. november kl. 10.00, 15 minutter',
  },
  de: {
    moment: `20. November 2026`,
    followUp: 'Montag, 30. November um 10:00 Uhr',
    ruledOut: /frage nicht nach Telefonnummern oder E-Mail-Adressen/,
    agenda: 'Folgegespräch mit Sanne Visser: Montag, 30. November um 10:00 Uhr, 15 Minuten',
  },
} as const;

/** The relation's words as each language quotes them. */
const QUOTED = { en: ['“', '”'], nl: ['“', '”'], da: ['»', '«'], de: ['„', '“'] } as const;

describe.each(LANGS)('a referral ask in %s', (lang) => {
  it.each(CHANNELS)('by %s: quotes the moment, names the shortlist, asks no contact details, proposes the follow-up, stores it all', async (channel) => {
    await seed(s);
    const r = await ask([REL.name, '--channel', channel, '--lang', lang, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json();
    expect(out.ask).toEqual({ id: 1, relation: REL, channel, kind: 'referral', template: `referral/${channel}.${lang}`, lang, askedAt: NOW.toISOString() });
    expect(out.referrals).toEqual(SHORTLIST.map((c, i) => ({ id: i + 1, connection: c })));

    const { script, forward } = out;
    const [open, close] = QUOTED[lang];
    expect(script).toContain(`${open}${MOMENT}.${close}`);
    expect(script.slice(0, script.indexOf(`${open}${MOMENT}`))).toContain(EXPECT[lang].moment);
    for (const c of SHORTLIST) expect(script).toContain(c.name);
    expect(script).not.toContain(OTHER.name);
    expect(script).toMatch(EXPECT[lang].ruledOut);
    expect(lintDraft(script, { channel, lang }).map((f) => f.rule)).not.toContain('asks-contact-details');
    expect(script).toContain(EXPECT[lang].followUp);
    expect(forward).toContain('Routewise');
    expect(script).toContain(forward);
    // the generated script passes the lint, and nothing else is wrong with this relation
    expect(out.warnings).toEqual([]);
    expect(r.stderr).toBe('');

    expect(out.followup).toEqual({ id: 1, dueAt: DEFAULT_FOLLOW_UP, durationMinutes: 15, note: EXPECT[lang].agenda });
    expect(rowCounts(s.db)).toEqual({ asks: 1, referrals: 2, referral_events: 2, followups: 1 });
    const db = new Database(s.db, { readonly: true });
    const stored = db.prepare('SELECT script, forward, template, lang, channel FROM asks WHERE id = 1').get();
    db.close();
    expect(stored).toEqual({ script, forward, template: `referral/${channel}.${lang}`, lang, channel });
  });
});

describe('refer ask', () => {
  it('shows the stored ask on the relation: referrals at stage asked, the follow-up with the agenda as its note', async () => {
    await seed(s);
    expect((await ask(['1', '--channel', 'call'])).code).toBe(0);
    const show = (await s.run(['relation', 'show', '1', '--json'], { now: NOW })).json();
    expect(show.asks).toHaveLength(1);
    expect(show.asks[0]).toMatchObject({ channel: 'call', kind: 'referral', template: 'referral/call.en', lang: 'en', askedAt: NOW.toISOString() });
    expect(show.asks[0].referrals.map((f: any) => [f.connection, f.stage, f.history.map((h: any) => h.stage)])).toEqual([
      ['Anna de Vries', 'asked', ['asked']],
      ['Pieter de Groot', 'asked', ['asked']],
    ]);
    expect(show.followups).toEqual([
      expect.objectContaining({ askId: 1, dueAt: DEFAULT_FOLLOW_UP, durationMinutes: 15, note: EXPECT.en.agenda, doneAt: null }),
    ]);
    // the relation now has referrals waiting: readiness says so
    expect(show.waiting).toBe(2);
  });

  it('prints the script in full under headings, then what it stored', async () => {
    await seed(s);
    for (const tty of [true, false]) {
      const r = await ask(['1', '--channel', 'email', ...(tty ? [] : ['--dry-run'])], { tty });
      expect(r.code).toBe(0);
      const out = r.stdout;
      expect(out).toMatch(/^Script · referral by email · referral\/email\.en\n\nSubject: /);
      expect(out).toContain('\nMessage to forward');
      expect(out).toContain('\nFollow-up\n  Mon 30 Nov 2026 10:00, 15 minutes with Sanne Visser');
      expect(out).toContain('Best regards,\nEva Jansen');
      if (tty) expect(out).toContain('Stored ask 1 for Sanne Visser; referrals at stage asked: 1 Anna de Vries, 2 Pieter de Groot; follow-up 1 booked');
      else expect(out).toContain('Dry run: nothing stored.');
    }
  });

  it('writes in the profile language unless --lang says otherwise', async () => {
    await seed(s, { profileLang: 'nl' });
    const nl = (await ask(['1', '--json', '--dry-run'])).json();
    expect(nl.ask).toMatchObject({ lang: 'nl', template: 'referral/email.nl' });
    expect(nl.script).toMatch(/^Onderwerp: /);
    const en = (await ask(['1', '--json', '--dry-run', '--lang', 'en'])).json();
    expect(en.ask).toMatchObject({ lang: 'en', template: 'referral/email.en' });
  });

  it('asks about the connections given with --to (by id or name, once each) instead of the shortlist', async () => {
    await seed(s);
    const out = (await ask(['1', '--to', String(OTHER.id), 'anna de vries', '1', '--json'])).json();
    expect(out.referrals.map((f: any) => f.connection)).toEqual([OTHER, SHORTLIST[0]]);
    expect(out.script).toContain('Lotte Bakker and Anna de Vries');
    expect(out.script).not.toContain('Pieter de Groot');
  });

  it('takes a smaller ask without any connection: no referrals, a follow-up on the ask', async () => {
    await seed(s);
    const r = await ask([REL.name, '--kind', 'quote', '--channel', 'linkedin', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json();
    expect(out.ask).toMatchObject({ kind: 'quote', channel: 'linkedin', template: 'quote/linkedin.en' });
    expect(out.referrals).toEqual([]);
    expect(out.forward).toBeNull();
    expect(out.script).toContain(MOMENT);
    expect(out.followup).toMatchObject({ id: 1, note: 'Follow-up on ask 1' });
    expect(rowCounts(s.db)).toEqual({ asks: 1, referrals: 0, referral_events: 0, followups: 1 });
  });

  it('uses a template named with --template, which decides kind, channel and language', async () => {
    await seed(s);
    const out = (await ask(['1', '--template', 'referral/call.nl', '--json', '--dry-run'])).json();
    expect(out.ask).toMatchObject({ kind: 'referral', channel: 'call', lang: 'nl', template: 'referral/call.nl' });
    expect(out.script).toMatch(/^Belscript: Sanne Visser/);
    const byKindName = (await ask(['1', '--template', 'referral/video', '--lang', 'nl', '--json', '--dry-run'])).json();
    expect(byKindName.ask.template).toBe('referral/video.nl');
  });

  it('books the follow-up at --follow-up WHEN, and records an earlier ask with --date', async () => {
    await seed(s);
    const later = (await ask(['1', '--follow-up', 'next tuesday 14:00', '--json'])).json();
    expect(later.followup.dueAt).toBe('2026-12-01T13:00:00.000Z');
    expect(later.script).toContain('Tuesday 1 December at 14:00');

    const earlier = (await ask(['1', '--date', '2026-11-24', '--json', '--dry-run'])).json();
    expect(earlier.ask.askedAt).toBe('2026-11-23T23:00:00.000Z');
    // three days after Tuesday 24 November: Friday 27 November, 10:00
    expect(earlier.followup.dueAt).toBe('2026-11-27T09:00:00.000Z');

    const old = await ask(['1', '--date', '2026-11-02', '--json', '--dry-run']);
    expect(old.json().followup.dueAt).toBe('2026-11-05T09:00:00.000Z');
    expect(old.json().warnings).toEqual(expect.arrayContaining([expect.stringMatching(/follow-up at 2026-11-05 10:00 is already past/)]));
  });

  it('--dry-run prints the same ask with null ids and stores nothing', async () => {
    await seed(s);
    const before = rowCounts(s.db);
    const dry = (await ask(['1', '--channel', 'video', '--json', '--dry-run'])).json();
    expect(rowCounts(s.db)).toEqual(before);
    expect(dry.ask.id).toBeNull();
    expect(dry.followup).toMatchObject({ id: null, dueAt: DEFAULT_FOLLOW_UP, durationMinutes: 15 });
    expect(dry.referrals).toEqual(SHORTLIST.map((c) => ({ id: null, connection: c })));
    const real = (await ask(['1', '--channel', 'video', '--json'])).json();
    expect(real.script).toBe(dry.script);
    expect(real.ask.id).toBe(1);
  });

  it('warns about a detractor, an ask still waiting, a recent ask and a list longer than 10, on stderr and in --json', async () => {
    await seed(s);
    const detractor = await ask([REL2.name, '--to', REL2_CONNECTION.name, '--json']);
    expect(detractor.code).toBe(0);
    expect(detractor.json().warnings).toEqual([expect.stringMatching(/Joris de Wit is a detractor \(latest NPS 4\)/)]);
    expect(detractor.stderr).toMatch(/^warning: Joris de Wit is a detractor/);

    await ask(['1']);
    const again = (await ask(['1', '--json'], { now: new Date('2026-12-10T10:00:00Z') })).json();
    expect(again.warnings).toEqual([
      expect.stringMatching(/Sanne Visser still has 2 referrals waiting for an answer/),
      expect.stringMatching(/Sanne Visser was also asked on 2026-11-25 11:00, within 30 days of this ask/),
    ]);

    for (let i = 1; i <= 10; i++) await s.run(['connection', 'add', '2', `Extra Person ${i}`], { now: NOW });
    const many = (await ask([REL2.name, '--to', ...Array.from({ length: 11 }, (_, i) => String(i + 4)), '--json', '--dry-run'])).json();
    expect(many.warnings).toContain('11 connections chosen: more than 10 reads as a spam list; keep the best 10');
  });

  it('warns with every lint finding of a script from a user template', async () => {
    await seed(s);
    writeUserTemplate(
      s,
      'referral/pushy.en',
      `---\nkind: referral\nchannel: email\nlang: en\ndescription: the wrong way\n---\nHi {{relation.firstName}},\n\nCould you introduce me to {{connectionNames}}?\nAnd send me their phone numbers. It would mean a lot to me.\n`,
    );
    const r = await ask(['1', '--template', 'referral/pushy.en', '--json', '--dry-run']);
    expect(r.code).toBe(0);
    const rules = r.json().warnings.map((w: string) => /\(([a-z-]+)\)/.exec(w)?.[1]);
    expect(rules).toEqual(['no-referee-value', 'me-centred', 'me-centred', 'asks-contact-details']);
    expect(r.json().warnings[1]).toMatch(/^script line 3: "Could you introduce me" puts you at the centre/);
    expect(r.stderr.match(/^warning: script line/gm)).toHaveLength(4);
  });
});

describe('refer ask refuses bad input with one clear line, and stores nothing', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown relation', ['Nobody'], /no relation named "Nobody"/],
    ['an unknown connection id', ['1', '--to', '99'], /no connection with id 99/],
    ['an unknown connection name', ['1', '--to', 'Nobody'], /no connection named "Nobody" among Sanne Visser's connections/],
    ['a connection of another relation', ['1', '--to', String(REL2_CONNECTION.id)], /connection 4 \(Kees Mulder\) belongs to another relation, not to Sanne Visser/],
    ['an unknown template', ['1', '--template', 'referral/fax.en'], /Unknown template "referral\/fax.en"/],
    ['a template that is no ask', ['1', '--template', 'forward/message.en'], /template forward\/message.en is a forward message, not an ask/],
    ['a template contradicting --channel', ['1', '--template', 'referral/call.en', '--channel', 'email'], /--channel email contradicts template referral\/call.en/],
    ['a kind without a template for the channel', ['1', '--kind', 'quote', '--channel', 'call'], /No quote template for call in en/],
    ['an unknown language', ['1', '--lang', 'fr'], /'--lang <lang>' argument 'fr' is invalid/],
    ['an unknown channel', ['1', '--channel', 'fax'], /'--channel <channel>' argument 'fax' is invalid/],
    ['an unparseable --follow-up', ['1', '--follow-up', 'when pigs fly'], /cannot read "when pigs fly" as a date or time/],
    ['a future --date', ['1', '--date', '2026-12-01'], /--date 2026-12-01 is in the future/],
    ['a referral ask without a shortlist or --to', [REL2.name], /Joris de Wit has no shortlist: pick connections with --to or `refer connection pick 2 ID\.\.\.`/],
    ['no relation and no terminal', [], /missing REL \(the relation to ask\) and --to CONN/],
    ['no relation with --to, no terminal', ['--to', '1', '--json'], /missing REL/],
  ];

  it.each(cases)('%s', async (_what, args, message) => {
    await seed(s);
    const before = rowCounts(s.db);
    const r = await ask(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(rowCounts(s.db)).toEqual(before);
  });

  it('a user template with an unknown variable, named with its file', async () => {
    await seed(s);
    const file = writeUserTemplate(s, 'referral/email.en', `---\nkind: referral\nchannel: email\nlang: en\ndescription: mine\n---\nHi {{relation.nickname}}, would {{connectionNames}} be helped?\n`);
    const before = rowCounts(s.db);
    const r = await ask(['1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Template ${file} uses an unknown variable {{relation.nickname}}`);
    expect(rowCounts(s.db)).toEqual(before);
  });

  it('a profile without the value you create', async () => {
    await seed(s, { onlyMain: true });
    await s.run(['profile', 'set', '--value', ''], { now: NOW });
    const before = rowCounts(s.db);
    const r = await ask(['1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Your profile has no value yet: set it with `refer profile set --value TEXT`/);
    expect(rowCounts(s.db)).toEqual(before);
  });
});
