// What `refer ask` decides before anything is stored: which template, the rendered script and
// forward message, the follow-up note, and the warnings. Shared by the scripted and the
// interactive flow, so both store exactly what they showed.
import { lintDraft } from '../../core/lint.js';
import { ASK_KINDS, CHANNELS, SHORTLIST, type AskKind, type Channel, type Connection, type Lang, type Profile, type Relation } from '../../core/model.js';
import { READINESS } from '../../core/readiness.js';
import { formatLocal } from '../../core/calendar.js';
import { profileForScript } from '../../core/texts.js';
import type { Db } from '../../db/open.js';
import { resolveConnection } from '../../db/repos/connections.js';
import { UsageError } from '../../errors.js';
import { findTemplate, getTemplate, renderAsk, renderTemplate, type TemplateDirs } from '../../templates/load.js';
import { type RelationView, viewRelations } from '../relation/view.js';
import { collisionWarning, pullAge } from '../../core/coordination.js';
import { askCollisions } from '../../db/repos/team-coordination.js';

/** Length of the follow-up call the playbook books after an ask. */
export const FOLLOW_UP_MINUTES = 15;

/** Kind, channel and language of an ask, and the template when one was named. */
export interface Selection {
  kind: AskKind;
  channel: Channel;
  lang: Lang;
  /** the name given with --template, already checked */
  template?: string;
}

/** What --kind, --channel, --template and --lang fix before any prompt; the rest is open. */
export type FixedSelection = Partial<Selection> & { lang: Lang };

/**
 * Reads --template against --kind, --channel and an explicit --lang: the template decides them,
 * and a flag that contradicts it is a usage error rather than a silent choice.
 */
export function fixSelection(
  opts: { kind?: AskKind; channel?: Channel; template?: string },
  lang: { flag?: Lang; fallback: Lang },
  dirs: TemplateDirs,
): FixedSelection {
  if (opts.template === undefined) return { kind: opts.kind, channel: opts.channel, lang: lang.flag ?? lang.fallback };
  const t = getTemplate(opts.template, { ...dirs, lang: lang.flag ?? lang.fallback });
  const kind = ASK_KINDS.find((k) => k === t.kind);
  const channel = CHANNELS.find((c) => c === t.channel);
  if (!kind || !channel) {
    throw new UsageError(`template ${t.name} is a ${t.kind} ${t.channel}, not an ask; \`refer templates list\` shows the ask templates`);
  }
  if (opts.kind && opts.kind !== kind) throw new UsageError(`--kind ${opts.kind} contradicts template ${t.name}, which is a ${kind} ask`);
  if (opts.channel && opts.channel !== channel) throw new UsageError(`--channel ${opts.channel} contradicts template ${t.name}, which is for ${channel}`);
  if (lang.flag && lang.flag !== t.lang) throw new UsageError(`--lang ${lang.flag} contradicts template ${t.name}, which is in ${t.lang}`);
  return { kind, channel, lang: t.lang, template: t.name };
}

/** Connections named by id or name, each once, all of them the relation's own. */
export function resolveConnections(db: Db, refs: string[], relation: Relation): Connection[] {
  return [...new Map(refs.map((r) => resolveConnection(db, r, relation)).map((c) => [c.id, c])).values()];
}

/** The profile fields every script needs; checked before a wizard, so nobody answers prompts in vain. */
export function assertProfileReady(profile: Profile | undefined): asserts profile is Profile {
  if (!profile) throw new UsageError('no profile yet: run `refer init` first (your name, offer and the value you create)');
  // an offer or value in any language will do: a script in another one warns that it borrows it
  const texts = profileForScript(profile, profile.lang).profile;
  for (const field of ['name', 'offer', 'value'] as const) {
    if (!texts[field]?.trim()) throw new UsageError(`Your profile has no ${field} yet: set it with \`refer profile set --${field} TEXT\``);
  }
}

export interface Draft {
  relation: RelationView;
  connections: Connection[];
  kind: AskKind;
  channel: Channel;
  lang: Lang;
  /** the template's name, e.g. referral/email.en */
  template: string;
  askedAt: Date;
  followUpAt: Date;
  followUpMinutes: number;
  script: string;
  forward: string | null;
  /** the follow-up's note when it does not depend on the ask's id (the agenda's first line) */
  agendaNote: string | null;
  warnings: string[];
}

const DAY = 86_400_000;

/** Renders the ask and collects every warning; reads templates and the relation's signals, writes nothing. */
export function draftAsk(
  db: Db,
  input: { relation: Relation; connections: Connection[]; selection: Selection; profile: Profile; askedAt: Date; followUpAt: Date },
  dirs: TemplateDirs,
  now: Date,
): Draft {
  const { relation, connections, selection, askedAt, followUpAt } = input;
  const [view] = viewRelations(db, [relation], now);
  const texts = profileForScript(input.profile, selection.lang);
  const rendered = renderAsk(
    selection,
    {
      profile: texts.profile,
      relation,
      moment: view!.latestMoment,
      connections,
      followUpAt,
      followUpMinutes: FOLLOW_UP_MINUTES,
    },
    dirs,
  );
  // fixSelection made kind, channel and language agree with a named template
  const { template } = rendered;
  const { kind, channel, lang } = selection;
  const agendaNote =
    kind === 'referral'
      ? renderTemplate(findTemplate({ kind: 'followup', channel: 'agenda', lang }, dirs), rendered.vars).split('\n')[0]?.trim() || null
      : null;

  const warnings = relationWarnings(view!, askedAt);
  if (texts.warning) warnings.push(texts.warning);
  if (connections.length > SHORTLIST.max) {
    warnings.push(`${connections.length} connections chosen: more than ${SHORTLIST.max} reads as a spam list; keep the best ${SHORTLIST.max}`);
  }
  if (followUpAt < now) {
    warnings.push(`the follow-up at ${formatLocal(followUpAt)} is already past, so it shows as overdue; --follow-up WHEN books another moment`);
  }
  // a teammate's ask of the same relation, a referee in a teammate's pipeline (from the last pull)
  const team = askCollisions(db, relation, connections, askedAt);
  for (const c of team.collisions) warnings.push(`${collisionWarning(c, now)} (${pullAge(team.lastPullAt, now)})`);
  for (const f of lintDraft(rendered.script, { channel, lang, referees: connections.map((c) => c.name) })) {
    warnings.push(`script line ${f.line}: ${f.message} (${f.rule}). ${f.suggestion}`);
  }
  return {
    relation: view!,
    connections,
    kind,
    channel,
    lang,
    template: template.name,
    askedAt,
    followUpAt,
    followUpMinutes: FOLLOW_UP_MINUTES,
    script: rendered.script,
    forward: rendered.forward,
    agendaNote,
    warnings,
  };
}

/** The playbook's reasons not to ask this relation right now. */
function relationWarnings(r: RelationView, askedAt: Date): string[] {
  const out: string[] = [];
  if (r.npsClass === 'detractor') out.push(`${r.name} is a detractor (latest NPS ${r.nps}): fix what went wrong before asking for anything`);
  if (r.waiting > 0) {
    out.push(`${r.name} still has ${r.waiting} referral${r.waiting === 1 ? '' : 's'} waiting for an answer: follow up on that ask first`);
  }
  if (r.lastAskAt) {
    const days = Math.abs(askedAt.getTime() - Date.parse(r.lastAskAt)) / DAY;
    if (days < READINESS.askedRecently.days) {
      out.push(`${r.name} was also asked on ${formatLocal(new Date(r.lastAskAt))}, within ${READINESS.askedRecently.days} days of this ask: give them room`);
    }
  }
  return out;
}
