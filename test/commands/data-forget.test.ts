import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { openDb } from '../../src/db/open.js';
import { FREE_JSON, FREE_TEXT } from '../../src/db/repos/data.js';
import { type Sandbox, sandbox } from '../support/run.js';
import { now, seed } from './data-seed.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

/** Where the bytes of `text` occur in the database's files on disk (main file, WAL, shared memory). */
function filesHolding(db: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return [db, `${db}-wal`, `${db}-shm`].filter((f) => existsSync(f) && readFileSync(f).includes(needle));
}

const dump = async () => (await s.run(['export'], { now })).json();

/**
 * Runs refer in-process as on a terminal, typing `keys`. (The sandbox's own terminal mode cannot
 * be used here: the prompt library ends the output stream it was given when the prompt is done,
 * which only process.stdout survives, and forget prints its result after the prompt.)
 */
async function onTerminal(args: string[], keys: string) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stdout = Object.assign(new PassThrough(), { isTTY: true });
  const stderr = new PassThrough();
  stdout.end = () => stdout;
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  stdin.end(keys);
  const code = await main(args, { stdin, stdout, stderr }, s.env, () => now);
  return { code, stdout: out, stderr: err };
}

describe('refer forget', () => {
  it('erases a relation with everything that hangs off them, and their name from every file of the database', async () => {
    // A second connection keeps the database open throughout, as another refer process would:
    // SQLite then neither checkpoints nor deletes the write-ahead log when a command ends, so
    // every version of every page written meanwhile stays in the -wal file.
    openDb(s.db).close();
    const other = new Database(s.db);
    other.prepare('SELECT count(*) FROM relations').get(); // SQLite opens the file on first use
    await seed(s);
    // text that named her once and was changed since: only its bytes are left, in free space
    await s.run(['relation', 'add', 'Joris de Wit', '--note', 'Sanne Visser introduced us at the logistics fair in Utrecht, in the hall with the trucks'], { now });
    await s.run(['relation', 'add', 'Ans Bos'], { now });
    await s.run(['relation', 'edit', 'Joris de Wit', '--note', 'A colleague'], { now });
    expect(filesHolding(s.db, 'Sanne Visser')).toContain(`${s.db}-wal`);
    // the test can fail: the name is there before
    const r = await s.run(['forget', 'Sanne Visser', '--force', '--json'], { now });
    expect(r.code, r.stderr).toBe(0);
    const out = r.json();
    expect(out.person).toEqual({ type: 'relation', id: 1, name: 'Sanne Visser' });
    expect(out.deleted).toEqual({
      profile: 0, icp: 0, relations: 1, npsAnswers: 1, moments: 1, connections: 2, asks: 1, referrals: 2, referralEvents: 2, followups: 1, playbookProgress: 0, profileTexts: 0,
    });
    // Bram's note, NPS comment, moment, ask (script and forward), referral note, follow-up note and playbook state named her
    expect(out.scrubbed).toMatchObject({ relations: 1, npsAnswers: 1, moments: 1, asks: 1, referralEvents: 1, followups: 1, playbookProgress: 1 });
    expect(out.compacted).toBe(true);

    expect(filesHolding(s.db, 'Sanne Visser')).toEqual([]);
    expect(filesHolding(s.db, 'Visser Transport')).toEqual([]);
    other.close();
    expect(filesHolding(s.db, 'Sanne Visser')).toEqual([]);

    // the others are intact, with a neutral placeholder where her name was
    const doc = await dump();
    expect(JSON.stringify(doc)).not.toMatch(/sanne visser/i);
    expect(doc.tables.relations.map((x: any) => x.name)).toEqual(['Bram Kok', 'Joris de Wit', 'Ans Bos']);
    expect(doc.tables.relations[0].note).toBe('Met him through [removed] at the fair.\nSecond line, "quoted".');
    expect(doc.tables.asks[0].script).toBe('Hi Bram, [removed] said you know Femke Smit. Would you introduce me to Femke?');
    expect(doc.tables.asks[0].forward).toBe('Femke, meet Eva ([removed] knows her work).');
    expect(doc.tables.followups[0].note).toBe('ask Bram how [removed] reacted');
    expect(doc.tables.playbookProgress[0].state).toEqual({ draft: 'Mention [removed] first', picked: [3] });
    expect(doc.tables.moments[0].text).toBe('@[removed] said the same');
    const raw = new Database(s.db, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    raw.close();
  });

  it('erases a connection and their referrals, and takes their name out of the asks that named them', async () => {
    await seed(s);
    const r = await s.run(['forget', 'connection', 'Femke Smit', '--force'], { now });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Erased connection 3 Femke Smit.');
    expect(r.stdout).toMatch(/rows deleted: connections 1, referrals 1, referralEvents 2/);
    expect(r.stdout).toMatch(/the name taken out of: asks 1\n/);
    const doc = await dump();
    expect(doc.tables.asks[1].script).toBe('Hi Bram, Sanne Visser said you know [removed]. Would you introduce me to [removed]?');
    expect(doc.tables.asks[1].forward).toBe('[removed], meet Eva (SANNE VISSER knows her work).');
    expect(doc.tables.connections.map((c: any) => c.name)).toEqual(['Pieter de Groot', 'Ilse Vermeulen']);
    expect(filesHolding(s.db, 'Femke')).toEqual([]);
  });

  it('says so when there is no database yet, without creating one', async () => {
    const r = await s.run(['forget', 'Sanne Visser', '--force'], { now });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no database at .*refer\.db yet, so nobody to forget/);
    expect(existsSync(s.db)).toBe(false);
  });

  it('takes a bare name as a relation first, else as a connection; a bare id that is both is refused', async () => {
    await seed(s);
    const both = await s.run(['forget', '2', '--force'], { now });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/2 is the id of relation Bram Kok and of connection Ilse Vermeulen; say which/);
    expect(both.stderr).toContain('refer forget connection 2');

    const conn = await s.run(['forget', 'pieter de groot', '--force', '--json'], { now });
    expect(conn.json().person).toEqual({ type: 'connection', id: 1, name: 'Pieter de Groot' });
    const rel = await s.run(['forget', 'BRAM KOK', '--force', '--json'], { now });
    expect(rel.json().person).toEqual({ type: 'relation', id: 2, name: 'Bram Kok' });
    const gone = await s.run(['forget', 'Bram Kok', '--force'], { now });
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/no relation or connection named "Bram Kok"/);
    const typo = await s.run(['forget', 'someone', 'Sanne Visser', '--force'], { now });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/expected `refer forget NAME`, `refer forget relation REL` or `refer forget connection CONN`/);
  });

  it('asks for confirmation on a terminal, and needs --force without one', async () => {
    await seed(s);
    const before = readFileSync(s.db);
    const piped = await s.run(['forget', 'Sanne Visser'], { now });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toMatch(/forgetting relation 1 Sanne Visser cannot be undone: pass --force to confirm/);
    const json = await s.run(['forget', 'Sanne Visser', '--json'], { now });
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/--force/);

    const no = await s.run(['forget', 'Sanne Visser'], { now, tty: true, stdin: 'n\n' });
    expect(no.code).toBe(130);
    expect(no.stderr).toMatch(/This erases relation 1 Sanne Visser for good:\n {2}rows deleted: relations 1, npsAnswers 1, moments 1, connections 2, asks 1, referrals 2, referralEvents 2, followups 1/);
    expect(no.stderr).toMatch(/Nothing was erased/);
    expect(readFileSync(s.db).equals(before)).toBe(true);

    const yes = await onTerminal(['forget', 'Sanne Visser'], 'y\n');
    expect(yes.code, yes.stderr).toBe(0);
    expect(yes.stdout).toContain('Erased relation 1 Sanne Visser.');
    expect(filesHolding(s.db, 'Sanne Visser')).toEqual([]);
  });

  it('points at same-name connections and at older backups, which still hold the person', async () => {
    await seed(s);
    await s.run(['connection', 'add', 'Bram Kok', 'Sanne Visser', '--title', 'COO'], { now });
    await s.run(['backup'], { now });
    const r = await s.run(['forget', 'relation', 'Sanne Visser', '--force'], { now });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 other connection carries the same name: `refer forget connection 4`/);
    expect(r.stderr).toMatch(/Backups made before hold them still: 1 file in .*backups/);
  });

  it('knows where free text lives: every text column is either scrubbed or holds no free text', () => {
    // A text column added to the schema must be placed here (and in FREE_TEXT when it is free text).
    const NOT_FREE_TEXT: Record<string, string[]> = {
      profile: ['name', 'company', 'offer', 'value', 'lang', 'updated_at'],
      icp: ['industries', 'titles', 'regions', 'exclude_companies', 'updated_at'],
      relations: ['name', 'company', 'role', 'linkedin', 'email', 'kind', 'motivation', 'archived_at', 'created_at', 'updated_at'],
      nps_answers: ['answered_at', 'created_at'],
      moments: ['kind', 'occurred_at', 'created_at'],
      // name_key is derived from the row's own name (and goes with it)
      connections: ['name', 'title', 'company', 'industry', 'location', 'linkedin', 'email', 'connected_on', 'source', 'shortlisted_at', 'created_at', 'updated_at', 'name_key'],
      asks: ['channel', 'kind', 'template', 'lang', 'asked_at', 'created_at'],
      referrals: ['stage', 'reached', 'ask_kind', 'asked_at', 'agreed_at', 'introduced_at', 'meeting_at', 'opportunity_at', 'won_at', 'closed_at', 'updated_at'],
      referral_events: ['stage', 'at', 'created_at'],
      followups: ['uid', 'due_at', 'done_at', 'created_at', 'updated_at'],
      playbook_progress: ['step', 'updated_at'],
      fit_icp: ['icp'],
      // the team's sync state and the cache of what teammates share (src/db/migrations/005_team.ts)
      team: ['url', 'rep', 'name', 'joined_at', 'last_sync_at', 'last_pull_at'],
      team_outbox: ['entity'],
      team_reps: ['rep', 'name'],
      team_relations: ['rep', 'name', 'company', 'role', 'linkedin', 'kind', 'nps_at', 'last_ask_at'],
      team_connections: ['rep', 'name', 'title', 'company', 'industry', 'location', 'linkedin'],
      team_asks: ['rep', 'kind', 'channel', 'template', 'lang', 'asked_at'],
      team_referrals: ['rep', 'stage', 'reached', 'asked_at', 'agreed_at', 'introduced_at', 'meeting_at', 'opportunity_at', 'won_at', 'closed_at'],
      // which cached row each document of the team search index is, and which teammates changed since (006_team_cache_index.ts)
      team_search_docs: ['entity', 'rep'],
      team_search_stale: ['rep'],
      profile_texts: ['lang', 'offer', 'value', 'updated_at'],
      team_people: ['key', 'entity', 'rep'],
    };
    const db = openDb(':memory:');
    // (the shadow tables of the team cache's full-text index hold copies of team_relations and team_connections)
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN (SELECT name FROM pragma_table_list WHERE type <> 'table')")
      .pluck()
      .all() as string[];
    for (const table of tables) {
      const text = (db.pragma(`table_info(${table})`) as Array<{ name: string; type: string }>).filter((c) => c.type === 'TEXT').map((c) => c.name);
      const placed = [...(FREE_TEXT[table] ?? []), ...(FREE_JSON[table] ?? []), ...(NOT_FREE_TEXT[table] ?? [])];
      expect(text.sort(), table).toEqual(placed.sort());
    }
    db.close();
  });
});
