// The variables a template may use, declared once with their descriptions. The loader checks
// each `{{name}}` of a template against this declaration (a template naming anything else is
// rejected at load time), and the compiler checks the declaration against TemplateVars: every
// field declared and described, nothing else. (Plain data rather than a zod schema: the values
// are built here from checked input, so validating them again only cost `refer ask` the loading
// of zod.)
import { format } from 'date-fns/format';
import { LANGUAGES } from '../core/languages.js';
import type { Lang } from '../core/model.js';
import { UsageError } from '../errors.js';

interface PersonVars {
  name: string;
  firstName: string;
}

interface ConnectionVars extends PersonVars {
  title?: string;
  company?: string;
}

export interface TemplateVars {
  lang: Lang;
  rep: PersonVars & { company?: string; offer: string; value: string };
  relation: PersonVars & { company?: string };
  moment?: { text: string; date: string };
  connections: ConnectionVars[];
  connectionNames: string;
  severalConnections: boolean;
  referee?: ConnectionVars;
  followUp: { date: string; text: string; minutes: number };
  forwardMessage: string;
}

/** A variable: what it holds, and the fields of an object or of each item of a list. */
export interface Variable {
  description: string;
  fields?: Record<string, Variable>;
  items?: Record<string, Variable>;
}

/** The declaration of a value of type T: described, with its fields or its items' fields. */
type Declared<T> = { description: string } & (NonNullable<T> extends ReadonlyArray<infer E>
  ? { items: Fields<E> }
  : NonNullable<T> extends object
    ? { fields: Fields<NonNullable<T>> }
    : unknown);
type Fields<T> = { [K in keyof T]-?: Declared<T[K]> };

const person: Fields<PersonVars> = {
  name: { description: 'full name' },
  firstName: { description: 'first name (the first word of the name)' },
};

const connection: Fields<ConnectionVars> = {
  ...person,
  title: { description: 'job title' },
  company: { description: 'company' },
};

const VARIABLES: Fields<TemplateVars> = {
  lang: { description: 'language of the script' },
  rep: {
    description: 'you, from your profile',
    fields: {
      ...person,
      company: { description: 'your company' },
      offer: { description: 'what you offer (a noun phrase)' },
      value: { description: 'the value you create, one phrase without a closing full stop' },
    },
  },
  relation: { description: 'the person you ask', fields: { ...person, company: { description: "the relation's company" } } },
  moment: {
    description: "the relation's latest positive moment, if any",
    fields: {
      text: { description: 'what they valued, in their own words (ends with punctuation)' },
      date: { description: 'when, as a date in the script language' },
    },
  },
  connections: { description: 'the chosen connections (candidate referees)', items: connection },
  connectionNames: { description: 'the full names of the connections, joined ("A, B and C")' },
  severalConnections: { description: 'true when two or more connections are chosen' },
  referee: { description: 'the one connection a referee note is for', fields: connection },
  followUp: {
    description: 'the agreed moment to come back',
    fields: {
      date: { description: 'the day, e.g. "Thursday 3 December"' },
      text: { description: 'the day and, when set, the time, e.g. "Thursday 3 December at 10:00"' },
      minutes: { description: 'length of the follow-up call' },
    },
  },
  forwardMessage: { description: 'the rendered short message the relation can forward unchanged' },
};

/** The context a template starts in: all the variables. */
export const TEMPLATE_SCOPE: Variable = { description: 'the variables of a template', fields: VARIABLES };

export interface PersonInput {
  name: string;
  title?: string | null;
  company?: string | null;
}

/** Plain inputs, as they come from the profile and the database. */
export interface TemplateInput {
  lang: Lang;
  profile: { name: string | null; company: string | null; offer: string | null; value: string | null };
  relation: { name: string; company?: string | null };
  /** The latest positive moment; `occurredAt` is an ISO date/time or a Date. */
  moment?: { text: string; occurredAt: string | Date } | null;
  connections?: PersonInput[];
  referee?: PersonInput | null;
  followUpAt: Date;
  followUpMinutes?: number;
  forwardMessage?: string;
}

/** Builds the variables of a template from plain inputs; throws UsageError when the profile lacks a field. */
export function buildTemplateVars(input: TemplateInput): TemplateVars {
  const { lang } = input;
  const language = LANGUAGES[lang];
  const { locale } = language;
  const connections = (input.connections ?? []).map(toConnection);
  const followUpDate = format(input.followUpAt, language.day, { locale });
  // A follow-up booked for a day without a time has midnight; saying "at 00:00" would be wrong.
  const hasTime = input.followUpAt.getHours() !== 0 || input.followUpAt.getMinutes() !== 0;
  return {
    lang,
    rep: {
      name: required(input.profile.name, 'name'),
      firstName: firstName(required(input.profile.name, 'name')),
      company: optional(input.profile.company),
      offer: required(input.profile.offer, 'offer'),
      value: required(input.profile.value?.replace(/[.\s]+$/, '') ?? null, 'value'),
    },
    relation: {
      name: input.relation.name.trim(),
      firstName: firstName(input.relation.name),
      company: optional(input.relation.company),
    },
    moment: input.moment?.text.trim()
      ? {
          text: quotable(input.moment.text),
          date: format(new Date(input.moment.occurredAt), language.date, { locale }),
        }
      : undefined,
    connections,
    connectionNames: joinNames(connections.map((c) => c.name), lang),
    severalConnections: connections.length > 1,
    referee: input.referee ? toConnection(input.referee) : undefined,
    followUp: {
      date: followUpDate,
      text: hasTime ? language.dayAndTime(followUpDate, format(input.followUpAt, 'HH'), format(input.followUpAt, 'mm')) : followUpDate,
      minutes: input.followUpMinutes ?? 15,
    },
    forwardMessage: input.forwardMessage?.trim() ?? '',
  };
}

/**
 * "A, B and C" (British English: no comma before "and"), "A, B en C", "A, B og C", "A, B und C":
 * what Intl.ListFormat gives for en-GB, nl, da and de, without the 10 ms its first use costs to
 * load ICU's locale data.
 */
function joinNames(names: string[], lang: Lang): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${LANGUAGES[lang].and} ${names.at(-1)}`;
}

function toConnection(p: PersonInput): ConnectionVars {
  return { name: p.name.trim(), firstName: firstName(p.name), title: optional(p.title), company: optional(p.company) };
}

function required(value: string | null, field: 'name' | 'offer' | 'value'): string {
  const v = value?.trim();
  if (!v) throw new UsageError(`Your profile has no ${field} yet: set it with \`refer profile set --${field} TEXT\``);
  return v;
}

function optional(value: string | null | undefined): string | undefined {
  return value?.trim() || undefined;
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/**
 * The moment as it goes between quote marks: quotes the rep typed around it are dropped (the
 * template adds its own), and a full stop is added when it ends without punctuation, so that the
 * sentence after the closing quote mark starts cleanly.
 */
function quotable(raw: string): string {
  const t = raw.trim().replace(/^["'“‘„‚»«]+|["'”’“‘«»]+$/g, '').trim();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

// Walking the declaration: the loader checks each `{{name}}` against it, the way Mustache looks
// names up (innermost context first, a section over a list pushes the list's item).

/** The variable that a dotted name (`rep.name`) resolves to inside one context, or undefined. */
export function resolveVariable(scope: Variable, path: string): Variable | undefined {
  let v: Variable | undefined = scope;
  for (const part of path.split('.')) v = v?.fields?.[part];
  return v;
}

/** The context a `{{#section}}` over this variable pushes: the item of a list, else the value. */
export function sectionScope(v: Variable): Variable {
  return v.items ? { description: v.description, fields: v.items } : v;
}

/** Every variable a template may use, with its description (`connections[].name` inside a list). */
export const TEMPLATE_VARIABLES: { name: string; description: string }[] = listVariables(VARIABLES, '');

function listVariables(fields: Record<string, Variable>, prefix: string): { name: string; description: string }[] {
  return Object.entries(fields).flatMap(([key, v]) => {
    const name = prefix + key;
    const inner = v.fields ? listVariables(v.fields, `${name}.`) : v.items ? listVariables(v.items, `${name}[].`) : [];
    return [{ name, description: v.description }, ...inner];
  });
}
