import Database from 'better-sqlite3';
import { PassThrough } from 'node:stream';
import { main } from './src/cli.js';
const [dbPath, ...args] = process.argv.slice(2);
const probe = new Database(':memory:');
const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
const times = new Map<string, { n: number; ms: number }>();
for (const m of ['all', 'get', 'iterate', 'run']) {
  const orig = proto[m]!;
  proto[m] = function (this: { source: string }, ...a: unknown[]) {
    const t = performance.now();
    const r = orig.apply(this, a);
    const e = times.get(this.source) ?? { n: 0, ms: 0 };
    e.n++; e.ms += performance.now() - t; times.set(this.source, e);
    return r;
  };
}
const out = new PassThrough(); out.resume(); const err = new PassThrough(); err.resume(); const inp = new PassThrough(); inp.end();
for (let k = 0; k < 3; k++) {
  times.clear();
  const t = performance.now();
  await main(['--db', dbPath!, ...args], { stdin: inp, stdout: out, stderr: err }, { HOME: '/tmp/prof', PATH: process.env.PATH });
  const total = performance.now() - t;
  if (k === 2) {
    console.log('total', total.toFixed(1), 'sql', [...times.values()].reduce((a, b) => a + b.ms, 0).toFixed(1));
    for (const [sql, v] of [...times].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6)) console.log(v.ms.toFixed(1).padStart(7), v.n, sql.replace(/\s+/g, ' ').slice(0, 200));
  }
}
