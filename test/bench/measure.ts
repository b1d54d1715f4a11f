// Times whole processes: the built bin is spawned exactly as a shell would run it, so Node's own
// start-up, module loading, the work and the exit all count. Each run of a command is paired with
// a run of each baseline in the same loop (`node -e 0`, the commander floor, the database floor),
// so a machine that speeds up or slows down during the bench moves both sides of every ratio.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export type BaselineName = 'node' | 'commander' | 'database';

export interface Baseline {
  name: BaselineName;
  /** the arguments to node */
  args: string[];
}

export interface Case {
  name: string;
  args: string[];
  /** the baseline the target is a ratio to */
  against: BaselineName;
  /** the median ratio to that baseline that counts as fast enough; none: reported only */
  target?: number;
  /** the most peak memory (MiB) that counts as lean enough */
  maxRssMiB?: number;
  /** the most median time (ms) that counts as fast enough: a target in time rather than a ratio */
  maxMs?: number;
  /** runs before each timed run, outside the timing (e.g. a fresh database) */
  prepare?: () => void;
  /** the arguments of each run, when they change from run to run (instead of args) */
  argsAt?: () => string[];
  /** standard output goes to /dev/null, as in a shell prompt's `refer followup --check >/dev/null` */
  discardStdout?: boolean;
  /** the exit codes that count as success (default 0 only) */
  okStatus?: number[];
  /** runs and warm-up runs for this command, when not the bench's */
  runs?: number;
  warmup?: number;
}

export interface Result {
  name: string;
  runs: number;
  medianMs: number;
  /** median time of each baseline, ms */
  baselineMs: Record<BaselineName, number>;
  against: BaselineName;
  /** median command time ÷ median time of `against` */
  ratio: number;
  /** median command time ÷ median `node -e 0` time */
  ratioNode: number;
  /** the lowest and highest of the per-pair ratios to `against` */
  ratioMin: number;
  ratioMax: number;
  peakRssMiB: number;
  /** median CPU time (user + system, all threads) of the command, and its ratio to that of `against` */
  cpuMs: number;
  cpuRatio: number;
  target: number | null;
  maxRssMiB: number | null;
  maxMs: number | null;
  /** null when there is no target */
  met: boolean | null;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function timed(args: string[], env: NodeJS.ProcessEnv, ok: readonly number[] = [0], discard = false): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', discard ? 'ignore' : 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status === null || !ok.includes(r.status)) throw new Error(`${args.join(' ')} exited with ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  return ms;
}

// The peak resident memory of the process itself, read as it exits. Not from getrusage (what
// process.resourceUsage() reads) on Linux: there ru_maxrss survives the exec of a forked child
// and so starts at the size of this bench process. VmHWM belongs to the new program's memory only.
// The CPU time too (user + system of all its threads): unlike the wall time, it hardly moves when
// other programs share the machine.
const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  "import{readFileSync,writeFileSync}from'node:fs';" +
    "process.on('exit',()=>{let kb;try{kb=/VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status','utf8'))[1]}catch{kb=process.resourceUsage().maxRSS}const c=process.cpuUsage();writeFileSync(process.env.REFER_BENCH_RSS,kb+' '+(c.user+c.system)/1000)})",
)}`;

/** Peak resident memory (MiB) and CPU time (ms) of a run (separate runs, so the hook costs the timing nothing). */
function peakRss(args: string[], env: NodeJS.ProcessEnv, ok: readonly number[] = [0]): { rss: number; cpu: number } {
  const dir = mkdtempSync(join(tmpdir(), 'refer-rss-'));
  try {
    const file = join(dir, 'rss');
    const r = spawnSync(process.execPath, ['--import', RSS_HOOK, ...args], { env: { ...env, REFER_BENCH_RSS: file }, stdio: 'ignore' });
    if (r.status === null || !ok.includes(r.status)) throw new Error(`${args.join(' ')} exited with ${r.status} (memory run)`);
    const [kb, cpu] = readFileSync(file, 'utf8').split(' ').map(Number);
    return { rss: kb! / 1024, cpu: cpu! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function measure(
  bin: string,
  c: Case,
  baselines: readonly Baseline[],
  env: NodeJS.ProcessEnv,
  opts: { runs: number; warmup: number; rssRuns: number },
): Result {
  const argsOf = () => [bin, ...(c.argsAt ? c.argsAt() : c.args)];
  const base = new Map<BaselineName, number[]>(baselines.map((b) => [b.name, []]));
  const cmd: number[] = [];
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const times = baselines.map((b) => timed(b.args, env));
    c.prepare?.();
    const t = timed(argsOf(), env, c.okStatus, c.discardStdout);
    if (i >= opts.warmup) {
      baselines.forEach((b, k) => base.get(b.name)!.push(times[k]!));
      cmd.push(t);
    }
  }
  let rss = 0;
  const cpu: number[] = [];
  const cpuBase: number[] = [];
  const againstArgs = baselines.find((b) => b.name === c.against)!.args;
  for (let i = 0; i < opts.rssRuns; i++) {
    cpuBase.push(peakRss(againstArgs, env).cpu);
    c.prepare?.();
    const r = peakRss(argsOf(), env, c.okStatus);
    rss = Math.max(rss, r.rss);
    cpu.push(r.cpu);
  }
  const against = base.get(c.against);
  const node = base.get('node');
  if (!against || !node) throw new Error(`the baselines must include node and ${c.against}`);
  const baselineMs = Object.fromEntries([...base].map(([name, xs]) => [name, median(xs)])) as Record<BaselineName, number>;
  const pairs = cmd.map((t, i) => t / against[i]!);
  const ratio = median(cmd) / median(against);
  return {
    name: c.name,
    runs: opts.runs,
    medianMs: median(cmd),
    baselineMs,
    against: c.against,
    ratio,
    ratioNode: median(cmd) / median(node),
    ratioMin: Math.min(...pairs),
    ratioMax: Math.max(...pairs),
    peakRssMiB: rss,
    cpuMs: median(cpu),
    cpuRatio: median(cpu) / median(cpuBase),
    target: c.target ?? null,
    maxRssMiB: c.maxRssMiB ?? null,
    maxMs: c.maxMs ?? null,
    met:
      c.target === undefined && c.maxMs === undefined
        ? null
        : (c.target === undefined || ratio <= c.target) && (c.maxMs === undefined || median(cmd) <= c.maxMs) && (c.maxRssMiB === undefined || rss <= c.maxRssMiB),
  };
}

/** A user's environment, nothing from this process beyond PATH, LANG and TZ: a home of its own. */
export function userEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    LANG: process.env.LANG ?? 'C.UTF-8',
  };
  if (process.env.TZ !== undefined) env.TZ = process.env.TZ;
  return env;
}

const FLOOR_COMMANDER = fileURLToPath(new URL('./floor-commander.cjs', import.meta.url));
const FLOOR_DB = fileURLToPath(new URL('./floor-db.cjs', import.meta.url));

/** The three baselines, the database floor opening `dbPath`. */
export const baselinesFor = (dbPath: string): Baseline[] => [
  { name: 'node', args: ['-e', '0'] },
  { name: 'commander', args: [FLOOR_COMMANDER, 'today'] },
  { name: 'database', args: [FLOOR_DB, dbPath] },
];

