// Times whole processes: the built bin is spawned exactly as a shell would run it, so Node's own
// start-up, module loading, the work and the exit all count. Each run of the command is paired
// with a run of `node -e 0` in the same loop, so a machine that speeds up or slows down during
// the bench moves both sides of the ratio.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Case {
  name: string;
  args: string[];
  /** the median ratio to `node -e 0` that counts as fast enough; none for a floor (what every command pays) */
  target?: number;
  /** the most peak memory (MiB) that counts as lean enough */
  maxRssMiB?: number;
  /** runs before each timed run, outside the timing (e.g. a fresh database) */
  prepare?: () => void;
}

export interface Result {
  name: string;
  runs: number;
  medianMs: number;
  baselineMedianMs: number;
  /** median command time ÷ median `node -e 0` time */
  ratio: number;
  /** the lowest and highest of the per-pair ratios */
  ratioMin: number;
  ratioMax: number;
  peakRssMiB: number;
  target: number | null;
  maxRssMiB: number | null;
  /** null for a floor */
  met: boolean | null;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function timed(args: string[], env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  return ms;
}

// The peak resident memory of the process itself, read as it exits. Not from getrusage (what
// process.resourceUsage() reads) on Linux: there ru_maxrss survives the exec of a forked child
// and so starts at the size of this bench process. VmHWM belongs to the new program's memory only.
const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  "import{readFileSync,writeFileSync}from'node:fs';" +
    "process.on('exit',()=>{let kb;try{kb=/VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status','utf8'))[1]}catch{kb=process.resourceUsage().maxRSS}writeFileSync(process.env.REFER_BENCH_RSS,String(kb))})",
)}`;

/** Peak resident memory of a run in MiB (separate runs, so the hook costs the timing nothing). */
function peakRss(args: string[], env: NodeJS.ProcessEnv): number {
  const dir = mkdtempSync(join(tmpdir(), 'refer-rss-'));
  try {
    const file = join(dir, 'rss');
    const r = spawnSync(process.execPath, ['--import', RSS_HOOK, ...args], { env: { ...env, REFER_BENCH_RSS: file }, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status} (memory run)`);
    return Number(readFileSync(file, 'utf8')) / 1024;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function measure(bin: string, c: Case, env: NodeJS.ProcessEnv, opts: { runs: number; warmup: number; rssRuns: number }): Result {
  const args = [bin, ...c.args];
  const base: number[] = [];
  const cmd: number[] = [];
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const b = timed(['-e', '0'], env);
    c.prepare?.();
    const t = timed(args, env);
    if (i >= opts.warmup) {
      base.push(b);
      cmd.push(t);
    }
  }
  let rss = 0;
  for (let i = 0; i < opts.rssRuns; i++) {
    c.prepare?.();
    rss = Math.max(rss, peakRss(args, env));
  }
  const pairs = cmd.map((t, i) => t / base[i]!);
  const ratio = median(cmd) / median(base);
  return {
    name: c.name,
    runs: opts.runs,
    medianMs: median(cmd),
    baselineMedianMs: median(base),
    ratio,
    ratioMin: Math.min(...pairs),
    ratioMax: Math.max(...pairs),
    peakRssMiB: rss,
    target: c.target ?? null,
    maxRssMiB: c.maxRssMiB ?? null,
    met: c.target === undefined ? null : ratio <= c.target && (c.maxRssMiB === undefined || rss <= c.maxRssMiB),
  };
}
