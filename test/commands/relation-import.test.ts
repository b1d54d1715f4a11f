import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const fixture = (path: string) => new URL(`../fixtures/${path}`, import.meta.url).pathname;

interface Listed {
  name: string;
  company: string | null;
  role: string | null;
  email: string | null;
  linkedin: string | null;
  kind: string;
  trust: number | null;
}

async function relations(): Promise<Listed[]> {
  const list = (await s.run(['relation', 'list', '--all', '--json'])).json() as Listed[];
  return list.sort((a, b) => a.name.localeCompare(b.name));
}

const person = (list: Listed[], name: string) => list.find((r) => r.name === name);

describe('refer relation import', () => {
  it.each([
    ['HubSpot', 'contacts/hubspot.csv', { name: 'Noor van den Berg', company: 'Berg, Haven & Zonen', role: 'Operations Director', email: 'noor@example.nl' }, 2],
    ['Salesforce', 'contacts/salesforce.csv', { name: 'Marek Dvořák', company: 'Dvořák, s.r.o.', role: 'CFO', email: null }, 2],
    ['Pipedrive', 'contacts/pipedrive.csv', { name: 'Zeynep Kaya', company: 'Kaya Lojistik', role: 'Founder', email: 'zeynep@example.com.tr' }, 2],
    ['Google Contacts', 'contacts/google.csv', { name: 'Greta Maria Schmidt', company: 'Schmidt & Söhne', role: 'Managing Director', email: 'greta@example.de' }, 2],
    ['Outlook', 'contacts/outlook.csv', { name: 'Hanna Virtanen', company: 'Virtanen, Oy', role: 'Finance Director', email: 'hanna@example.fi' }, 2],
    ['Outlook (Dutch)', 'contacts/outlook-nl.csv', { name: 'Fenna de Jong', company: 'Jong; Partners', role: 'Inkoper', email: 'fenna@example.nl' }, 2],
    [
      'LinkedIn',
      'linkedin/current-with-notes.csv',
      { name: 'Jérôme Lefèvre', company: 'Vandermeer, Bosch & Partners', role: 'Head of Finance', email: 'jerome.lefevre@example.org', linkedin: 'https://www.linkedin.com/in/jerome-lefevre-fict' },
      9,
    ],
  ])('reads a %s export into unassessed relations', async (_layout, file, expected, count) => {
    const r = await s.run(['relation', 'import', fixture(file), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ imported: count, updated: 0, errors: [] });
    const list = await relations();
    expect(list).toHaveLength(count);
    expect(person(list, expected.name)).toMatchObject({ ...expected, kind: 'other', trust: null });
  });

  it("takes Outlook's job title, not its form of address", async () => {
    await s.run(['relation', 'import', fixture('contacts/outlook.csv')]);
    expect(person(await relations(), 'Piet Jansen')).toMatchObject({ role: null, company: 'Jansen Bouw' });
  });

  it('reads vCard 3.0 and 4.0 cards: folded lines, N without FN, the preferred e-mail, a LinkedIn profile; a nameless card is skipped', async () => {
    const r = await s.run(['relation', 'import', fixture('contacts/contacts.vcf'), '--kind', 'client', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ format: 'vcard', imported: 3, skipped: 1, errors: [] });
    const list = await relations();
    expect(person(list, 'Zofia Kowalczyk')).toMatchObject({
      company: 'Kowalczyk, Nowak i Wspólnicy',
      role: 'Dyrektor ds. operacyjnych',
      email: 'zofia@example.pl',
      linkedin: 'https://www.linkedin.com/in/zofia-kowalczyk-fict',
      kind: 'client',
    });
    expect(person(list, 'Wout Janssens')).toMatchObject({ company: 'Janssens Koel', email: 'wout.janssens@example.be' });
    expect(person(list, 'Aiko Tanaka')).toMatchObject({ linkedin: 'https://linkedin.com/in/aiko-tanaka-fict', role: 'COO' });
  });

  it("reads Outlook's and phones' older vCard 2.1: bare parameters, quoted-printable values in their charset", async () => {
    const r = await s.run(['relation', 'import', fixture('contacts/outlook-2.1.vcf'), '--json']);
    expect(r.json()).toMatchObject({ format: 'vcard', imported: 1, errors: [] });
    expect(person(await relations(), 'Jürgen Müller')).toMatchObject({ company: 'Müller Maßarbeit GmbH', email: 'juergen@example.de', role: 'Geschäftsführer' });
  });

  it('a re-import changes nothing, and --dry-run stores nothing', async () => {
    const dry = (await s.run(['relation', 'import', fixture('contacts/hubspot.csv'), '--dry-run', '--json'])).json();
    expect(dry).toMatchObject({ dryRun: true, imported: 2 });
    expect(await relations()).toEqual([]);
    await s.run(['relation', 'import', fixture('contacts/hubspot.csv')]);
    const before = await relations();
    const again = (await s.run(['relation', 'import', fixture('contacts/hubspot.csv'), '--json'])).json();
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });
    expect(await relations()).toEqual(before);
  });

  it('matches people already kept on the LinkedIn URL, else the e-mail, else name and company; fills only what they lack', async () => {
    await s.run(['relation', 'add', 'Maartje V.', '--linkedin', 'https://linkedin.com/in/maartje-verbeek-fict/', '--trust', '5', '--role', 'Finance']);
    await s.run(['relation', 'add', 'Noor v.d. Berg', '--email', 'NOOR@example.nl']);
    await s.run(['relation', 'add', 'emile dubois', '--company', 'dubois frères']);
    await s.run(['relation', 'import', fixture('linkedin/current.csv')]);
    const r = (await s.run(['relation', 'import', fixture('contacts/hubspot.csv'), '--json'])).json();
    expect(r).toMatchObject({ imported: 0, updated: 2 });
    const list = await relations();
    expect(person(list, 'Maartje V.')).toMatchObject({ trust: 5, role: 'Finance', company: 'Kroonhof Logistiek' });
    expect(person(list, 'Noor v.d. Berg')).toMatchObject({ company: 'Berg, Haven & Zonen', email: 'NOOR@example.nl' });
    expect(person(list, 'emile dubois')).toMatchObject({ email: 'emile.dubois@example.fr', role: 'CEO' });
    expect(person(list, 'Maartje Verbeek')).toBeUndefined();
  });

  it('refuses a missing file (exit 2) and an unrecognised one (exit 1), and leaves the database unchanged', async () => {
    const missing = await s.run(['relation', 'import', join(s.dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no file .*nope\.csv/);
    const junk = join(s.dir, 'junk.txt');
    writeFileSync(junk, 'just some notes\nnothing tabular\n');
    const bad = await s.run(['relation', 'import', junk]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(await relations()).toEqual([]);
  });

  it('reports a broken card by its line and imports the rest', async () => {
    const file = join(s.dir, 'broken.vcf');
    writeFileSync(file, 'BEGIN:VCARD\nVERSION:3.0\nFN:Ok Person\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN;broken\nEND:VCARD\n');
    const r = (await s.run(['relation', 'import', file, '--json'])).json();
    expect(r.imported).toBe(1);
    expect(r.errors).toEqual([{ line: 5, reason: expect.stringMatching(/unreadable vCard/) }]);
  });
});
