import type { Db } from '../open.js';
import { type PlaybookState, readState } from '../../core/playbook.js';

/** Where the guided playbook left one relation. */
export interface Progress {
  relationId: number;
  /** the relation's name, for "Resume <name> at step N" */
  name: string;
  step: string;
  state: PlaybookState;
  updatedAt: string;
}

interface ProgressRow {
  relationId: number;
  name: string;
  step: string;
  state: string;
  updatedAt: string;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

const toProgress = (r: ProgressRow): Progress => ({ ...r, state: readState(parse(r.state)) });

const SELECT = `SELECT p.relation_id AS relationId, r.name, p.step, p.state, p.updated_at AS updatedAt
  FROM playbook_progress p JOIN relations r ON r.id = p.relation_id`;

/** The walks left unfinished, most recent first; archived relations are not offered. */
export function listProgress(db: Db): Progress[] {
  return (db.prepare(`${SELECT} WHERE r.archived_at IS NULL ORDER BY p.updated_at DESC, p.relation_id`).all() as ProgressRow[]).map(toProgress);
}

export function getProgress(db: Db, relationId: number): Progress | undefined {
  const row = db.prepare(`${SELECT} WHERE p.relation_id = ?`).get(relationId) as ProgressRow | undefined;
  return row && toProgress(row);
}

/** Records the step a relation's walk is at (one row per relation). */
export function saveProgress(db: Db, relationId: number, step: string, state: PlaybookState, now: Date): void {
  db.prepare(
    `INSERT INTO playbook_progress (relation_id, step, state, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (relation_id) DO UPDATE SET step = excluded.step, state = excluded.state, updated_at = excluded.updated_at`,
  ).run(relationId, step, JSON.stringify(state), now.toISOString());
}

export function deleteProgress(db: Db, relationId: number): void {
  db.prepare('DELETE FROM playbook_progress WHERE relation_id = ?').run(relationId);
}
