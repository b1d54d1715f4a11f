// A language is data: what the templates need to write dates, times and lists in it. Adding a
// language is a row here, its words in the lint (src/core/lint.ts), and its templates; no
// command changes.
import type { Locale } from 'date-fns';
import { da } from 'date-fns/locale/da';
import { de } from 'date-fns/locale/de';
import { enGB } from 'date-fns/locale/en-GB';
import { nl } from 'date-fns/locale/nl';
import type { Lang } from './model.js';

export interface Language {
  /** the language's own name, as `refer init` offers it */
  name: string;
  /** its name in English, for help and messages */
  english: string;
  locale: Locale;
  /** date-fns patterns: a follow-up day ("Thursday 3 December"), a past date ("12 November 2026") */
  day: string;
  date: string;
  /** the day with a time: "Thursday 3 December at 10:00" */
  dayAndTime: (day: string, hours: string, minutes: string) => string;
  /** the word before the last item of a list: "A, B and C" */
  and: string;
}

export const LANGUAGES: Record<Lang, Language> = {
  en: { name: 'English', english: 'English', locale: enGB, day: 'EEEE d MMMM', date: 'd MMMM yyyy', dayAndTime: (d, h, m) => `${d} at ${h}:${m}`, and: 'and' },
  nl: { name: 'Nederlands', english: 'Dutch', locale: nl, day: 'EEEE d MMMM', date: 'd MMMM yyyy', dayAndTime: (d, h, m) => `${d} om ${h}:${m}`, and: 'en' },
  // Danish writes "torsdag den 3. december kl. 10.00" (Retskrivningsordbogen: a full stop in times).
  da: { name: 'Dansk', english: 'Danish', locale: da, day: "EEEE 'den' d. MMMM", date: 'd. MMMM yyyy', dayAndTime: (d, h, m) => `${d} kl. ${h}.${m}`, and: 'og' },
  de: { name: 'Deutsch', english: 'German', locale: de, day: 'EEEE, d. MMMM', date: 'd. MMMM yyyy', dayAndTime: (d, h, m) => `${d} um ${h}:${m} Uhr`, and: 'und' },
};
