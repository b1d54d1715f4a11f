// What happens to each relation of the demo, as a plan the generator writes out. The first twelve
// are written by hand, so the demo tells recognisable stories (a promoter with a fresh compliment
// nobody has asked yet, an introduction that stalls, a detractor to call back); more relations, for
// larger scales, are drawn at random in the same shape.

import type { AskKind, Channel, MomentKind, Motivation, RelationKind, Stage } from '../core/model.js';
import { type DemoLang, emailOf, person, relationWork } from './people.js';
import type { Rng } from './random.js';

/** A follow-up: `day` is days before now (negative: still to come), `at` local "HH:mm". */
export interface StoryFollowup {
  day: number;
  at: string;
  /** onTime: done on its day; late: done days later; open: not done (overdue once past) */
  done: 'onTime' | 'late' | 'open';
  note?: string;
  doneNote?: string;
}

export interface StoryAsk {
  /** days before now (moved to a weekday) */
  day: number;
  kind: AskKind;
  channel: Channel;
  /** referral asks: where each named connection ends up; sampled when absent */
  fates?: Stage[];
  /** referral asks without fates: how many connections are named */
  referees?: number;
  /** the follow-up booked with the ask; sampled when absent */
  followUp?: StoryFollowup;
}

export interface Story {
  name: string;
  lang: DemoLang;
  company: string | null;
  role: string | null;
  kind: RelationKind;
  trust: number | null;
  /** knows audience, seller, sees value, experienced value (null: not assessed) */
  criteria: [boolean | null, boolean | null, boolean | null, boolean | null];
  motivation: Motivation;
  note: string | null;
  email: string | null;
  createdDay: number;
  nps: Array<{ day: number; score: number; comment?: string }>;
  moments: Array<{ day: number; kind: MomentKind; text: string }>;
  connections: number;
  /** share of the network drawn to fit the ICP */
  fitShare: number;
  /** how many fitting, not yet asked connections are on the shortlist for the next ask */
  shortlist: number;
  asks: StoryAsk[];
  /** follow-ups that belong to no ask */
  followups: StoryFollowup[];
  /** 0..1: how readily this relation says yes (used when fates are sampled) */
  warmth: number;
}

const T = true;
const F = false;

/** The twelve relations of the demo, in the order they get their ids. */
export const DEMO_STORIES: readonly Story[] = [
  {
    name: 'Sanne Visser', lang: 'nl', company: 'Visser Transport', role: 'Operations Director', kind: 'client', trust: 5,
    criteria: [T, T, T, T], motivation: 'intrinsic', note: 'First client in Overijssel; knows every carrier between Zwolle and Deventer.',
    email: 'sanne@vissertransport.example', createdDay: 420,
    nps: [
      { day: 300, score: 8, comment: 'De planning gaat sneller, maar de koppeling met ons TMS hapert nog.' },
      { day: 130, score: 9 },
      { day: 6, score: 10, comment: 'Sinds we met jullie plannen rijden we merkbaar minder lege kilometers.' },
    ],
    moments: [
      { day: 140, kind: 'win', text: 'We hebben de aanbesteding van de gemeente Zwolle gewonnen, mede dankzij jullie ritplanning.' },
      { day: 3, kind: 'compliment', text: 'Onze chauffeurs zijn weer op tijd thuis, en dat merk je aan de sfeer.' },
    ],
    connections: 34, fitShare: 0.6, shortlist: 6,
    asks: [
      { day: 170, kind: 'quote', channel: 'linkedin', followUp: { day: 166, at: '10:00', done: 'onTime', doneNote: 'Approved the quote for the website.' } },
      {
        day: 120, kind: 'referral', channel: 'email', fates: ['won', 'lost', 'declined', 'declined'],
        followUp: { day: 115, at: '10:00', done: 'onTime', doneNote: 'Fine to mention her name for two of them; the other two are not a good moment.' },
      },
    ],
    followups: [], warmth: 0.9,
  },
  {
    name: 'Tom Peeters', lang: 'nl', company: 'Peeters Koeltransport NV', role: 'Zaakvoerder', kind: 'client', trust: 4,
    criteria: [T, T, T, T], motivation: 'intrinsic', note: null, email: null, createdDay: 260,
    nps: [
      { day: 200, score: 8 },
      { day: 20, score: 9, comment: 'De chauffeurs vinden de app eindelijk eenvoudig.' },
    ],
    moments: [{ day: 8, kind: 'win', text: 'Dankzij de nieuwe routes halen we elke ochtend alle leveringen in de haven vóór zes uur.' }],
    connections: 22, fitShare: 0.55, shortlist: 0, asks: [], followups: [], warmth: 0.85,
  },
  {
    name: 'Priya Raman', lang: 'en', company: 'FreshLink Distribution B.V.', role: 'COO', kind: 'client', trust: 4,
    criteria: [T, T, null, T], motivation: 'intrinsic', note: null, email: 'priya.raman@freshlink.example', createdDay: 330,
    nps: [
      { day: 260, score: 9 },
      { day: 70, score: 10, comment: 'Our planners finally leave the office on time.' },
    ],
    moments: [
      { day: 150, kind: 'feedback', text: 'Route changes that took an afternoon now take ten minutes.' },
      { day: 30, kind: 'feedback', text: 'The Monday planning meeting went from two hours to twenty minutes.' },
    ],
    connections: 28, fitShare: 0.5, shortlist: 0,
    asks: [
      { day: 160, kind: 'quote', channel: 'email', followUp: { day: 155, at: '11:00', done: 'onTime' } },
      { day: 110, kind: 'referral', channel: 'linkedin', fates: ['won', 'lost', 'declined'], followUp: { day: 106, at: '14:00', done: 'late' } },
      {
        day: 45, kind: 'referral', channel: 'call', fates: ['meeting', 'opportunity', 'introduced', 'declined'],
        followUp: { day: 41, at: '10:00', done: 'onTime', doneNote: 'Introduced three of them by e-mail the same afternoon.' },
      },
    ],
    followups: [], warmth: 0.85,
  },
  {
    name: 'Joris de Wit', lang: 'nl', company: 'TelematiQ', role: 'Accountmanager', kind: 'colleague', trust: 4,
    criteria: [T, T, T, F], motivation: 'intrinsic', note: 'Former colleague; sells telematics to the same carriers.', email: null, createdDay: 500,
    nps: [{ day: 90, score: 8, comment: 'Goed product; ik hoor er van klanten positieve dingen over.' }],
    moments: [{ day: 40, kind: 'feedback', text: 'Klanten van ons vragen steeds vaker naar jullie koppeling.' }],
    connections: 40, fitShare: 0.45, shortlist: 0,
    asks: [
      {
        day: 25, kind: 'referral', channel: 'linkedin', fates: ['agreed', 'agreed', 'declined', 'asked'],
        followUp: { day: 4, at: '10:00', done: 'open', note: 'Ask Joris whether he has introduced the two people he agreed to' },
      },
    ],
    followups: [], warmth: 0.6,
  },
  {
    name: 'Mehmet Yılmaz', lang: 'nl', company: 'Yılmaz Logistiek BV', role: 'Eigenaar', kind: 'client', trust: 5,
    criteria: [T, T, T, T], motivation: 'intrinsic', note: null, email: 'mehmet@yilmazlogistiek.example', createdDay: 380,
    nps: [
      { day: 180, score: 9 },
      { day: 16, score: 9, comment: 'Minder stress op maandagochtend, en de klanten merken het ook.' },
    ],
    moments: [{ day: 10, kind: 'compliment', text: 'Mijn planner zei gisteren dat hij zijn werk weer leuk vindt.' }],
    connections: 26, fitShare: 0.6, shortlist: 0,
    asks: [
      {
        day: 5, kind: 'referral', channel: 'call', fates: ['asked', 'asked', 'asked', 'asked', 'asked'],
        followUp: { day: 0, at: '14:00', done: 'open', note: 'Mehmet was going to think about the five names over the weekend' },
      },
    ],
    followups: [], warmth: 0.85,
  },
  {
    name: 'Claire Dubois', lang: 'en', company: 'CarbuPass Benelux SA', role: 'Partner Manager', kind: 'partner', trust: 3,
    criteria: [T, T, null, F], motivation: 'mercenary', note: 'Partner agreement: paid per qualified lead.', email: null, createdDay: 300,
    nps: [{ day: 100, score: 7, comment: 'Good partnership so far; the lead process could be simpler.' }],
    moments: [{ day: 75, kind: 'event', text: 'Your talk at our partner day drew the most questions of the afternoon.' }],
    connections: 18, fitShare: 0.4, shortlist: 0,
    asks: [
      { day: 80, kind: 'event', channel: 'email', followUp: { day: 76, at: '15:00', done: 'onTime', doneNote: 'Confirmed: a 20-minute slot at the partner day.' } },
      { day: 70, kind: 'referral', channel: 'email', fates: ['lost', 'declined', 'agreed'], followUp: { day: 66, at: '10:00', done: 'late' } },
    ],
    followups: [], warmth: 0.5,
  },
  {
    name: 'Lars Henriksen', lang: 'en', company: 'Nordhavn Freight A/S', role: 'Head of Transport', kind: 'client', trust: 3,
    criteria: [T, F, F, T], motivation: 'intrinsic', note: null, email: null, createdDay: 450,
    nps: [
      { day: 220, score: 8 },
      { day: 21, score: 5, comment: 'The rollout at our Venlo hub was rough: drivers lost most of a week.' },
    ],
    moments: [{ day: 230, kind: 'feedback', text: 'The pilot in Aarhus cut our planning time in half.' }],
    connections: 15, fitShare: 0.3, shortlist: 0,
    asks: [{ day: 150, kind: 'referral', channel: 'email', fates: ['declined', 'declined'], followUp: { day: 146, at: '11:00', done: 'onTime' } }],
    followups: [{ day: 2, at: '10:30', done: 'open', note: 'Call Lars: hear what went wrong in Venlo and what it takes to put it right' }],
    warmth: 0.3,
  },
  {
    name: 'Fatima El Amrani', lang: 'nl', company: 'Van Dijk Groothandel', role: 'Planningsmanager', kind: 'colleague', trust: 4,
    criteria: [T, T, null, T], motivation: 'intrinsic', note: 'Worked together at my first sales job; now a client at Van Dijk.', email: null, createdDay: 400,
    nps: [{ day: 150, score: 9, comment: 'Ik raad jullie aan bij iedereen die met ritplanning worstelt.' }],
    moments: [{ day: 100, kind: 'compliment', text: 'Eindelijk een planningstool die meedenkt in plaats van tegenwerkt.' }],
    connections: 20, fitShare: 0.55, shortlist: 0,
    asks: [
      { day: 95, kind: 'review', channel: 'linkedin', followUp: { day: 91, at: '10:00', done: 'onTime', doneNote: 'Review is live.' } },
      { day: 60, kind: 'referral', channel: 'email', fates: ['won', 'lost', 'declined'], followUp: { day: 56, at: '10:00', done: 'onTime' } },
    ],
    followups: [], warmth: 0.8,
  },
  {
    name: 'Wouter Claes', lang: 'nl', company: 'Claes & Zonen Bouw', role: 'Bedrijfsleider', kind: 'friend', trust: 4,
    criteria: [F, T, null, F], motivation: 'intrinsic', note: null, email: null, createdDay: 600,
    nps: [
      { day: 160, score: 7 },
      { day: 40, score: 6, comment: 'De factuur klopte twee keer niet. Het product zelf is prima.' },
    ],
    moments: [],
    connections: 12, fitShare: 0.15, shortlist: 0,
    asks: [{ day: 130, kind: 'review', channel: 'linkedin', followUp: { day: 126, at: '16:00', done: 'onTime' } }],
    followups: [], warmth: 0.4,
  },
  {
    name: 'Ana Costa', lang: 'en', company: 'Atlântico Cold Chain B.V.', role: 'Head of Operations', kind: 'client', trust: 5,
    criteria: [T, T, T, T], motivation: 'intrinsic', note: null, email: 'ana.costa@atlanticocoldchain.example', createdDay: 350,
    nps: [
      { day: 250, score: 9 },
      { day: 90, score: 10, comment: 'We grew without adding a planner.' },
    ],
    moments: [{ day: 95, kind: 'win', text: 'We took on three new retail clients without hiring an extra planner.' }],
    connections: 30, fitShare: 0.5, shortlist: 0,
    asks: [
      { day: 100, kind: 'referral', channel: 'video', fates: ['won', 'opportunity', 'lost', 'declined'], followUp: { day: 96, at: '10:00', done: 'onTime' } },
      { day: 12, kind: 'beta', channel: 'email', followUp: { day: -2, at: '10:00', done: 'open', note: 'Hear how the first week of the beta went for Ana' } },
    ],
    followups: [], warmth: 0.9,
  },
  {
    name: 'Kwame Mensah', lang: 'en', company: 'Mensah Freight Forwarding', role: 'Founder', kind: 'other', trust: null,
    criteria: [null, null, null, null], motivation: 'intrinsic', note: 'Met at the Amsterdam carrier meetup.', email: null, createdDay: 10,
    nps: [],
    moments: [{ day: 10, kind: 'event', text: 'Enjoyed your talk on empty kilometres at the carrier meetup.' }],
    connections: 9, fitShare: 0.4, shortlist: 0, asks: [], followups: [], warmth: 0.5,
  },
  {
    name: 'Julia Becker', lang: 'en', company: 'Becker Spedition GmbH', role: 'Head of Dispatch', kind: 'client', trust: 3,
    criteria: [T, null, T, T], motivation: 'intrinsic', note: null, email: null, createdDay: 360,
    nps: [
      { day: 170, score: 8 },
      { day: 50, score: 8, comment: 'Solid product; support could answer a little faster.' },
    ],
    moments: [{ day: 55, kind: 'feedback', text: 'Our dispatchers stopped keeping their own spreadsheets.' }],
    connections: 16, fitShare: 0.35, shortlist: 0,
    asks: [{ day: 150, kind: 'referral', channel: 'email', fates: ['opportunity', 'lost', 'declined'], followUp: { day: 145, at: '10:00', done: 'onTime' } }],
    followups: [{ day: -3, at: '11:00', done: 'open', note: 'Quarterly check-in with Julia' }],
    warmth: 0.55,
  },
];

// ---- words for the generated relations ----

const MOMENTS: Record<DemoLang, Record<MomentKind, readonly string[]>> = {
  en: {
    feedback: [
      'Planning the week now takes an hour instead of a day.',
      'Our drivers stopped calling the office to ask where to go next.',
      'We finally see which routes lose us money.',
      'The new depot went live without a single missed delivery.',
    ],
    win: [
      'We won the retail contract we had been chasing for a year.',
      'Fuel costs are down for the third month in a row.',
      'We added ten trucks without adding a planner.',
    ],
    compliment: [
      'Best software decision we made in years.',
      'Your support team fixed it before I had finished my coffee.',
      'My planners would riot if we took it away.',
    ],
    event: ['Great session at the logistics fair; the team is still talking about it.', 'Thanks for the workshop; we are trying the clustering idea.'],
  },
  nl: {
    feedback: [
      'De weekplanning kost nu een uur in plaats van een dag.',
      'De chauffeurs bellen niet meer naar kantoor om te vragen waar ze heen moeten.',
      'We zien eindelijk welke ritten ons geld kosten.',
      'Het nieuwe depot ging live zonder één gemiste levering.',
    ],
    win: [
      'We hebben het retailcontract binnen waar we een jaar achteraan zaten.',
      'De brandstofkosten dalen voor de derde maand op rij.',
      'We rijden met tien wagens meer en hebben geen extra planner nodig.',
    ],
    compliment: [
      'De beste softwarekeuze die we in jaren hebben gemaakt.',
      'Jullie support had het opgelost voordat mijn koffie op was.',
      'Als we het weghalen, komen mijn planners in opstand.',
    ],
    event: ['Mooie sessie op de logistiekbeurs; het team heeft het er nog over.', 'Dank voor de workshop; we proberen het clusteridee nu uit.'],
  },
};

const NPS_COMMENTS: Record<DemoLang, Record<'promoter' | 'passive' | 'detractor', readonly string[]>> = {
  en: {
    promoter: ['Saves my planners hours every week.', 'Easy to use, and support actually answers.', 'Would not go back to spreadsheets.'],
    passive: ['Does the job; the reports could be clearer.', 'Good, but the mobile app is slow on older phones.', 'Fine so far, still learning it.'],
    detractor: ['Too many changes at once for our drivers.', 'The integration with our ERP keeps breaking.', 'Price went up and we are not sure it is worth it.'],
  },
  nl: {
    promoter: ['Scheelt mijn planners elke week uren.', 'Makkelijk in gebruik, en support reageert echt.', 'Terug naar Excel? Nooit meer.'],
    passive: ['Doet wat het moet doen; de rapportages mogen duidelijker.', 'Goed, maar de app is traag op oudere telefoons.', 'Prima tot nu toe, we leren nog.'],
    detractor: ['Te veel veranderingen tegelijk voor onze chauffeurs.', 'De koppeling met ons ERP valt steeds weg.', 'De prijs ging omhoog en we twijfelen of het dat waard is.'],
  },
};

const NOTES = ['Met at the TLN regional meeting.', 'Introduced by a client.', 'Prefers WhatsApp over e-mail.', 'Busy until the end of the quarter.', 'Likes to see numbers first.'];

type Stance = 'promoter' | 'passive' | 'detractor' | 'unknown';

function npsScore(rng: Rng, stance: Exclude<Stance, 'unknown'>): number {
  if (stance === 'promoter') return rng.int(9, 10);
  if (stance === 'passive') return rng.int(7, 8);
  return rng.int(2, 6);
}

function distinctDays(rng: Rng, count: number, from: number, to: number): number[] {
  const days = new Set<number>();
  while (days.size < Math.min(count, to - from + 1)) days.add(rng.int(from, to));
  return [...days].sort((a, b) => b - a);
}

/**
 * A relation drawn at random, for demos larger than the twelve. On average (what scale relies
 * on): 15 connections, 5 asks, about 3 referrals per ask, 1 follow-up per ask.
 */
export function randomStory(rng: Rng, historyDays: number): Story {
  const p = person(rng);
  const kind = rng.weighted<RelationKind>({ client: 45, colleague: 15, partner: 12, candidate: 5, friend: 10, other: 13 });
  const stance = rng.weighted<Stance>({ promoter: 40, passive: 30, detractor: 13, unknown: 17 });
  const work = relationWork(rng, kind, p.last);
  const assessed = stance !== 'unknown' || rng.chance(0.3);
  const criterion = (likely: number): boolean | null => (!assessed || rng.chance(0.15) ? null : rng.chance(likely));
  const warmth = { promoter: 0.85, passive: 0.6, detractor: 0.3, unknown: 0.55 }[stance];

  const nps: Story['nps'] = [];
  if (stance !== 'unknown') {
    const answers = rng.int(1, 3);
    let day = rng.int(3, historyDays - 10);
    const latest = npsScore(rng, stance);
    for (let i = 0; i < answers; i++) {
      const score = i === 0 ? latest : Math.max(0, Math.min(10, latest + rng.int(-2, 1)));
      const comment = rng.chance(0.4) ? rng.pick(NPS_COMMENTS[p.lang][score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor']) : undefined;
      nps.unshift({ day, score, ...(comment ? { comment } : {}) });
      day += rng.int(60, 200);
    }
  }

  const momentCount = { promoter: rng.int(1, 3), passive: rng.int(0, 2), detractor: rng.int(0, 1), unknown: rng.int(0, 1) }[stance];
  const moments: Story['moments'] = [];
  for (const day of distinctDays(rng, momentCount, 1, historyDays + 60)) {
    const momentKind = stance === 'unknown' ? 'event' : rng.weighted<MomentKind>({ feedback: 4, win: 2, compliment: 3, event: 1 });
    moments.push({ day: stance === 'promoter' && rng.chance(0.12) ? rng.int(1, 14) : day, kind: momentKind, text: rng.pick(MOMENTS[p.lang][momentKind]) });
  }
  moments.sort((a, b) => b.day - a.day);

  const askCount = { promoter: rng.int(4, 12), passive: rng.int(2, 8), detractor: rng.int(0, 3), unknown: rng.int(0, 1) }[stance];
  const asks: StoryAsk[] = distinctDays(rng, askCount, 0, historyDays).map((day) => {
    const askKind = rng.weighted<AskKind>({ referral: 65, quote: 10, review: 10, event: 8, beta: 7 });
    if (askKind !== 'referral') return { day, kind: askKind, channel: rng.chance(0.6) ? 'email' : 'linkedin' };
    return { day, kind: askKind, channel: rng.weighted<Channel>({ email: 40, linkedin: 30, call: 20, video: 10 }), referees: rng.int(2, 9) };
  });

  const followups: StoryFollowup[] = [];
  if (stance === 'detractor' ? rng.chance(0.5) : rng.chance(0.08)) {
    const day = rng.int(-10, 60);
    followups.push({
      day,
      at: rng.pick(['09:30', '10:00', '11:00', '14:00', '16:00']),
      done: day < 0 ? 'open' : rng.weighted({ onTime: 7, late: 2, open: day < 10 ? 3 : 0.3 }),
      note: stance === 'detractor' ? `Call ${p.first}: what went wrong, and what would fix it` : `Catch up with ${p.first}`,
    });
  }

  const u = rng.next();
  return {
    name: p.name,
    lang: p.lang,
    company: work.company,
    role: work.role,
    kind,
    trust: assessed ? rng.pick([1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5]) : null,
    criteria: [criterion(0.7), criterion(0.5), criterion(0.6), kind === 'client' ? criterion(0.9) : criterion(0.3)],
    motivation: kind === 'partner' && rng.chance(0.3) ? 'mercenary' : 'intrinsic',
    note: rng.chance(0.1) ? rng.pick(NOTES) : null,
    email: rng.chance(0.3) ? emailOf(p, work.company) : null,
    createdDay: Math.max(historyDays, ...nps.map((a) => a.day), ...moments.map((m) => m.day)) + rng.int(10, 300),
    nps,
    moments,
    // 8..40, skewed towards the small end: 15 on average
    connections: 8 + Math.floor(33 * u ** 3.57),
    fitShare: rng.chance(0.7) ? 0.3 + rng.next() * 0.4 : 0.1,
    shortlist: stance === 'promoter' && rng.chance(0.5) ? rng.int(5, 8) : 0,
    asks,
    followups,
    warmth,
  };
}
