// The outbox triggers (src/db/migrations/005_team.ts) agree with what is shared (src/team/shared.ts):
// a change to a shared column queues its row, a change to anything else queues nothing, and a
// database outside a team queues nothing at all.

import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/open.js';
import { DERIVED, ENTITY_TABLE, SHARED, type SharedTable } from '../../src/team/shared.js';

const AT = '2026-01-02T03:04:05.000Z';
const ENTITY = Object.fromEntries(Object.entries(ENTITY_TABLE).map(([e, t]) => [t, e])) as Record<SharedTable, string>;

function seeded(inTeam: boolean): Db {
  const db = openDb(':memory:');
  const rel = db.prepare(`INSERT INTO relations (name, kind, created_at, updated_at) VALUES (?, 'client', '${AT}', '${AT}')`);
  rel.run('Noor Jansen');
  rel.run('Lotte Bos');
  const conn = db.prepare(`INSERT INTO connections (relation_id, name, created_at, updated_at) VALUES (1, ?, '${AT}', '${AT}')`);
  conn.run('Pieter Smit');
  conn.run('Eva de Boer');
  const ask = db.prepare(`INSERT INTO asks (relation_id, channel, template, lang, asked_at, script, created_at) VALUES (1, 'email', 'warm', 'en', '${AT}', 'Hi Noor', '${AT}')`);
  ask.run();
  ask.run();
  db.prepare(`INSERT INTO referrals (ask_id, connection_id, asked_at, updated_at) VALUES (1, 1, '${AT}', '${AT}')`).run();
  db.prepare(`INSERT INTO nps_answers (relation_id, score, answered_at, comment, created_at) VALUES (1, 9, '${AT}', 'great', '${AT}')`).run();
  if (inTeam) db.prepare(`INSERT INTO team (id, url, rep, name, joined_at) VALUES (1, 'postgres://ann@h/db', 'ann', 'Ann', '${AT}')`).run();
  return db;
}

/** A value each column accepts (its CHECK included), different from the seeded one. */
function valueFor(table: string, column: string, type: string): unknown {
  const special: Record<string, unknown> = {
    'relations.kind': 'partner',
    'relations.trust': 3,
    'relations.motivation': 'mercenary',
    'connections.source': 'csv',
    'connections.size': 42,
    'asks.kind': 'quote',
    'asks.channel': 'call',
    'asks.lang': 'nl',
    'referrals.stage': 'agreed',
    'referrals.reached': 'agreed',
    'referrals.ask_kind': 'quote',
    'referrals.value': 10,
    'connections.relation_id': 2,
    'asks.relation_id': 2,
    'referrals.ask_id': 2,
    'referrals.connection_id': 2,
  };
  const key = `${table}.${column}`;
  if (key in special) return special[key];
  if (column.endsWith('_at') || column === 'connected_on') return '2026-03-04T05:06:07.000Z';
  if (/^(knows_audience|seller|sees_value|experienced_value)$/.test(column)) return 1;
  return type === 'INTEGER' ? 7 : 'changed';
}

const queued = (db: Db) => db.prepare('SELECT entity, local_id AS id FROM team_outbox ORDER BY seq').all() as Array<{ entity: string; id: number }>;

describe('the team outbox', () => {
  it('queues a row when a shared column changes, and nothing when another column does', () => {
    for (const table of Object.keys(SHARED) as SharedTable[]) {
      const derived = Object.keys(DERIVED[table] ?? {});
      const shared = SHARED[table].filter((c) => !derived.includes(c));
      const columns = (openDb(':memory:').pragma(`table_info(${table})`) as Array<{ name: string; type: string }>).filter((c) => c.name !== 'id');
      for (const { name, type } of columns) {
        const db = seeded(true);
        db.prepare('DELETE FROM team_outbox').run();
        db.prepare(`UPDATE ${table} SET ${name} = ? WHERE id = 1`).run(valueFor(table, name, type));
        const rows = queued(db).filter((r) => r.entity === ENTITY[table]);
        if (shared.includes(name as never)) expect(rows, `${table}.${name}`).toContainEqual({ entity: ENTITY[table], id: 1 });
        else expect(rows, `${table}.${name} is not shared`).toEqual([]);
        db.close();
      }
    }
  });

  it('queues the relation when its latest NPS answer or ask may change, and a deleted row', () => {
    const db = seeded(true);
    db.prepare(`INSERT INTO nps_answers (relation_id, score, answered_at, created_at) VALUES (2, 7, '${AT}', '${AT}')`).run();
    db.prepare(`UPDATE nps_answers SET comment = 'not shared' WHERE id = 1`).run();
    expect(queued(db)).toEqual([{ entity: 'relation', id: 2 }]);
    db.prepare('DELETE FROM team_outbox').run();
    db.prepare(`INSERT INTO asks (relation_id, channel, template, lang, asked_at, script, created_at) VALUES (2, 'call', 'warm', 'en', '${AT}', 's', '${AT}')`).run();
    expect(queued(db)).toEqual([
      { entity: 'ask', id: 3 },
      { entity: 'relation', id: 2 },
    ]);
    db.prepare('DELETE FROM team_outbox').run();
    // a relation erased: its rows, by the cascades, are all queued (as deletes, for the push)
    db.prepare('DELETE FROM relations WHERE id = 1').run();
    const q = queued(db);
    for (const row of [
      { entity: 'relation', id: 1 },
      { entity: 'connection', id: 1 },
      { entity: 'connection', id: 2 },
      { entity: 'ask', id: 1 },
      { entity: 'referral', id: 1 },
    ]) {
      expect(q).toContainEqual(row);
    }
    db.close();
  });

  it('queues nothing outside a team', () => {
    const db = seeded(false);
    db.prepare(`UPDATE relations SET name = 'Noor de Jong' WHERE id = 1`).run();
    db.prepare('DELETE FROM relations WHERE id = 2').run();
    expect(queued(db)).toEqual([]);
    db.close();
  });
});
