// `refer stats` in a pipe: key<TAB>value lines for grep, cut and awk.
import type { StatsReport } from '../../core/stats.js';

type Flat = string | number | null;

/** Dotted keys for the nested figures: funnel.won, rates.agreed, nps.score … */
function flatten(prefix: string, value: unknown, out: Array<[string, Flat]>): void {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(`${prefix}.${k}`, v, out);
  } else {
    out.push([prefix, value as Flat]);
  }
}

const clean = (v: Flat) => (v === null ? '' : String(v).replace(/[\t\r\n]+/g, ' '));

/**
 * One figure a line (`rates.won<TAB>0.2`; an empty value is null), for grep, cut and awk. The
 * Wilson ranges and the benchmark sources stay in --json.
 */
export function plainLines(r: StatsReport): string {
  const out: Array<[string, Flat]> = [
    ['from', r.from],
    ['to', r.to],
  ];
  const figures = { funnel: r.funnel, rates: r.rates, steps: r.steps, medianDays: r.medianDays, followups: r.followups, nps: r.nps, promoterAskRate: r.promoterAskRate };
  for (const [k, v] of Object.entries(figures)) flatten(k, v, out);
  for (const b of r.benchmarks) flatten(`benchmarks.${b.key}`, { value: b.value, yours: b.yours, verdict: b.verdict }, out);
  for (const g of r.groups) {
    flatten(`groups.${g.key}`, { label: g.label, funnel: g.funnel, rates: g.rates, steps: g.steps, medianDays: g.medianDays }, out);
  }
  for (const note of r.notes) out.push(['note', note]);
  return out.map(([k, v]) => `${clean(k)}\t${clean(v)}\n`).join('');
}

/** "2026-03-01 to 2026-03-31", "since 2026-03-01", "until …", "all time". */
export function periodLabel(r: Pick<StatsReport, 'from' | 'to'>): string {
  if (r.from && r.to) return r.from === r.to ? r.from : `${r.from} to ${r.to}`;
  if (r.from) return `since ${r.from}`;
  if (r.to) return `until ${r.to}`;
  return 'all time';
}
