// The variables a template may use, declared once. The loader derives the set of allowed
// `{{names}}` from this schema (a template naming anything else is rejected at load time), and
// the TypeScript type of the render input is inferred from it.
import { format } from 'date-fns/format';
import { enGB } from 'date-fns/locale/en-GB';
import { nl } from 'date-fns/locale/nl';
import { z } from 'zod';
import { LANGS, type Lang } from '../core/model.js';
import { UsageError } from '../errors.js';

const text = z.string().min(1);

const person = {
  name: text.describe('full name'),
  firstName: text.describe('first name (the first word of the name)'),
};

const connection = z.object({
  ...person,
  title: text.optional().describe('job title'),
  company: text.optional().describe('company'),
});

export const templateVarsSchema = z.object({
  lang: z.enum(LANGS).describe('language of the script'),
  rep: z
    .object({
      ...person,
      company: text.optional().describe('your company'),
      offer: text.describe('what you offer (a noun phrase)'),
      value: text.describe('the value you create, one phrase without a closing full stop'),
    })
    .describe('you, from your profile'),
  relation: z
    .object({ ...person, company: text.optional().describe("the relation's company") })
    .describe('the person you ask'),
  moment: z
    .object({
      text: text.describe('what they valued, in their own words (ends with punctuation)'),
      date: text.describe('when, as a date in the script language'),
    })
    .optional()
    .describe("the relation's latest positive moment, if any"),
  connections: z.array(connection).describe('the chosen connections (candidate referees)'),
  connectionNames: z.string().describe('the full names of the connections, joined ("A, B and C")'),
  severalConnections: z.boolean().describe('true when two or more connections are chosen'),
  referee: connection.optional().describe('the one connection a referee note is for'),
  followUp: z
    .object({
      date: text.describe('the day, e.g. "Thursday 3 December"'),
      text: text.describe('the day and, when set, the time, e.g. "Thursday 3 December at 10:00"'),
      minutes: z.number().int().positive().describe('length of the follow-up call'),
    })
    .describe('the agreed moment to come back'),
  forwardMessage: z.string().describe('the rendered short message the relation can forward unchanged'),
});

export type TemplateVars = z.infer<typeof templateVarsSchema>;

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

const DATE_LOCALES = { en: enGB, nl } as const;
const LIST_LOCALES = { en: 'en-GB', nl: 'nl' } as const;
const AT = { en: 'at', nl: 'om' } as const;

/** Builds the variables of a template from plain inputs; throws UsageError when the profile lacks a field. */
export function buildTemplateVars(input: TemplateInput): TemplateVars {
  const { lang } = input;
  const locale = DATE_LOCALES[lang];
  const connections = (input.connections ?? []).map(toConnection);
  const followUpDate = format(input.followUpAt, 'EEEE d MMMM', { locale });
  // A follow-up booked for a day without a time has midnight; saying "at 00:00" would be wrong.
  const hasTime = input.followUpAt.getHours() !== 0 || input.followUpAt.getMinutes() !== 0;
  return templateVarsSchema.parse({
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
          date: format(new Date(input.moment.occurredAt), 'd MMMM yyyy', { locale }),
        }
      : undefined,
    connections,
    connectionNames: new Intl.ListFormat(LIST_LOCALES[lang], { type: 'conjunction' }).format(
      connections.map((c) => c.name),
    ),
    severalConnections: connections.length > 1,
    referee: input.referee ? toConnection(input.referee) : undefined,
    followUp: {
      date: followUpDate,
      text: hasTime ? `${followUpDate} ${AT[lang]} ${format(input.followUpAt, 'HH:mm')}` : followUpDate,
      minutes: input.followUpMinutes ?? 15,
    },
    forwardMessage: input.forwardMessage?.trim() ?? '',
  });
}

function toConnection(p: PersonInput): TemplateVars['connections'][number] {
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
  const t = raw.trim().replace(/^["'“‘„]+|["'”’]+$/g, '').trim();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

// Walking the schema: the loader checks each `{{name}}` against it, the way Mustache looks names
// up (innermost context first, a section over a list pushes the list's element).

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  return s;
}

/** The schema that a dotted name (`rep.name`) resolves to inside one context, or undefined. */
export function resolveVariable(scope: z.ZodType, path: string): z.ZodType | undefined {
  let s: z.ZodType | undefined = scope;
  for (const part of path.split('.')) {
    const obj: z.ZodType | undefined = s && unwrap(s);
    s = obj instanceof z.ZodObject ? (obj.shape as Record<string, z.ZodType>)[part] : undefined;
  }
  return s;
}

/** The context a `{{#section}}` over this variable pushes: the element of a list, else the value. */
export function sectionScope(schema: z.ZodType): z.ZodType {
  const s = unwrap(schema);
  return s instanceof z.ZodArray ? (s.element as z.ZodType) : s;
}

/** Every variable a template may use, with its description (`connections[].name` inside a list). */
export const TEMPLATE_VARIABLES: { name: string; description: string }[] = listVariables(templateVarsSchema, '');

function listVariables(schema: z.ZodType, prefix: string): { name: string; description: string }[] {
  const s = unwrap(schema);
  const inner = s instanceof z.ZodArray ? unwrap(s.element as z.ZodType) : s;
  if (!(inner instanceof z.ZodObject)) return [];
  const sep = s instanceof z.ZodArray ? '[].' : prefix ? '.' : '';
  return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, child]) => {
    const name = `${prefix}${sep}${key}`;
    return [{ name, description: child.description ?? '' }, ...listVariables(child, name)];
  });
}
