// The interactive walk of `refer ask` on a terminal: relation (most ready first), kind, the
// connections (shortlist first, with their ICP fit), channel. A flag that was given skips its
// question. Kind comes before connections and channel: only a referral ask names connections,
// and not every kind has a template for every channel.
import type { Context } from '../../context.js';
import { ASK_KINDS, CHANNELS, type AskKind, type Channel, type Connection, type Relation } from '../../core/model.js';
import type { Db } from '../../db/open.js';
import { listRelations } from '../../db/repos/relations.js';
import { UsageError } from '../../errors.js';
import { listTemplates, type TemplateDirs } from '../../templates/load.js';
import { connectionChoices } from '../connection/choices.js';
import { pickOne } from '../pick-one.js';
import { byReadiness, viewRelations } from '../relation/view.js';
import { type FixedSelection, resolveConnections, type Selection } from './draft.js';

/** The ladder of asks, as the rep reads it when choosing. */
export const KIND_LABELS: Record<AskKind, string> = {
  referral: 'referral: may you mention their name to people in their network who would be helped',
  quote: 'quote: a few words about their experience, as social proof',
  review: 'review: an online review or LinkedIn recommendation',
  event: 'event: attend or speak at an event',
  beta: 'beta: try something new early',
};

export interface Choice {
  relation: Relation;
  connections: Connection[];
  selection: Selection;
}

export async function chooseAsk(ctx: Context, db: Db, fixed: FixedSelection & { to?: string[] }, dirs: TemplateDirs): Promise<Choice> {
  const { select, checkbox } = await ctx.prompts('REL');
  const c = ctx.promptContext;
  const relations = viewRelations(db, listRelations(db), ctx.now()).sort(byReadiness);
  if (relations.length === 0) throw new UsageError('no relations yet: add one with `refer relation add NAME`');
  const relation = await pickOne<Relation>(ctx, await ctx.prompts('REL'), {
    message: 'Whom do you ask? (most ready first)',
    pageSize: 10,
    choices: relations.map((r) => ({
      value: r as Relation,
      name: `${r.name}${r.company ? ` (${r.company})` : ''} · readiness ${r.readiness.score}${r.readiness.askNow ? ' · ask now' : ''}`,
      short: r.name,
      description: r.readiness.reasons.join('; '),
    })),
  });

  const kind =
    fixed.kind ??
    (await ctx.ask(
      select<AskKind>({ message: 'What do you ask for?', default: 'referral', choices: ASK_KINDS.map((k) => ({ value: k, name: KIND_LABELS[k], short: k })) }, c),
    ));

  let connections: Connection[] = [];
  if (fixed.to) {
    connections = resolveConnections(db, fixed.to, relation);
  } else if (kind === 'referral') {
    const choices = connectionChoices(db, relation.id, { shortlistFirst: true });
    if (choices.length === 0) {
      throw new UsageError(`${relation.name} has no connections yet: \`refer connection import ${relation.id} Connections.csv\` or \`refer connection add ${relation.id} NAME\``);
    }
    connections = await ctx.ask(
      checkbox(
        { message: 'About whom? (the shortlist is ticked; 5-10 people is the sweet spot)', pageSize: 12, required: true, choices },
        c,
      ),
    );
  }

  let channel = fixed.channel;
  if (!channel) {
    const templates = listTemplates(dirs).filter((t) => t.kind === kind && t.lang === fixed.lang);
    const available = CHANNELS.filter((ch) => templates.some((t) => t.channel === ch));
    if (available.length === 0) throw new UsageError(`no ${kind} template in ${fixed.lang}; \`refer templates list\` shows them`);
    channel = await ctx.ask(
      select<Channel>({
        message: 'How do you ask?',
        default: available.includes('email') ? 'email' : available[0],
        choices: available.map((ch) => ({ value: ch, name: ch, description: (templates.find((t) => t.name === `${kind}/${ch}.${fixed.lang}`) ?? templates.find((t) => t.channel === ch))?.description })),
      }, c),
    );
  }
  return { relation, connections, selection: { kind, channel, lang: fixed.lang, template: fixed.template } };
}
