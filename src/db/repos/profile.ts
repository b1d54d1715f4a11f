import type { Db } from '../open.js';
import { LANGS, type Icp, type Lang, type Profile, type ProfileTexts } from '../../core/model.js';

interface ProfileRow {
  name: string | null;
  company: string | null;
  offer: string | null;
  value: string | null;
  lang: Lang;
}

/** The profile, with the offer and value texts of its other languages. */
export function getProfile(db: Db): Profile | undefined {
  const row = db.prepare('SELECT name, company, offer, value, lang FROM profile WHERE id = 1').get() as ProfileRow | undefined;
  if (!row) return undefined;
  const texts: Partial<Record<Lang, ProfileTexts>> = {};
  for (const t of db.prepare('SELECT lang, offer, value FROM profile_texts ORDER BY lang').all() as Array<ProfileTexts & { lang: string }>) {
    const lang = LANGS.find((l) => l === t.lang);
    if (lang && lang !== row.lang) texts[lang] = { offer: t.offer, value: t.value };
  }
  return { ...row, texts };
}

/**
 * Sets the given fields (undefined leaves a field as it is). Offer and value are those of the
 * language `opts.in` (default: the main language, after a change of `lang`). A new main language
 * takes its own texts along: the old main language's are kept as that language's, and the new
 * one's, when it has any, become the profile's.
 */
export function saveProfile(db: Db, fields: Partial<Profile>, now: Date, opts: { in?: Lang } = {}): Profile {
  const at = now.toISOString();
  return db.transaction(() => {
    const current = getProfile(db) ?? { name: null, company: null, offer: null, value: null, lang: 'en' as Lang, texts: {} };
    const next: Profile = { ...current, texts: { ...current.texts } };
    for (const key of ['name', 'company'] as const) if (fields[key] !== undefined) next[key] = fields[key];
    if (fields.lang !== undefined && fields.lang !== current.lang) {
      next.texts![current.lang] = { offer: current.offer, value: current.value };
      const own = next.texts![fields.lang];
      delete next.texts![fields.lang];
      next.lang = fields.lang;
      next.offer = own?.offer ?? null;
      next.value = own?.value ?? null;
    }
    const into = opts.in ?? next.lang;
    const target: ProfileTexts = into === next.lang ? next : (next.texts![into] = { offer: null, value: null, ...next.texts![into] });
    for (const key of ['offer', 'value'] as const) if (fields[key] !== undefined) target[key] = fields[key];
    for (const [lang, t] of Object.entries(fields.texts ?? {}) as [Lang, ProfileTexts][]) {
      if (lang === next.lang) Object.assign(next, { offer: t.offer, value: t.value });
      else next.texts![lang] = { ...t };
    }

    db.prepare(
      `INSERT INTO profile (id, name, company, offer, value, lang, updated_at) VALUES (1, @name, @company, @offer, @value, @lang, @at)
       ON CONFLICT (id) DO UPDATE SET name = @name, company = @company, offer = @offer, value = @value, lang = @lang, updated_at = @at`,
    ).run({ name: next.name, company: next.company, offer: next.offer, value: next.value, lang: next.lang, at });
    db.prepare('DELETE FROM profile_texts WHERE lang = ?').run(next.lang);
    const upsert = db.prepare(
      `INSERT INTO profile_texts (lang, offer, value, updated_at) VALUES (@lang, @offer, @value, @at)
       ON CONFLICT (lang) DO UPDATE SET offer = @offer, value = @value, updated_at = @at`,
    );
    for (const [lang, t] of Object.entries(next.texts ?? {}) as [Lang, ProfileTexts][]) {
      const before = current.texts?.[lang];
      const changed = !before || before.offer !== t.offer || before.value !== t.value;
      if (!changed) continue;
      if (t.offer === null && t.value === null) db.prepare('DELETE FROM profile_texts WHERE lang = ?').run(lang);
      else upsert.run({ lang, offer: t.offer, value: t.value, at });
    }
    for (const lang of Object.keys(next.texts ?? {}) as Lang[]) {
      const t = next.texts![lang]!;
      if (t.offer === null && t.value === null) delete next.texts![lang];
    }
    return next;
  }).immediate();
}

interface IcpRow {
  industries: string;
  titles: string;
  min_size: number | null;
  max_size: number | null;
  regions: string;
  exclude_companies: string;
}

export const EMPTY_ICP: Icp = { industries: [], titles: [], minSize: null, maxSize: null, regions: [], excludeCompanies: [] };

export function getIcp(db: Db): Icp | undefined {
  const row = db.prepare('SELECT industries, titles, min_size, max_size, regions, exclude_companies FROM icp WHERE id = 1').get() as IcpRow | undefined;
  if (!row) return undefined;
  return {
    industries: JSON.parse(row.industries) as string[],
    titles: JSON.parse(row.titles) as string[],
    minSize: row.min_size,
    maxSize: row.max_size,
    regions: JSON.parse(row.regions) as string[],
    excludeCompanies: JSON.parse(row.exclude_companies) as string[],
  };
}

export function saveIcp(db: Db, icp: Icp, now: Date): void {
  db.prepare(
    `INSERT INTO icp (id, industries, titles, min_size, max_size, regions, exclude_companies, updated_at)
     VALUES (1, @industries, @titles, @minSize, @maxSize, @regions, @excludeCompanies, @at)
     ON CONFLICT (id) DO UPDATE SET industries = @industries, titles = @titles, min_size = @minSize, max_size = @maxSize,
       regions = @regions, exclude_companies = @excludeCompanies, updated_at = @at`,
  ).run({
    industries: JSON.stringify(icp.industries),
    titles: JSON.stringify(icp.titles),
    minSize: icp.minSize,
    maxSize: icp.maxSize,
    regions: JSON.stringify(icp.regions),
    excludeCompanies: JSON.stringify(icp.excludeCompanies),
    at: now.toISOString(),
  });
}
