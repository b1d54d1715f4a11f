import type { Connection } from '../../core/model.js';
import type { Db } from '../../db/open.js';
import { rankedConnections } from '../../db/repos/fit.js';

export interface ConnectionChoice {
  value: Connection;
  name: string;
  short: string;
  checked: boolean;
  description: string | undefined;
}

/**
 * A relation's connections as the choices of a checkbox prompt: best ICP fit first (after the
 * shortlist, with `shortlistFirst`), the fit and its reasons shown, the shortlist ticked.
 */
export function connectionChoices(db: Db, relationId: number, opts: { shortlistFirst: boolean }): ConnectionChoice[] {
  // the stored fits, in the order shown (the same path as `connection list --fit`)
  return rankedConnections(db, relationId, { order: opts.shortlistFirst ? 'shortlist' : 'score' })
    .map(({ fit, ...conn }) => ({
      value: conn,
      name: `${conn.name}${conn.title ? `, ${conn.title}` : ''}${conn.company ? ` at ${conn.company}` : ''} · fit ${fit.score}`,
      short: conn.name,
      checked: conn.shortlisted,
      description: fit.reasons.join('; ') || undefined,
    }));
}
