import { describe, expect, it } from 'vitest';
import { icpFit, parseListFlag } from '../../src/core/fit.js';
import type { FitInput } from '../../src/core/fit.js';
import type { Icp } from '../../src/core/model.js';

const ICP: Icp = {
  industries: ['logistics', 'transport'],
  titles: ['CFO', 'Head of Finance', 'owner'],
  minSize: 50,
  maxSize: 500,
  regions: ['NL', 'Belgium'],
  excludeCompanies: ['Acme', 'Kroonhof Groep'],
};
const NO_ICP: Icp = { industries: [], titles: [], minSize: null, maxSize: null, regions: [], excludeCompanies: [] };

const person = (fields: Partial<FitInput>): FitInput => ({
  title: null,
  company: null,
  industry: null,
  size: null,
  location: null,
  ...fields,
});

describe('icpFit', () => {
  const people: Record<string, FitInput> = {
    perfect: person({
      title: 'Chief Financial Officer',
      company: 'Van Dijk Transport B.V.',
      industry: 'Transportation/Trucking/Railroad',
      size: 120,
      location: 'Amsterdam Area, Netherlands',
    }),
    ownerTooSmall: person({ title: 'Eigenaar', company: 'Peeters Koeltransport', industry: 'Logistics', size: 12, location: 'Gent, België' }),
    headUnknownSize: person({ title: 'Hoofd Finance & Control', company: 'Brink', industry: 'Logistics & Supply Chain', location: 'Hamburg, Germany' }),
    managerElsewhere: person({ title: 'Finance Manager', company: 'Kok', industry: 'Retail', size: 200, location: 'Berlin, Germany' }),
    vpWrongEverything: person({ title: 'VP Marketing', company: 'Shop', industry: 'Retail', size: 5000, location: 'Paris, France' }),
    assistant: person({ title: 'Executive Assistant', company: 'Ship', industry: 'Maritime', size: 900, location: 'Hamburg' }),
    excluded: person({ title: 'CFO', company: 'ACME b.v.', industry: 'Logistics', size: 100, location: 'Rotterdam, Netherlands' }),
  };
  const fits = Object.fromEntries(Object.entries(people).map(([key, conn]) => [key, icpFit(conn, ICP)]));

  it('ranks the connections from best to worst fit', () => {
    const ranked = Object.keys(fits).sort((a, b) => fits[b]!.score - fits[a]!.score);
    expect(ranked).toEqual([
      'perfect',
      'ownerTooSmall',
      'headUnknownSize',
      'managerElsewhere',
      'vpWrongEverything',
      'assistant',
      'excluded',
    ]);
    expect(Object.values(fits).every((fit) => Number.isInteger(fit.score) && fit.score >= 0 && fit.score <= 100)).toBe(true);
  });

  it('gives a full match 100 and says why', () => {
    expect(fits.perfect).toEqual({
      score: 100,
      reasons: ['title matches CFO', 'senior: C-level', 'industry: transport', 'size 120 within 50–500', 'region: NL'],
      excluded: false,
    });
  });

  it('reads Dutch titles and country names as their English equivalents, and says what is missing', () => {
    expect(fits.ownerTooSmall!.reasons).toEqual([
      'title matches owner',
      'senior: C-level',
      'industry: logistics',
      'size 12 below 50',
      'region: Belgium',
    ]);
    expect(fits.headUnknownSize!.reasons).toEqual([
      'title matches Head of Finance',
      'senior: VP/head/director',
      'industry: logistics',
      'size unknown',
      'outside region',
    ]);
  });

  it('gives an unknown size a little credit: more than a size outside the range, less than one inside', () => {
    const at = (size: number | null) => icpFit({ ...people.headUnknownSize!, size }, ICP).score;
    expect(at(null)).toBeGreaterThan(at(10));
    expect(at(null)).toBeLessThan(at(100));
  });

  it('names what does not fit', () => {
    expect(fits.managerElsewhere!.reasons).toEqual([
      'title not in ICP',
      'manager level',
      'other industry: Retail',
      'size 200 within 50–500',
      'outside region',
    ]);
    expect(fits.vpWrongEverything!.reasons).toContain('size 5000 above 500');
    expect(fits.assistant!.reasons).not.toContain('senior: C-level');
  });

  it('scores an excluded company 0, whatever else fits', () => {
    expect(fits.excluded).toEqual({ score: 0, reasons: ['excluded company: ACME b.v.'], excluded: true });
    expect(icpFit(person({ title: 'CFO', company: 'Kroonhof Groep Holding' }), ICP).excluded).toBe(true);
    // a name that merely contains an excluded one is another company
    expect(icpFit(person({ title: 'CFO', company: 'Acmestar' }), ICP).excluded).toBe(false);
  });

  it('leaves out the ICP fields that are empty and still spreads 0..100', () => {
    const titlesOnly: Icp = { ...NO_ICP, titles: ['CTO'] };
    expect(icpFit(person({ title: 'Chief Technology Officer', industry: 'Retail', size: 3 }), titlesOnly)).toEqual({
      score: 100,
      reasons: ['title matches CTO', 'senior: C-level'],
      excluded: false,
    });
    expect(icpFit(person({ title: 'Intern' }), titlesOnly).score).toBe(0);
    // "cto" inside "Director" is no match: titles match as words
    expect(icpFit(person({ title: 'Director' }), titlesOnly).reasons).toEqual(['title not in ICP', 'senior: VP/head/director']);
  });

  it('matches titles through synonyms and abbreviations, in both directions', () => {
    const matches = (title: string, icpTitle: string) =>
      icpFit(person({ title }), { ...NO_ICP, titles: [icpTitle] }).reasons.includes(`title matches ${icpTitle}`);
    expect(matches('CEO', 'chief executive')).toBe(true);
    expect(matches('Managing Director', 'CEO')).toBe(true);
    expect(matches('Vice President of Sales', 'VP Sales')).toBe(true);
    expect(matches('VP Marketing', 'Vice President Sales')).toBe(false);
    expect(matches('Directeur Operations', 'operations director')).toBe(true);
    expect(matches('Co-founder & CEO', 'founder')).toBe(true);
    expect(matches('Oprichter', 'owner')).toBe(true);
    expect(matches('Sales Manager', 'manager')).toBe(true);
    expect(matches('Account Executive', 'CEO')).toBe(false);
  });

  it('orders seniority C-level > VP/head/director > manager > other', () => {
    const score = (title: string) => icpFit(person({ title }), NO_ICP).score;
    expect(score('President')).toBe(100);
    expect(score('Senior Vice President Finance')).toBeLessThan(score('Chief Operating Officer'));
    expect(score('Head of Operations')).toBeGreaterThan(score('Operations Manager'));
    expect(score('Operations Manager')).toBeGreaterThan(score('Planner'));
    expect(score('Assistant to the CFO')).toBe(0);
  });

  it('knows the equivalent names of regions, and matches country codes only as a whole part of the location', () => {
    const region = (location: string, regions: string[]) => icpFit(person({ location }), { ...NO_ICP, regions }).reasons;
    expect(region('Amsterdam Area, Netherlands', ['Nederland'])).toEqual(['region: Nederland']);
    expect(region('Utrecht, NL', ['Netherlands'])).toEqual(['region: Netherlands']);
    expect(region('Brussels Metropolitan Area', ['BE'])).toEqual(['outside region']);
    expect(region('Leuven, Belgium', ['België'])).toEqual(['region: België']);
    expect(region('Esch-sur-Alzette, Luxembourg', ['Benelux'])).toEqual(['region: Benelux']);
    expect(region('De Bilt, Utrecht', ['DE'])).toEqual(['outside region']);
    expect(region('Greater Rotterdam Area', ['Rotterdam'])).toEqual(['region: Rotterdam']);
    expect(icpFit(person({}), { ...NO_ICP, regions: ['NL'] }).reasons).toEqual(['region unknown']);
  });

  it('matches an industry by word, not by any substring', () => {
    const industry = (value: string, industries: string[]) => icpFit(person({ industry: value }), { ...NO_ICP, industries }).reasons;
    expect(industry('Computer Software', ['software'])).toEqual(['industry: software']);
    expect(industry('Logistics', ['Transport & Logistics'])).toEqual(['industry: Transport & Logistics']);
    expect(industry('Logistics', ['IT'])).toEqual(['other industry: Logistics']);
    expect(industry('—', ['real estate'])).toEqual(['other industry: —']);
  });
});

describe('parseListFlag', () => {
  it('splits a comma list, trimming and dropping empty items and repeats', () => {
    expect(parseListFlag('a, b,,c')).toEqual(['a', 'b', 'c']);
    expect(parseListFlag(' CFO , cfo, Head of Finance ')).toEqual(['CFO', 'Head of Finance']);
    expect(parseListFlag(' , ')).toEqual([]);
  });
});
