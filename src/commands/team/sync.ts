import type { Context } from '../../context.js';
import { getTeam, setServerVersion } from '../../db/repos/team.js';
import { notInTeam } from '../../team/local.js';

/** Pushes and pulls below this many rows show no progress line (they take well under a second). */
const PROGRESS_FROM = 2_000;

/** A progress line on a terminal (stderr), rewritten in place, cleared at the end. */
export function progressLine(ctx: Context): { update?: (done: number, total: number) => void; received?: (rows: number) => void; end(): void } {
  const err = ctx.io.stderr;
  if (!err.isTTY || ctx.json) return { end() {} };
  let shown = false;
  const show = (text: string) => {
    shown = true;
    err.write(`\r\x1b[K${text}`);
  };
  return {
    update(done, total) {
      if (total >= PROGRESS_FROM) show(`pushing ${done.toLocaleString('en')} of ${total.toLocaleString('en')} changes…`);
    },
    received(rows) {
      if (rows >= PROGRESS_FROM) show(`receiving teammates' rows: ${rows.toLocaleString('en')}…`);
    },
    end() {
      if (shown) err.write('\r\x1b[K');
      shown = false;
    },
  };
}

export default async function sync(ctx: Context): Promise<void> {
  const db = await ctx.db();
  const config = getTeam(db);
  if (!config) throw notInTeam();
  const [{ connectTeam, where }, { syncTeam }] = await Promise.all([import('../../team/connect.js'), import('../../team/sync.js')]);
  const team = await connectTeam(config.url, ctx.env, { warn: (text) => ctx.warn(text) });
  // what `refer team status` shows: the server's schema as of the last contact
  if (team.schemaVersion !== config.serverVersion) setServerVersion(db, team.schemaVersion);
  const progress = progressLine(ctx);
  try {
    const result = await syncTeam(db, team, { progress: progress.update, received: progress.received, now: () => ctx.now() });
    progress.end();
    if (ctx.json) ctx.printJson(result);
    else {
      const changes = `${result.pushed.toLocaleString('en')} change${result.pushed === 1 ? '' : 's'} sent`;
      const rows = `${result.pulled.toLocaleString('en')} teammate row${result.pulled === 1 ? '' : 's'} received`;
      ctx.print(`Synced with ${where(team.url)}: ${changes}, ${rows}.`);
    }
  } finally {
    progress.end();
    await team.close();
  }
}
