import type { Context } from '../context.js';
import type { MomentKind } from '../core/model.js';
import { assertNotFuture } from '../core/calendar.js';
import { parseDateArg } from '../core/when.js';
import { UsageError } from '../errors.js';
import { insertMoment, resolveRelation } from '../db/repos/relations.js';

export default async function moment(ctx: Context, [ref, text]: string[], opts: { kind: MomentKind; date?: string }): Promise<void> {
  const words = (text ?? '').trim();
  if (!words) throw new UsageError('a moment needs the words: what they valued, as they said it');
  const now = ctx.now();
  const at = opts.date === undefined ? now : parseDateArg(opts.date, now);
  assertNotFuture(at, now, '--date');
  const db = await ctx.db();
  const relation = resolveRelation(db, ref!);
  const id = insertMoment(db, relation.id, words, opts.kind, at, now);
  if (ctx.json) return ctx.printJson({ id, relation: { id: relation.id, name: relation.name }, kind: opts.kind, text: words, occurredAt: at.toISOString() });
  ctx.print(`Recorded a ${opts.kind} of ${relation.name}: "${words}".`);
  ctx.info(`Right after a positive moment is the time to ask: \`refer ask ${relation.id}\`.`);
}
