// `refer stats --csv`: the funnel of each group, for a spreadsheet.
import { PATH_STAGES, STAGES } from '../../core/model.js';
import type { FunnelFigures, ReportBy, RateKey, StatsReport } from '../../core/stats.js';
import { toCsv } from '../../output/csv.js';
import { periodLabel } from './plain.js';

/** agreed … won, as computeStats divides them by the asks */
const RATE_KEYS = PATH_STAGES.slice(1) as RateKey[];

/**
 * One row per group (without --by, one row for the period): the funnel counts, then each stage
 * reached ÷ asked. Rates are fractions (0.25), empty when nothing was asked.
 */
export function csvReport(r: StatsReport, by: ReportBy | undefined): string {
  const header = [by ?? 'period', 'label', ...STAGES, ...RATE_KEYS.map((k) => `${k}Rate`)];
  const row = (key: string, label: string, g: FunnelFigures) => [key, label, ...STAGES.map((s) => g.funnel[s]), ...RATE_KEYS.map((k) => g.rates[k])];
  const rows = by
    ? r.groups.map((g) => row(g.key, g.label, g))
    : [row(`${r.from ?? ''}..${r.to ?? ''}`, periodLabel(r), r)];
  return toCsv(rows, header);
}
