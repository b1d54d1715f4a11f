import { icpFit } from '../../core/fit.js';
import type { Connection } from '../../core/model.js';
import { compareNames } from '../../core/text.js';
import type { Db } from '../../db/open.js';
import { listConnections } from '../../db/repos/connections.js';
import { EMPTY_ICP, getIcp } from '../../db/repos/profile.js';

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
  const icp = getIcp(db) ?? EMPTY_ICP;
  return listConnections(db, relationId)
    .map((conn) => ({ conn, fit: icpFit(conn, icp) }))
    .sort(
      (a, b) =>
        (opts.shortlistFirst ? Number(b.conn.shortlisted) - Number(a.conn.shortlisted) : 0) ||
        b.fit.score - a.fit.score ||
        compareNames(a.conn.name, b.conn.name),
    )
    .map(({ conn, fit }) => ({
      value: conn,
      name: `${conn.name}${conn.title ? `, ${conn.title}` : ''}${conn.company ? ` at ${conn.company}` : ''} · fit ${fit.score}`,
      short: conn.name,
      checked: conn.shortlisted,
      description: fit.reasons.join('; ') || undefined,
    }));
}
