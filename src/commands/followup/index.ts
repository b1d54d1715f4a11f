import { format } from 'date-fns/format';
import type { Context } from '../../context.js';
import { type DueWindow, selectDue, windowRange } from '../../core/due.js';
import { fstatSync, statSync } from 'node:fs';
import { countDueBy, countOverdue, openFollowups } from '../../db/repos/followups.js';
import { FoundError } from '../../errors.js';
import { followupJson, localWhen } from './view.js';

interface Options {
  upcoming?: number;
  on?: string;
  all?: boolean;
  check?: boolean;
}

/** `refer followup`: what is overdue and due today (or another window), oldest first. */
export default async function followupList(ctx: Context, _args: string[], opts: Options): Promise<void> {
  const now = ctx.now();
  const window: DueWindow = opts.all
    ? { kind: 'all' }
    : opts.on !== undefined
      ? // the phrase parser is loaded only here: a bare `refer followup` runs in shell prompts
        { kind: 'on', day: (await import('../../core/when.js')).parseDateArg(opts.on, now, { flag: '--on' }) }
      : opts.upcoming !== undefined
        ? { kind: 'upcoming', days: opts.upcoming }
        : { kind: 'due' };
  // a shell prompt may run this before the first real command: no database means nothing due
  const db = await ctx.existingDb();
  // `refer followup --check >/dev/null` (a shell prompt): the list would be thrown away, so it is
  // only counted; what reaches the terminal (the message on stderr, the exit code) is the same
  if (db && opts.check && window.kind === 'due' && !ctx.json && stdoutDiscarded(ctx)) {
    if (countDueBy(db, windowRange(window, now).to!) === 0) ctx.info(emptyMessage(window));
    const overdue = countOverdue(db, now);
    if (overdue > 0) throw new FoundError(overdue === 1 ? '1 follow-up is overdue' : `${overdue} follow-ups are overdue`);
    return;
  }
  const rows = db ? selectDue(openFollowups(db, windowRange(window, now)), now, window) : [];
  // --check looks at every open follow-up, whatever the window shows
  const overdue = db && opts.check ? countOverdue(db, now) : 0;

  if (ctx.json) ctx.printJson(rows.map((f) => followupJson(f, now)));
  else if (rows.length === 0) ctx.info(emptyMessage(window));
  else {
    const { style } = ctx;
    const late = (s: string, f: { overdue: boolean }) => (f.overdue ? style.red(s) : s);
    ctx.table(rows, [
      { header: 'ID', get: (f) => f.id, align: 'right' },
      { header: 'DUE', get: (f) => localWhen(f.dueAt), style: late },
      { header: 'STATUS', get: (f) => f.label, style: (s, f) => (f.overdue ? style.bold.red(s) : s) },
      { header: 'MIN', get: (f) => f.durationMinutes, align: 'right' },
      { header: 'RELATION', get: (f) => f.relation.name, style: (s) => style.bold(s) },
      { header: 'ASK', get: (f) => f.askId, align: 'right' },
      { header: 'REFEREES', get: (f) => f.referees.join(', ') },
      { header: 'AGENDA', get: (f) => f.note },
    ]);
    if (ctx.tty) ctx.info(style.dim('Afterwards: refer followup done ID [--outcome STAGE] · later: refer followup snooze ID WHEN'));
  }
  if (opts.check && overdue > 0) throw new FoundError(overdue === 1 ? '1 follow-up is overdue' : `${overdue} follow-ups are overdue`);
}

/** Whether this process's standard output is /dev/null (a stat or two; false wherever it cannot tell). */
function stdoutDiscarded(ctx: Context): boolean {
  if (ctx.io.stdout !== process.stdout) return false;
  try {
    const out = fstatSync(1);
    const nul = statSync('/dev/null');
    return out.isCharacterDevice() && out.rdev === nul.rdev;
  } catch {
    return false;
  }
}

function emptyMessage(window: DueWindow): string {
  switch (window.kind) {
    case 'due':
      return 'Nothing overdue or due today. `refer followup --upcoming 7` shows the week ahead.';
    case 'upcoming':
      return `Nothing due in the next ${window.days} day${window.days === 1 ? '' : 's'}.`;
    case 'on':
      return `Nothing due on ${format(window.day, 'EEE yyyy-MM-dd')}.`;
    case 'all':
      return 'No open follow-ups. `refer ask` books one with every ask; `refer followup add REL WHEN` books one by hand.';
  }
}
