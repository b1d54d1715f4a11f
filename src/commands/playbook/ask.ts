// Steps 3 and 4 of the playbook: draft the ask and change channel, kind or connections until the
// rep accepts it; then book the follow-up and store the ask, its referrals and the follow-up in
// one transaction, which also ends the relation's saved walk.
import { format } from 'date-fns/format';
import { ASK_KINDS, CHANNELS, type AskKind, type Channel, type Connection, type Relation } from '../../core/model.js';
import type { PlaybookState } from '../../core/playbook.js';
import { defaultFollowUp } from '../../core/calendar.js';
import { parseWhen } from '../../core/when.js';
import { getConnection, shortlistOf as storedShortlist } from '../../db/repos/connections.js';
import { deleteProgress } from '../../db/repos/playbook.js';
import { CancelError, UsageError } from '../../errors.js';
import { listTemplates } from '../../templates/load.js';
import { printDraft } from '../ask.js';
import { KIND_LABELS } from '../ask/choose.js';
import { type Draft, draftAsk } from '../ask/draft.js';
import { storeAsk } from '../ask/store.js';
import { pickConnections } from './connections.js';
import { type Session, validateWith } from './session.js';

/** The draft the rep accepted in step 3: saved with the progress, so step 4 can resume from it. */
export interface Accepted {
  kind: AskKind;
  channel: Channel;
  connections: Connection[];
}

type Change = 'accept' | 'channel' | 'kind' | 'connections';

export async function askStep(s: Session, relation: Relation, saved: Partial<Omit<Accepted, 'connections'>>): Promise<Accepted> {
  const { ctx, prompts } = s;
  let kind = await chooseKind(s, saved.kind ?? 'referral');
  let channel = await chooseChannel(s, kind, saved.channel ?? 'email');
  let connections = kind === 'referral' ? shortlistOf(s, relation) : [];
  for (;;) {
    const draft = render(s, relation, { kind, channel, connections }, defaultFollowUp(ctx.now()));
    show(s, draft);
    const choices: Array<{ value: Change; name: string }> = [
      { value: 'accept', name: 'Accept: go on to the follow-up' },
      { value: 'channel', name: `Change the channel (now ${channel})` },
      { value: 'kind', name: `Change what you ask for (now ${kind})` },
    ];
    if (kind === 'referral') choices.push({ value: 'connections', name: `Change whom you ask about (now ${connections.length})` });
    const change = await ctx.ask(prompts.select<Change>({ message: 'Is this the ask you want to make?', choices }, ctx.promptContext));
    if (change === 'accept') return { kind, channel, connections };
    if (change === 'channel') channel = await chooseChannel(s, kind, channel);
    if (change === 'connections') connections = await pickConnections(s, relation);
    if (change === 'kind') {
      kind = await chooseKind(s, kind);
      // not every kind has a template for every channel
      if (!channelsFor(s, kind).includes(channel)) channel = await chooseChannel(s, kind, channel);
      connections = kind === 'referral' ? shortlistOf(s, relation) : [];
    }
  }
}

/** Step 3's accepted draft as saved in the progress row (resumeStep has checked that its connections are still there). */
export function acceptedFromState(s: Session, state: Required<PlaybookState>): Accepted {
  return { kind: state.kind, channel: state.channel, connections: state.connectionIds.map((id) => getConnection(s.db, id)!) };
}

/**
 * Step 4: proposes the default follow-up and accepts any WHEN phrase; the script names the
 * moment, so it is shown again when it changes. On confirmation everything is stored at once.
 */
export async function followupStep(s: Session, relation: Relation, accepted: Accepted, opts: { showDraft: boolean }): Promise<void> {
  const { ctx, db, prompts } = s;
  const c = ctx.promptContext;
  const proposed = defaultFollowUp(ctx.now());
  if (opts.showDraft) show(s, render(s, relation, accepted, proposed));
  const text = await ctx.ask(
    prompts.input(
      {
        message: `When do you call ${relation.name} back, for 15 minutes? (e.g. "next tuesday 10:00", "in 3 days")`,
        default: format(proposed, 'yyyy-MM-dd HH:mm'),
        validate: validateWith((v) => parseWhen(v, ctx.now())),
      },
      c,
    ),
  );
  const followUpAt = parseWhen(text, ctx.now());
  const draft = render(s, relation, accepted, followUpAt);
  if (followUpAt.getTime() !== proposed.getTime()) {
    ctx.print(ctx.style.dim(`\nThe script now proposes ${when(followUpAt)}:\n`));
    show(s, draft);
  }
  const people = draft.connections.length ? ` about ${draft.connections.length} ${draft.connections.length === 1 ? 'person' : 'people'}` : '';
  const ok = await ctx.ask(prompts.confirm({ message: `Store this ask${people} and book the follow-up for ${when(followUpAt)}?`, default: true }, c));
  if (!ok) throw new CancelError(`Nothing stored; \`refer playbook\` resumes ${relation.name} at step 4.`);
  const now = ctx.now();
  const stored = db
    .transaction(() => {
      const result = storeAsk(db, draft, now);
      deleteProgress(db, relation.id);
      return result;
    })
    .immediate();
  const refs = draft.connections.map((conn, i) => `${stored.referralIds[i]} ${conn.name}`).join(', ');
  ctx.print(
    `\nStored ask ${stored.askId} for ${relation.name}${refs ? `; referrals at stage asked: ${refs}` : ''}; follow-up ${stored.followupId} booked for ${when(followUpAt)}.`,
  );
  ctx.info(ctx.style.dim('Next: send or say it now. `refer followup` shows what is due; `refer playbook` walks the next relation.'));
  await (await import('../ask/out.js')).offerAskOut(ctx, draft);
}

function render(s: Session, relation: Relation, a: Accepted, followUpAt: Date): Draft {
  const now = s.ctx.now();
  const selection = { kind: a.kind, channel: a.channel, lang: s.lang };
  return draftAsk(s.db, { relation, connections: a.connections, selection, profile: s.profile, askedAt: now, followUpAt }, s.dirs, now);
}

/** The script as `refer ask` shows it, then the checks: the lint findings and the reasons to wait. */
function show(s: Session, draft: Draft): void {
  const { ctx } = s;
  ctx.print('');
  printDraft(ctx, draft);
  ctx.print('');
  if (draft.warnings.length === 0) ctx.print(ctx.style.green('Checks: no findings.') + ctx.style.dim(' It centres the people they would help and asks no contact details.'));
  for (const w of draft.warnings) ctx.warn(w);
}

function shortlistOf(s: Session, relation: Relation): Connection[] {
  return storedShortlist(s.db, relation.id);
}

async function chooseKind(s: Session, current: AskKind): Promise<AskKind> {
  const { ctx, prompts } = s;
  return ctx.ask(
    prompts.select<AskKind>(
      { message: 'What do you ask for?', default: current, choices: ASK_KINDS.map((k) => ({ value: k, name: KIND_LABELS[k], short: k })) },
      ctx.promptContext,
    ),
  );
}

function channelsFor(s: Session, kind: AskKind): Channel[] {
  const templates = listTemplates(s.dirs).filter((t) => t.kind === kind && t.lang === s.lang);
  return CHANNELS.filter((ch) => templates.some((t) => t.channel === ch));
}

async function chooseChannel(s: Session, kind: AskKind, current: Channel): Promise<Channel> {
  const { ctx, prompts } = s;
  const available = channelsFor(s, kind);
  if (available.length === 0) throw new UsageError(`no ${kind} template in ${s.lang}; \`refer templates list\` shows them`);
  return ctx.ask(
    prompts.select<Channel>(
      { message: 'How do you ask?', default: available.includes(current) ? current : available[0], choices: available.map((ch) => ({ value: ch, name: ch })) },
      ctx.promptContext,
    ),
  );
}

const when = (d: Date) => format(d, 'EEE d MMM yyyy HH:mm');
