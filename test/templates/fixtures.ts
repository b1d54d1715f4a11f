// Invented people for the template tests: a rep, a relation with a recent moment, and the
// connections chosen from the relation's network, in both languages.
import { fileURLToPath } from 'node:url';
import type { Lang } from '../../src/core/model.js';
import type { TemplateInput } from '../../src/templates/variables.js';

export const BUILTIN_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export const CONNECTIONS = [
  { name: 'Anna de Vries', title: 'COO', company: 'Brightline Logistics' },
  { name: 'Bart Hendriks', title: 'Head of Operations', company: 'Kade Transport' },
  { name: 'Carla Smit', title: 'Supply Chain Manager', company: 'Veldhuis Foods' },
  { name: 'Dirk Mulder', title: 'Warehouse Director', company: null },
  { name: 'Eva Jacobs', title: null, company: 'Polder Parts' },
];

const PROFILE = {
  en: { offer: 'planning software for warehouse teams', value: 'warehouse teams plan their week in one morning instead of three days' },
  nl: { offer: 'planningssoftware voor magazijnteams', value: 'magazijnteams plannen hun week in één ochtend in plaats van drie dagen' },
  da: { offer: 'planlægningssoftware til lagerteams', value: 'lagerteams planlægger deres uge på én formiddag i stedet for tre dage' },
  de: { offer: 'Planungssoftware für Lagerteams', value: 'Lagerteams planen ihre Woche an einem Vormittag statt in drei Tagen' },
} as const;

const MOMENT = {
  en: 'We finally see the whole week at a glance, and Friday afternoons are calm again!',
  nl: 'We zien eindelijk de hele week in één oogopslag, en de vrijdagmiddag is weer rustig!',
  da: 'Endelig kan vi se hele ugen på én gang, og fredag eftermiddag er rolig igen!',
  de: 'Endlich sehen wir die ganze Woche auf einen Blick, und der Freitagnachmittag ist wieder ruhig!',
} as const;

/** 3 December 2026, 10:00 local time */
export const FOLLOW_UP_AT = new Date(2026, 11, 3, 10, 0);

export function askInput(lang: Lang, over: Partial<TemplateInput> = {}): Omit<TemplateInput, 'lang' | 'forwardMessage'> {
  return {
    profile: { name: 'Jan Peeters', company: 'Planwise', ...PROFILE[lang] },
    relation: { name: 'Lotte van Dijk', company: 'Noordhaven Logistics' },
    moment: { text: MOMENT[lang], occurredAt: '2026-11-12T11:00:00.000Z' },
    connections: CONNECTIONS,
    followUpAt: FOLLOW_UP_AT,
    ...over,
  };
}
