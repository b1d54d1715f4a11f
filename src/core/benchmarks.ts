// The published figures that `refer stats` sets the rep's own numbers against, declared once.
// They come from the source articles summarised in PLAYBOOK.md; a source names who measured the
// figure when the article says so, then the article it was read in.

/** How a benchmark value reads: a share 0..1, an uplift 0..1 (+16 % = 0.16), a multiple (36×), NPS points. */
export type BenchmarkUnit = 'share' | 'uplift' | 'times' | 'nps';

/** The rep's own figures in `refer stats` that a benchmark can honestly be compared with. */
export type ComparableMetric =
  /** won ÷ asked */
  | 'askToWon'
  /** agreed ÷ asked: the relation said yes to the ask */
  | 'askToAgreed'
  /** won ÷ introduced: of the people a relation actually recommended you to, how many became customers */
  | 'introducedToWon'
  /** asked ÷ promoters: of the relations whose latest NPS answer is 9–10, how many were ever asked */
  | 'promoterAskRate'
  /** the NPS of the relation base */
  | 'npsScore';

export interface Benchmark {
  key: string;
  name: string;
  value: number;
  unit: BenchmarkUnit;
  source: string;
  compareTo?: ComparableMetric;
}

const DUTCH_AMBASSADORS = 'Dutch article on brand ambassadors';
const DUTCH_GUIDE = 'Dutch referral-marketing guide';
const DUTCH_NPS = 'Dutch article on NPS';
const DANISH = 'Danish article on the ambassador effect';
const RUSSIAN = 'Russian article on referral marketing';

/** Figures that have a comparable personal metric come first, so a listing can stop early. */
export const BENCHMARKS = [
  {
    key: 'referralConversion',
    name: 'Average referral conversion',
    value: 0.02,
    unit: 'share',
    source: DUTCH_GUIDE,
    compareTo: 'askToWon',
  },
  {
    key: 'referAFriendRatio',
    name: 'Referral ratio of a classic refer-a-friend scheme',
    value: 0.023,
    unit: 'share',
    source: DUTCH_AMBASSADORS,
    compareTo: 'askToWon',
  },
  {
    key: 'willingWhenAsked',
    name: 'Buyers who give a warm introduction when asked in person',
    value: 0.91,
    unit: 'share',
    source: `Dale Carnegie (${DUTCH_AMBASSADORS}; ${DUTCH_NPS})`,
    compareTo: 'askToAgreed',
  },
  {
    key: 'willingWhenAskedBain',
    name: 'Customers willing to refer when a seller asks',
    value: 0.87,
    unit: 'share',
    source: `Bain & Co (${DUTCH_GUIDE})`,
    compareTo: 'askToAgreed',
  },
  {
    key: 'satisfiedWilling',
    name: 'Satisfied customers willing to recommend you',
    value: 0.83,
    unit: 'share',
    source: `Advisor Impact (${RUSSIAN})`,
    compareTo: 'askToAgreed',
  },
  {
    key: 'ambassadorEffect',
    name: 'Ambassador effect: people recommended by a promoter who become customers (1 in 4)',
    value: 0.25,
    unit: 'share',
    source: `Winholistic (${DANISH})`,
    compareTo: 'introducedToWon',
  },
  {
    key: 'repsWhoAsk',
    name: 'Sales people who actually ask for referrals',
    value: 0.11,
    unit: 'share',
    source: `Dale Carnegie (${DUTCH_AMBASSADORS}; ${DUTCH_NPS})`,
    compareTo: 'promoterAskRate',
  },
  {
    key: 'npsThreshold',
    name: 'NPS to reach before mobilising ambassadors (at least)',
    value: 50,
    unit: 'nps',
    source: DANISH,
    compareTo: 'npsScore',
  },
  {
    key: 'satisfiedWhoRecommend',
    name: 'Satisfied customers who actually recommend you, unasked',
    value: 0.29,
    unit: 'share',
    source: `Advisor Impact (${RUSSIAN})`,
  },
  {
    key: 'naturalPromoters',
    name: 'Satisfied customers who promote you without any programme',
    value: 0.05,
    unit: 'share',
    source: DUTCH_AMBASSADORS,
  },
  {
    key: 'fasterClose',
    name: 'B2B reps who say a referral closes faster',
    value: 0.69,
    unit: 'share',
    source: `Heinz Marketing & Influitive (${RUSSIAN})`,
  },
  {
    key: 'referredLifetimeValue',
    name: 'Higher lifetime value of a referred customer',
    value: 0.16,
    unit: 'uplift',
    source: RUSSIAN,
  },
  {
    key: 'referredLoyalty',
    name: 'Higher loyalty of a referred customer',
    value: 0.37,
    unit: 'uplift',
    source: DUTCH_GUIDE,
  },
  {
    key: 'referralVsColdCall',
    name: 'Value of a direct referral against a cold-call lead',
    value: 36,
    unit: 'times',
    source: `InsideSales.com (${RUSSIAN})`,
  },
  {
    key: 'marketingRunProgrammes',
    name: 'Revenue targets reached when marketing runs the referral programme',
    value: 3,
    unit: 'times',
    source: `Heinz Marketing (${RUSSIAN})`,
  },
] as const satisfies readonly Benchmark[];

export type BenchmarkKey = (typeof BENCHMARKS)[number]['key'];
