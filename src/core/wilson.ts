// Rates on small counts. A rep has tens of asks, not thousands: a bare percentage of 3 out of 7
// says little, so every rate comes with its Wilson score interval (which, unlike the textbook
// p ± z·√(p(1−p)/n), stays inside 0..1 and is not zero-width at 0/n or n/n).

export interface Interval {
  low: number;
  high: number;
}

export interface Rate {
  count: number;
  of: number;
  /** count ÷ of, 0..1; null when of = 0 */
  value: number | null;
  /** "3/7" */
  text: string;
}

function assertCounts(successes: number, trials: number): void {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw new RangeError(`expected whole counts with 0 <= successes <= trials, got ${successes}/${trials}`);
  }
}

/** Wilson score interval of successes/trials (z = 1.96: 95 %); null when there are no trials. */
export function wilson(successes: number, trials: number, z = 1.96): Interval | null {
  assertCounts(successes, trials);
  if (trials === 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At 0/n and n/n the bound is exactly 0 or 1; the arithmetic alone lands a hair off.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

export function rate(successes: number, trials: number): Rate {
  assertCounts(successes, trials);
  return {
    count: successes,
    of: trials,
    value: trials === 0 ? null : successes / trials,
    text: `${successes}/${trials}`,
  };
}
