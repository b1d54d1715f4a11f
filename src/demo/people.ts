// The invented people and companies of the demo: names from many origins, job titles, companies,
// industries, sizes and places, spread so that ICP fit varies from a perfect match to none.
// Every name here is made up; any likeness to a real person or company is chance.

import type { Connection, Icp, Lang, Profile } from '../core/model.js';
import type { Rng } from './random.js';

/** The rep of the demo and what they sell. */
export const DEMO_PROFILE: Profile = {
  name: 'Eva Jansen',
  company: 'Routewise',
  offer: 'route planning software for regional carriers',
  value: 'fewer empty kilometres and planners who go home on time',
  lang: 'en',
  // the Dutch-speaking relations get Dutch scripts, with the offer and value in Dutch too
  texts: { nl: { offer: 'routeplanningssoftware voor regionale vervoerders', value: 'minder lege kilometers en planners die op tijd naar huis gaan' } },
};

export const DEMO_ICP: Icp = {
  industries: ['logistics', 'transport', 'wholesale', 'food distribution'],
  titles: ['CEO', 'COO', 'operations director', 'fleet manager', 'logistics manager', 'planning manager', 'head of transport'],
  minSize: 20,
  maxSize: 500,
  regions: ['Netherlands', 'Belgium'],
  // a competitor, and the company of a client (its people are reached through that client directly)
  excludeCompanies: ['PlanRoute', 'Visser Transport'],
};

interface Origin {
  first: readonly string[];
  last: readonly string[];
  /** how likely someone of this origin writes to the rep in Dutch */
  dutch: number;
}

const ORIGINS: Record<string, Origin> = {
  dutch: {
    first: ['Sanne', 'Daan', 'Lotte', 'Bram', 'Jeroen', 'Femke', 'Ruben', 'Anouk', 'Thijs', 'Marloes', 'Koen', 'Lieke', 'Stijn', 'Iris', 'Niels', 'Joost', 'Maaike', 'Gert-Jan', 'Roos', 'Sven'],
    last: ['de Vries', 'van den Berg', 'Bakker', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'Dijkstra', 'van Dijk', 'Kok', 'Verhoeven', 'Postma', "van 't Hof"],
    dutch: 0.95,
  },
  flemish: {
    first: ['Lien', 'Pieter', 'Griet', 'Wout', 'Joke', 'Arne', 'Hanne', 'Bart', 'Ellen', 'Tijs', 'Seppe', 'Fien'],
    last: ['Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Goossens', 'Wouters', 'De Smet', 'Vermeulen', 'Van Damme', 'Claessens', 'Desmet'],
    dutch: 0.95,
  },
  german: {
    first: ['Jonas', 'Lena', 'Felix', 'Katharina', 'Lukas', 'Miriam', 'Jürgen', 'Anke'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Hoffmann', 'Schäfer', 'Krüger', 'Wagner'],
    dutch: 0.2,
  },
  turkish: {
    first: ['Ayşe', 'Emre', 'Elif', 'Burak', 'Zeynep', 'Hakan', 'Selin', 'Murat'],
    last: ['Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Arslan', 'Doğan'],
    dutch: 0.7,
  },
  moroccan: {
    first: ['Youssef', 'Nadia', 'Karim', 'Samira', 'Mohamed', 'Soufiane', 'Imane', 'Bilal'],
    last: ['Benali', 'Bouzid', 'El Idrissi', 'Haddou', 'Ait Taleb', 'Ouali', 'Zaoui', 'El Khatib'],
    dutch: 0.75,
  },
  indian: {
    first: ['Arjun', 'Ananya', 'Rahul', 'Deepa', 'Vikram', 'Kavya', 'Sanjay', 'Meera'],
    last: ['Sharma', 'Iyer', 'Patel', 'Nair', 'Gupta', 'Reddy', 'Menon', 'Kulkarni'],
    dutch: 0.1,
  },
  chinese: {
    first: ['Wei', 'Na', 'Jun', 'Mei', 'Hao', 'Xiu', 'Lei'],
    last: ['Chen', 'Wang', 'Zhang', 'Liu', 'Lin', 'Huang', 'Zhou'],
    dutch: 0.2,
  },
  westAfrican: {
    first: ['Ama', 'Kofi', 'Chidi', 'Ngozi', 'Adaeze', 'Yaw', 'Efua', 'Tunde'],
    last: ['Owusu', 'Boateng', 'Okafor', 'Adeyemi', 'Eze', 'Asante', 'Nwosu', 'Appiah'],
    dutch: 0.3,
  },
  portuguese: {
    first: ['João', 'Inês', 'Rui', 'Mariana', 'Tiago', 'Beatriz'],
    last: ['Silva', 'Ferreira', 'Pereira', 'Santos', 'Oliveira', 'Gonçalves'],
    dutch: 0.1,
  },
  polish: {
    first: ['Katarzyna', 'Piotr', 'Agnieszka', 'Tomasz', 'Magda', 'Paweł', 'Ewa'],
    last: ['Nowak', 'Wójcik', 'Mazur', 'Krawczyk', 'Kaczmarek', 'Zając', 'Dudek'],
    dutch: 0.15,
  },
  scandinavian: {
    first: ['Ingrid', 'Mette', 'Søren', 'Astrid', 'Henrik', 'Freja', 'Mikkel'],
    last: ['Nielsen', 'Jensen', 'Larsen', 'Andersen', 'Lindqvist', 'Østergaard', 'Berg'],
    dutch: 0.05,
  },
  british: {
    first: ['James', 'Emma', 'Oliver', 'Siobhan', 'Callum', 'Hannah', 'Niamh', 'Rhys'],
    last: ['Walsh', 'Taylor', 'Murphy', 'Clarke', 'Evans', "O'Brien", 'Hughes', 'Campbell'],
    dutch: 0.05,
  },
  surinamese: {
    first: ['Shanti', 'Rajesh', 'Dewi', 'Budi', 'Roshni', 'Glenn'],
    last: ['Ramdin', 'Soekhoe', 'Wijaya', 'Tjon A Fong', 'Mahabier', 'Kartosen'],
    dutch: 0.8,
  },
  french: {
    first: ['Julien', 'Camille', 'Mathieu', 'Élodie', 'Thierry', 'Chloé'],
    last: ['Lambert', 'Lefèvre', 'Dupont', 'Renard', 'Mercier', 'Fontaine'],
    dutch: 0.1,
  },
  spanish: {
    first: ['Lucía', 'Javier', 'Carmen', 'Sergio', 'Alba', 'Diego'],
    last: ['García', 'Fernández', 'López', 'Martínez', 'Romero', 'Navarro'],
    dutch: 0.1,
  },
};

// How often each origin comes up in a rep's network in the Low Countries.
const ORIGIN_WEIGHTS: Record<keyof typeof ORIGINS, number> = {
  dutch: 34,
  flemish: 12,
  german: 7,
  turkish: 6,
  moroccan: 6,
  indian: 5,
  chinese: 3,
  westAfrican: 4,
  portuguese: 3,
  polish: 5,
  scandinavian: 3,
  british: 5,
  surinamese: 4,
  french: 3,
  spanish: 3,
};

/** The demo's invented people speak English or Dutch (a Danish or German story would need its own words). */
export type DemoLang = Extract<Lang, 'en' | 'nl'>;

export interface Person {
  name: string;
  first: string;
  last: string;
  lang: DemoLang;
}

export function person(rng: Rng): Person {
  const origin = ORIGINS[rng.weighted(ORIGIN_WEIGHTS)]!;
  const first = rng.pick(origin.first);
  const last = rng.pick(origin.last);
  return { name: `${first} ${last}`, first, last, lang: rng.chance(origin.dutch) ? 'nl' : 'en' };
}

// ---- companies ----

interface Industry {
  /** as the rep writes it in the connection's row */
  label: string;
  inIcp: boolean;
  /** words a company of this industry is named with */
  nouns: readonly string[];
}

const INDUSTRIES: readonly Industry[] = [
  { label: 'Logistics', inIcp: true, nouns: ['Logistics', 'Logistiek', 'Distributie', 'Supply'] },
  { label: 'Transportation/Trucking', inIcp: true, nouns: ['Transport', 'Koeltransport', 'Trucking', 'Freight', 'Expeditie'] },
  { label: 'Wholesale', inIcp: true, nouns: ['Groothandel', 'Wholesale', 'Handelsgroep'] },
  { label: 'Food distribution', inIcp: true, nouns: ['Versdistributie', 'Fresh Foods', 'Food Service'] },
  { label: 'Retail', inIcp: false, nouns: ['Retail', 'Supermarkten', 'Winkels'] },
  { label: 'Construction', inIcp: false, nouns: ['Bouw', 'Bouwgroep', 'Infra'] },
  { label: 'Manufacturing', inIcp: false, nouns: ['Metaal', 'Machinefabriek', 'Kunststoffen'] },
  { label: 'Hospital & Health Care', inIcp: false, nouns: ['Zorggroep', 'Health', 'Medical'] },
  { label: 'Computer Software', inIcp: false, nouns: ['Software', 'Digital', 'Systems'] },
  { label: 'Financial Services', inIcp: false, nouns: ['Finance', 'Capital', 'Accountants'] },
  { label: 'Education', inIcp: false, nouns: ['Academy', 'Opleidingen'] },
  { label: 'Environmental Services', inIcp: false, nouns: ['Recycling', 'Afvalbeheer'] },
];

const PLACE_WORDS = ['Noordzee', 'Rijnmond', 'Kempen', 'Maas', 'Veluwe', 'Delta', 'Twente', 'Brabant', 'Scheldt', 'Polder', 'Horizon', 'Linde', 'Eiland', 'Haven', 'Zuidas', 'Oost'];

interface Place {
  location: string;
  /** inside the ICP regions */
  inRegion: boolean;
  legal: readonly string[];
}

const PLACES: readonly Place[] = [
  { location: 'Rotterdam, South Holland, Netherlands', inRegion: true, legal: ['BV', 'B.V.', ''] },
  { location: 'Utrecht, Netherlands', inRegion: true, legal: ['BV', ''] },
  { location: 'Zwolle, Overijssel, Netherlands', inRegion: true, legal: ['BV', ''] },
  { location: 'Venlo, Limburg, Netherlands', inRegion: true, legal: ['BV', ''] },
  { location: 'Tilburg, Nederland', inRegion: true, legal: ['BV', ''] },
  { location: 'Groningen, Netherlands', inRegion: true, legal: ['BV', ''] },
  { location: 'Eindhoven, North Brabant, Netherlands', inRegion: true, legal: ['BV', ''] },
  { location: 'Amersfoort, Netherlands', inRegion: true, legal: ['BV', ''] },
  { location: 'Nijmegen, Gelderland, Netherlands', inRegion: true, legal: ['BV', ''] },
  { location: 'Antwerp, Flemish Region, Belgium', inRegion: true, legal: ['NV', 'BV', ''] },
  { location: 'Gent, Vlaanderen, België', inRegion: true, legal: ['NV', 'BV', ''] },
  { location: 'Hasselt, Belgium', inRegion: true, legal: ['NV', ''] },
  { location: 'Liège, Wallonia, Belgium', inRegion: true, legal: ['SA', ''] },
  { location: 'Duisburg, North Rhine-Westphalia, Germany', inRegion: false, legal: ['GmbH'] },
  { location: 'Hamburg, Germany', inRegion: false, legal: ['GmbH'] },
  { location: 'Aarhus, Denmark', inRegion: false, legal: ['A/S'] },
  { location: 'Lyon, France', inRegion: false, legal: ['SAS'] },
  { location: 'Manchester, United Kingdom', inRegion: false, legal: ['Ltd'] },
  { location: 'Poznań, Wielkopolskie, Poland', inRegion: false, legal: ['Sp. z o.o.'] },
  { location: 'Porto, Portugal', inRegion: false, legal: ['Lda'] },
];

// Titles that match the demo ICP (by words or synonyms), and titles that do not.
const FIT_TITLES = [
  'CEO', 'Chief Operating Officer', 'COO', 'Operations Director', 'Directeur Operations', 'Fleet Manager', 'Wagenparkbeheerder Fleet Manager',
  'Logistics Manager', 'Manager Logistiek', 'Planning Manager', 'Head of Transport', 'Managing Director', 'Owner',
] as const;
const OTHER_TITLES = [
  'Transport Planner', 'Marketing Manager', 'HR Business Partner', 'Software Engineer', 'Accountant', 'Sales Representative',
  'Customer Service Agent', 'Recruiter', 'Project Manager', 'Data Analyst', 'Assistant to the CEO', 'Intern Logistics',
  'Finance Director', 'Category Manager', 'Teamleider Magazijn', 'Chauffeur', 'Key Account Manager', 'Office Manager',
] as const;

export type ConnectionDraft = Omit<Connection, 'id' | 'relationId' | 'shortlisted'> & {
  /** whether it was drawn to fit the ICP: the rep would pick such people first */
  good: boolean;
};

const ICP_INDUSTRIES = INDUSTRIES.filter((i) => i.inIcp);
const OTHER_INDUSTRIES = INDUSTRIES.filter((i) => !i.inIcp);
const ICP_PLACES = PLACES.filter((p) => p.inRegion);
const OTHER_PLACES = PLACES.filter((p) => !p.inRegion);

/** A company named after a family ("Bakker Transport", "Hof Distributie") or a place word, with its legal form. */
function companyName(rng: Rng, industry: Industry, place: Place, surname: string): string {
  const noun = rng.pick(industry.nouns);
  const family = surname.replace(/^(van den|van 't|van|de) /i, '');
  const base = rng.chance(0.45) ? `${family} ${noun}` : `${rng.pick(PLACE_WORDS)} ${noun}`;
  const legal = rng.pick(place.legal);
  return legal ? `${base} ${legal}` : base;
}

function companySize(rng: Rng, inRange: boolean): number {
  if (inRange) return rng.int(20, 500);
  return rng.chance(0.5) ? rng.int(2, 19) : rng.int(501, 6000);
}

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A LinkedIn profile address; `serial` keeps it unique within one relation's list. */
export function linkedinUrl(name: string, serial: number): string {
  return `https://www.linkedin.com/in/${ascii(name)}-${((serial * 2654435761) >>> 0).toString(16).padStart(8, '0').slice(0, 6)}${serial.toString(36)}`;
}

export function emailOf(p: Pick<Person, 'first' | 'last'>, company: string): string {
  const domain = ascii(company.replace(/\b(BV|B\.V\.|NV|GmbH|A\/S|SAS|Ltd|SA|Lda|Sp\. z o\.o\.)$/, '')) || 'example';
  return `${ascii(p.first)}.${ascii(p.last).replace(/-/g, '')}@${domain.replace(/-/g, '')}.example`;
}

/**
 * One connection in a relation's network. `fitShare` is how likely it is drawn to fit the ICP
 * (a relation who knows the rep's audience has more of them); the others miss on one or more
 * points, and some lack the industry or size, as rows of a LinkedIn export often do.
 */
export function connection(rng: Rng, fitShare: number, serial: number, now: Date): ConnectionDraft {
  const p = person(rng);
  const good = rng.chance(fitShare);
  // A near miss keeps most of the profile and breaks one part of it.
  const miss = good ? null : rng.weighted({ title: 3, industry: 3, size: 2, region: 2, all: 4 });
  const industry = rng.pick(miss === 'industry' || miss === 'all' ? OTHER_INDUSTRIES : ICP_INDUSTRIES);
  const place = rng.pick(miss === 'region' || miss === 'all' ? (rng.chance(0.3) ? ICP_PLACES : OTHER_PLACES) : ICP_PLACES);
  const title = miss === 'title' || miss === 'all' ? rng.pick(OTHER_TITLES) : rng.pick(FIT_TITLES);
  // now and then someone at the competitor, whom the ICP excludes
  const company = rng.chance(0.02) ? `PlanRoute ${rng.pick(['Benelux', 'Nederland'])}` : companyName(rng, industry, place, p.last);
  const connectedDaysAgo = rng.int(60, 4000);
  return {
    name: p.name,
    title,
    company,
    industry: rng.chance(0.12) ? null : industry.label,
    size: rng.chance(0.15) ? null : companySize(rng, miss !== 'size' && miss !== 'all' ? true : rng.chance(0.2)),
    location: rng.chance(0.05) ? null : place.location,
    linkedin: linkedinUrl(p.name, serial),
    email: rng.chance(0.1) ? emailOf(p, company) : null,
    connectedOn: new Date(now.getTime() - connectedDaysAgo * 86_400_000).toISOString().slice(0, 10),
    good,
  };
}

// ---- relations (for the generated ones; the twelve of the demo are written out in stories.ts) ----

const CLIENT_ROLES = ['Operations Director', 'Planning Manager', 'Fleet Manager', 'CEO', 'Owner', 'Head of Logistics', 'COO', 'Transport Manager'];
const OTHER_ROLES: Record<string, readonly string[]> = {
  colleague: ['Account Manager', 'Sales Director', 'Consultant', 'Customer Success Manager', 'Product Owner'],
  partner: ['Partner Manager', 'Business Developer', 'Alliance Manager', 'Founder'],
  candidate: ['Transport Planner', 'Logistics Analyst', 'Team Lead Planning'],
  friend: ['Entrepreneur', 'Project Manager', 'Teacher', 'Architect', 'Controller'],
  other: ['Board Member', 'Advisor', 'Journalist', 'Event Organiser'],
};

export function relationWork(rng: Rng, kind: string, surname: string): { company: string; role: string } {
  const place = rng.pick(rng.chance(0.8) ? ICP_PLACES : OTHER_PLACES);
  const industry = rng.pick(kind === 'client' || rng.chance(0.4) ? ICP_INDUSTRIES : INDUSTRIES);
  return {
    company: companyName(rng, industry, place, surname),
    role: kind === 'client' ? rng.pick(CLIENT_ROLES) : rng.pick(OTHER_ROLES[kind] ?? OTHER_ROLES.other!),
  };
}
