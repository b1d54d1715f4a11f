// The pager, on a real pseudo-terminal: long listings go through $REFER_PAGER, $PAGER or
// `less -FRX`, as git's do; never in a pipe, with --json or with --no-pager. The pagers here
// are recording stand-ins (test/support/fake-bin.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refer, referOk } from '../support/bin.js';
import { type FakeBin, fakeBin } from '../support/fake-bin.js';
import { type Pty, referPty } from '../support/pty.js';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
let pty: Pty | undefined;
let bin: FakeBin;
let env: Record<string, string | undefined>;
beforeEach(() => {
  s = sandbox();
  referOk(['relation', 'add', 'Sanne Visser', '--trust', '5'], s.env);
  referOk(['relation', 'add', 'Bram Kok'], s.env);
  bin = fakeBin(s.dir, ['mypager', 'less'], { readsStdin: ['mypager', 'less'] });
  env = { ...s.env, PATH: bin.path, PAGER: `${bin.dir}/mypager --flag` };
});
afterEach(() => {
  pty?.kill();
  pty = undefined;
  s.cleanup();
});

async function onTerminal(args: string[], extra: Record<string, string | undefined> = {}) {
  pty = referPty(args, { env: { ...env, ...extra } });
  const end = await pty.exit();
  expect(end.code).toBe(0);
  return end.output;
}

describe('the pager', () => {
  it('on a terminal, a listing goes through $PAGER', async () => {
    await onTerminal(['relation', 'list']);
    const record = bin.record('mypager');
    expect(record?.args).toBe('--flag');
    expect(record?.stdin).toContain('Sanne Visser');
    expect(record?.stdin).toContain('Bram Kok');
  });

  it('without $PAGER it is `less -FRX`; REFER_PAGER comes before PAGER', async () => {
    await onTerminal(['relation', 'list'], { PAGER: undefined });
    expect(bin.record('less')).toMatchObject({ args: '-FRX', stdin: expect.stringContaining('Sanne Visser') });
    await onTerminal(['connection', 'list', '1'], { REFER_PAGER: 'cat' });
    expect(bin.record('mypager')).toBeNull();
  });

  it('never with --no-pager, --json, PAGER=cat, or for a command that is no listing', async () => {
    expect(await onTerminal(['--no-pager', 'relation', 'list'])).toContain('Sanne Visser');
    expect(await onTerminal(['relation', 'list', '--json'])).toContain('"name": "Sanne Visser"');
    expect(await onTerminal(['relation', 'list'], { PAGER: 'cat' })).toContain('Sanne Visser');
    await onTerminal(['relation', 'add', 'Joost Peters']);
    expect(bin.record('mypager')).toBeNull();
  });

  it('never in a pipe', () => {
    const r = refer(['relation', 'list'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Sanne Visser');
    expect(bin.record('mypager')).toBeNull();
  });
});
