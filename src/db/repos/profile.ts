import type { Db } from '../open.js';
import type { Icp, Lang, Profile } from '../../core/model.js';

interface ProfileRow {
  name: string | null;
  company: string | null;
  offer: string | null;
  value: string | null;
  lang: Lang;
}

export function getProfile(db: Db): Profile | undefined {
  return db.prepare('SELECT name, company, offer, value, lang FROM profile WHERE id = 1').get() as ProfileRow | undefined;
}

/** Sets the given fields (undefined leaves a field as it is). */
export function saveProfile(db: Db, fields: Partial<Profile>, now: Date): Profile {
  const current = getProfile(db) ?? { name: null, company: null, offer: null, value: null, lang: 'en' as Lang };
  const next: Profile = { ...current };
  for (const key of ['name', 'company', 'offer', 'value', 'lang'] as const) {
    if (fields[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = fields[key];
  }
  db.prepare(
    `INSERT INTO profile (id, name, company, offer, value, lang, updated_at) VALUES (1, @name, @company, @offer, @value, @lang, @at)
     ON CONFLICT (id) DO UPDATE SET name = @name, company = @company, offer = @offer, value = @value, lang = @lang, updated_at = @at`,
  ).run({ ...next, at: now.toISOString() });
  return next;
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
