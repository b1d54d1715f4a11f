import { format } from 'date-fns/format';
import type { Context } from '../context.js';
import type { AskKind, Channel } from '../core/model.js';
import { assertNotFuture, defaultFollowUp } from '../core/calendar.js';
import type { Db } from '../db/open.js';
import { shortlistOf } from '../db/repos/connections.js';
import { getProfile } from '../db/repos/profile.js';
import { resolveRelation } from '../db/repos/relations.js';
import { CancelError, UsageError } from '../errors.js';
import { defaultTemplateDirs } from '../templates/load.js';
import type { Choice } from './ask/choose.js';
import { assertProfileReady, type Draft, draftAsk, type FixedSelection, fixSelection, resolveConnections } from './ask/draft.js';
import type { Stored } from './ask/store.js';

interface AskFlags {
  to?: string[];
  channel?: Channel;
  kind?: AskKind;
  template?: string;
  followUp?: string;
  date?: string;
  dryRun?: boolean;
  copy?: 'script' | 'forward';
  eml?: string;
  open?: boolean;
}

/** Every kind has an e-mail template; a script that names no channel gets one. */
const DEFAULT_CHANNEL: Channel = 'email';

export default async function ask(ctx: Context, [ref]: string[], opts: AskFlags): Promise<void> {
  // Flags that need no database are checked first: a typo never opens or creates anything.
  const now = ctx.now();
  // The date parser (chrono) loads only when a date is given.
  const askedAt = opts.date === undefined ? now : (await import('../core/when.js')).parseDateArg(opts.date, now, { flag: '--date' });
  assertNotFuture(askedAt, now, '--date');
  const followUpAt = opts.followUp === undefined ? defaultFollowUp(askedAt) : (await import('../core/when.js')).parseWhen(opts.followUp, now);
  if (opts.eml !== undefined) (await import('../output/send.js')).checkEmlPath(opts.eml);
  const interactive = ref === undefined && ctx.canPrompt;
  if (ref === undefined && !interactive) {
    throw new UsageError('missing REL (the relation to ask) and --to CONN... (whom about; default: their shortlist); on a terminal, `refer ask` alone walks you through it');
  }

  const db = await ctx.db();
  const profile = getProfile(db);
  assertProfileReady(profile);
  const dirs = defaultTemplateDirs(ctx.env);
  const fixed = fixSelection(opts, { flag: ctx.langFlag, fallback: profile.lang }, dirs);
  // The walk and the storing load only when used: a scripted dry run (and its start-up) needs neither.
  const choice = interactive
    ? await (await import('./ask/choose.js')).chooseAsk(ctx, db, { ...fixed, to: opts.to }, dirs)
    : fromFlags(db, ref!, fixed, opts.to);
  const draft = draftAsk(db, { ...choice, profile, askedAt, followUpAt }, dirs, now);

  if (!ctx.json) printDraft(ctx, draft);
  for (const w of draft.warnings) ctx.warn(w);
  if (interactive && !opts.dryRun) await confirmStore(ctx, draft);
  const stored = opts.dryRun ? null : (await import('./ask/store.js')).storeAsk(db, draft, now);
  if (ctx.json) ctx.printJson(toJson(draft, stored));
  else printOutcome(ctx, draft, stored);
  // The ask is stored: taking it out of the terminal can warn, never undo it.
  const out = await import('./ask/out.js');
  if (opts.copy || opts.eml !== undefined || opts.open) {
    await (await import('../output/send.js')).sendAskOut(ctx, out.outgoing(draft), { copy: opts.copy, eml: opts.eml, open: opts.open });
  } else if (interactive && !ctx.json) await out.offerAskOut(ctx, draft);
}

/** Without prompts: the relation, --to or else the shortlist (a referral ask needs someone to ask about). */
function fromFlags(db: Db, ref: string, fixed: FixedSelection, to: string[] | undefined): Choice {
  const relation = resolveRelation(db, ref);
  const kind = fixed.kind ?? 'referral';
  // Only a referral ask is about the shortlist; a quote or review is about the relation alone.
  const connections = to
    ? resolveConnections(db, to, relation)
    : kind === 'referral'
      ? shortlistOf(db, relation.id)
      : [];
  if (kind === 'referral' && connections.length === 0) {
    throw new UsageError(`${relation.name} has no shortlist: pick connections with --to or \`refer connection pick ${relation.id} ID...\``);
  }
  return { relation, connections, selection: { kind, channel: fixed.channel ?? DEFAULT_CHANNEL, lang: fixed.lang, template: fixed.template } };
}

async function confirmStore(ctx: Context, draft: Draft): Promise<void> {
  const { confirm } = await ctx.prompts('REL');
  const people = draft.connections.length ? ` about ${draft.connections.length} ${draft.connections.length === 1 ? 'person' : 'people'}` : '';
  const ok = await ctx.ask(
    confirm({ message: `Store this ask${people} and book the follow-up for ${when(draft.followUpAt)}?`, default: true }, ctx.promptContext),
  );
  if (!ok) throw new CancelError('Nothing stored.');
}

function toJson(draft: Draft, stored: Stored | null) {
  return {
    ask: {
      id: stored?.askId ?? null,
      relation: { id: draft.relation.id, name: draft.relation.name },
      channel: draft.channel,
      kind: draft.kind,
      template: draft.template,
      lang: draft.lang,
      askedAt: draft.askedAt.toISOString(),
    },
    referrals: draft.connections.map((c, i) => ({ id: stored?.referralIds[i] ?? null, connection: { id: c.id, name: c.name } })),
    script: draft.script,
    forward: draft.forward,
    followup: {
      id: stored?.followupId ?? null,
      dueAt: draft.followUpAt.toISOString(),
      durationMinutes: draft.followUpMinutes,
      note: stored?.note ?? draft.agendaNote,
    },
    warnings: draft.warnings,
  };
}

const when = (d: Date) => format(d, 'EEE d MMM yyyy HH:mm');

/** The script in full under plain headings: readable on a terminal, copyable from a pipe. */
export function printDraft(ctx: Context, draft: Draft): void {
  const { style } = ctx;
  const out = [style.bold('Script') + style.dim(` · ${draft.kind} by ${draft.channel} · ${draft.template}`), '', draft.script, ''];
  if (draft.forward) out.push(style.bold('Message to forward') + style.dim(' · what they can pass on unchanged'), '', draft.forward, '');
  out.push(style.bold('Follow-up'), `  ${when(draft.followUpAt)}, ${draft.followUpMinutes} minutes with ${draft.relation.name}`);
  ctx.print(out.join('\n'));
}

function printOutcome(ctx: Context, draft: Draft, stored: Stored | null): void {
  if (!stored) {
    ctx.print(`\nDry run: nothing stored.`);
    return;
  }
  const refs = draft.connections.map((c, i) => `${stored.referralIds[i]} ${c.name}`).join(', ');
  ctx.print(
    `\nStored ask ${stored.askId} for ${draft.relation.name}${refs ? `; referrals at stage asked: ${refs}` : ''}; follow-up ${stored.followupId} booked for ${when(draft.followUpAt)}.`,
  );
  ctx.info(ctx.style.dim(`Next: send or say it, then \`refer followup\` shows what is due; \`refer outcome REFERRAL STAGE\` records the answer.`));
}
