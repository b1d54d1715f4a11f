// Which offer and value texts a script uses, decided in one place: those of the script's own
// language, else those of the main language (the profile's), else any language that has them,
// with a warning that they are in another language than the script.
import { LANGUAGES } from './languages.js';
import { LANGS, type Lang, type Profile, type ProfileTexts } from './model.js';

const FIELDS = ['offer', 'value'] as const;

/** The texts the profile keeps for one language (the main language's are the profile's own). */
export function textsIn(profile: Profile, lang: Lang): ProfileTexts {
  if (lang === profile.lang) return { offer: profile.offer, value: profile.value };
  return { offer: profile.texts?.[lang]?.offer ?? null, value: profile.texts?.[lang]?.value ?? null };
}

/** The profile as a script in `lang` uses it, and the warning when a text comes from another language. */
export function profileForScript(profile: Profile, lang: Lang): { profile: Profile; warning: string | null } {
  const order = [...new Set<Lang>([lang, profile.lang, ...LANGS])];
  const chosen: ProfileTexts = { offer: null, value: null };
  const borrowed = new Map<Lang, string[]>();
  for (const field of FIELDS) {
    const from = order.find((l) => textsIn(profile, l)[field]?.trim());
    if (from === undefined) continue;
    chosen[field] = textsIn(profile, from)[field];
    if (from !== lang) borrowed.set(from, [...(borrowed.get(from) ?? []), field]);
  }
  const warning =
    borrowed.size === 0
      ? null
      : `${[...borrowed].map(([from, fields]) => `your ${fields.join(' and ')} ${fields.length > 1 ? 'are' : 'is'} in ${LANGUAGES[from].english}`).join('; ')}, ` +
        `not in ${LANGUAGES[lang].english} like this script: set ${lang === profile.lang ? 'them' : `the ${LANGUAGES[lang].english} ones`} with ` +
        `\`refer profile set --in ${lang}${[...borrowed.values()].flat().map((f) => ` --${f} TEXT`).join('')}\``;
  return { profile: { ...profile, ...chosen }, warning };
}
