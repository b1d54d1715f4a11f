// `refer stats` on a terminal: a compact report for a person. The funnel as bars, every rate with
// its count ("3/7 43%"), the 95 % range where a rate is set against another (groups,
// benchmarks), the verdicts and caveats in words.
import { BENCHMARKS, type BenchmarkUnit, type ComparableMetric } from '../../core/benchmarks.js';
import { PATH_STAGES } from '../../core/model.js';
import type { BenchmarkComparison, Count, ReportBy, RateKey, StatsGroup, StatsReport, StepKey, Verdict } from '../../core/stats.js';
import type { Interval } from '../../core/wilson.js';
import type { Style } from '../../output/color.js';
import { renderTable } from '../../output/table.js';
import { periodLabel } from './plain.js';

export interface TerminalOptions {
  by?: ReportBy;
  /** a referral was ever asked (else the report is a first-time welcome) */
  everAsked: boolean;
  /** the terminal's columns, when known */
  width?: number;
  style: Style;
}

/** The bar of the biggest stage: as wide as the terminal allows, within reason; 40 when unknown. */
const BAR_DEFAULT = 40;
const BAR_MIN = 10;
const BAR_MAX = 60;
/** indent, stage name, count and the two rates beside a bar */
const BAR_BESIDE = 50;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

const METRIC_LABEL: Record<ComparableMetric, string> = {
  askToWon: 'won ÷ asked',
  askToAgreed: 'agreed ÷ asked',
  introducedToWon: 'won ÷ introduced',
  promoterAskRate: 'promoters asked',
  npsScore: 'NPS',
};

const compareTo = new Map<string, ComparableMetric | undefined>(BENCHMARKS.map((b) => [b.key, 'compareTo' in b ? b.compareTo : undefined]));

const percent = (x: number) => `${Math.round(x * 100)}%`;
const rateText = (c: Count) => (c.of === 0 ? '–' : `${c.text} ${percent(c.count / c.of)}`);
const rangeText = (i: Interval | null) => (i ? `(${Math.round(i.low * 100)}–${Math.round(i.high * 100)}%)` : '');
const days = (d: number | null) => (d === null ? '–' : `${d} d`);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - [...s].length)) + s;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function stepOf(i: number): StepKey {
  const to = PATH_STAGES[i]!;
  return `${PATH_STAGES[i - 1]}To${to.charAt(0).toUpperCase()}${to.slice(1)}` as StepKey;
}

/** A horizontal bar in eighths of a block; a count above zero always shows a sliver. */
function bar(value: number, max: number, width: number): string {
  if (value === 0 || max === 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

function funnelLines(r: StatsReport, o: TerminalOptions): string[] {
  const { style } = o;
  const barWidth = o.width ? Math.min(BAR_MAX, Math.max(BAR_MIN, o.width - BAR_BESIDE)) : BAR_DEFAULT;
  const nameWidth = Math.max(...PATH_STAGES.map((s) => s.length));
  const countWidth = String(r.funnel.asked).length;
  const rows = PATH_STAGES.map((stage, i) => ({
    stage,
    bar: bar(r.funnel[stage], r.funnel.asked, barWidth),
    count: String(r.funnel[stage]),
    ofAsked: i === 0 ? '' : rateText(r.counts[stage as RateKey]),
    step: i === 0 ? '' : rateText(r.counts[stepOf(i)]),
  }));
  const rateWidth = Math.max(...rows.map((x) => x.ofAsked.length), 'of asked'.length);
  const lead = 2 + nameWidth + 2 + barWidth + 2 + countWidth + 3;
  const lines = [style.bold(pad('Funnel', lead) + pad('of asked', rateWidth) + '   ' + 'step from the one before')];
  for (const x of rows) {
    const line = `  ${pad(x.stage, nameWidth)}  ${style.cyan(pad(x.bar, barWidth))}  ${padStart(x.count, countWidth)}   ${pad(x.ofAsked, rateWidth)}   ${x.step}`;
    lines.push(line.trimEnd());
  }
  lines.push(`  ${pad('', nameWidth)}  then declined ${r.funnel.declined} · lost ${r.funnel.lost}`);
  const m = r.medianDays;
  lines.push('', `${style.bold('Median time')}  ask → intro ${days(m.askToIntro)} · intro → meeting ${days(m.introToMeeting)} · ask → won ${days(m.askToWon)}`);
  return lines;
}

function followupLine(r: StatsReport): string {
  const f = r.followups;
  if (f.due === 0) return 'none due in this period';
  return `${f.due} due: ${f.doneOnTime}/${f.due} done on time (${percent(f.doneOnTime / f.due)}) · ${f.overdue} overdue`;
}

function npsLines(r: StatsReport, style: Style): string[] {
  const n = r.nps;
  if (n.score === null) return [`${style.bold('NPS')}          no answers yet; \`refer nps REL SCORE\` records one`];
  const lines = [
    `${style.bold('NPS')}          ${n.score > 0 ? '+' : ''}${n.score} from ${plural(n.responses, 'relation')}: ` +
      `${plural(n.promoters, 'promoter')}, ${plural(n.passives, 'passive')}, ${plural(n.detractors, 'detractor')}`,
  ];
  const p = r.promoterAskRate;
  if (p.promoters > 0) lines.push(`             promoters asked for a referral: ${p.asked}/${p.promoters} ${percent(p.asked / p.promoters)}`);
  return lines;
}

function benchmarkValue(value: number, unit: BenchmarkUnit): string {
  const pctText = `${Number((value * 100).toFixed(1))}%`;
  if (unit === 'share') return pctText;
  if (unit === 'uplift') return `+${pctText}`;
  if (unit === 'times') return `${value}×`;
  return String(value);
}

function verdictWords(v: Verdict | null, unit: BenchmarkUnit): string {
  if (v === 'above') return unit === 'nps' ? 'reached' : 'above';
  if (v === 'below') return unit === 'nps' ? 'not yet' : 'below';
  return "can't tell yet";
}

/**
 * The published figures that measure what the rep measured, under the rep's own figure: a
 * verdict only where the whole 95 % range lies on one side (see computeStats).
 */
function benchmarkLines(list: BenchmarkComparison[], style: Style): string[] {
  const byMetric = new Map<ComparableMetric, BenchmarkComparison[]>();
  for (const b of list) {
    const metric = compareTo.get(b.key);
    if (metric && b.yoursText !== null) byMetric.set(metric, [...(byMetric.get(metric) ?? []), b]);
  }
  if (byMetric.size === 0) return [];
  const lines = [style.bold('Benchmarks') + ' (your figure with its 95% range, then published ones)'];
  const labelWidth = Math.max(...[...byMetric.keys()].map((m) => METRIC_LABEL[m].length));
  for (const [metric, comparisons] of byMetric) {
    const first = comparisons[0]!;
    const yours = first.unit === 'nps' ? first.yoursText : `${first.yoursText} ${percent(first.yours!)} ${rangeText(first.interval)}`;
    lines.push(`  ${pad(METRIC_LABEL[metric], labelWidth)}  ${yours}`);
    for (const b of comparisons) {
      const words = verdictWords(b.verdict, b.unit);
      const coloured = b.verdict === 'above' ? style.green(words) : b.verdict === 'below' ? style.yellow(words) : words;
      lines.push(`    ${coloured}${' '.repeat(16 - words.length)}${pad(benchmarkValue(b.value, b.unit), 6)}${b.name} ${style.dim(`(${b.source})`)}`);
    }
  }
  return lines;
}

function groupLines(groups: StatsGroup[], by: ReportBy, style: Style): string[] {
  const withRange = (c: Count) => `${rateText(c)} ${rangeText(c.interval)}`.trim();
  const table = renderTable(
    groups,
    [
      { header: by.toUpperCase(), get: (g) => g.label },
      { header: 'ASKED', get: (g) => g.funnel.asked, align: 'right' },
      { header: 'AGREED', get: (g) => withRange(g.counts.agreed) },
      { header: 'INTRO', get: (g) => g.funnel.introduced, align: 'right' },
      { header: 'MEETING', get: (g) => g.funnel.meeting, align: 'right' },
      { header: 'OPP', get: (g) => g.funnel.opportunity, align: 'right' },
      { header: 'WON', get: (g) => withRange(g.counts.won) },
    ],
    { tty: true, style },
  );
  return [style.bold(`By ${by}`), ...table.trimEnd().split('\n').map((l) => `  ${l}`)];
}

export function terminalReport(r: StatsReport, o: TerminalOptions): string {
  const { style } = o;
  const sections: string[][] = [[style.bold(`Referral stats, ${periodLabel(r)}`)]];
  const welcome = !o.everAsked;
  if (welcome) sections.push(['No asks yet — `refer ask` drafts your first.']);
  else if (r.funnel.asked > 0) sections.push(funnelLines(r, o));
  sections.push([`${style.bold('Follow-ups')}   ${followupLine(r)}`, ...npsLines(r, style)]);
  const benchmarks = benchmarkLines(r.benchmarks, style);
  if (benchmarks.length) sections.push(benchmarks);
  if (o.by && r.groups.length) sections.push(groupLines(r.groups, o.by, style));
  // The welcome says it all for a first run; otherwise the caveats come last, in words.
  if (!welcome && r.notes.length) sections.push([style.bold('Notes'), ...r.notes.map((n) => `  • ${n}`)]);
  return sections.map((s) => s.join('\n')).join('\n\n') + '\n';
}
