import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

describe('refer init / profile / icp', () => {
  it('sets up the profile and ICP from flags without a terminal, in a 0600 file', async () => {
    const r = await s.run([
      'init',
      '--name', 'Eva Jansen',
      '--company', 'Routewise',
      '--offer', 'route planning for regional carriers',
      '--value', 'fewer empty kilometres',
      '--lang', 'nl',
      '--titles', 'CEO, fleet manager',
      '--industries', 'logistics',
      '--min-size', '20',
      '--max-size', '500',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.profile).toMatchObject({ name: 'Eva Jansen', company: 'Routewise', lang: 'nl', value: 'fewer empty kilometres' });
    expect(out.icp).toMatchObject({ titles: ['CEO', 'fleet manager'], industries: ['logistics'], minSize: 20, maxSize: 500 });
    expect(statSync(s.db).mode & 0o777).toBe(0o600);

    const icp = await s.run(['icp', 'show', '--json']);
    expect(icp.json().titles).toEqual(['CEO', 'fleet manager']);
  });

  it('without a terminal, names the flag that is missing (exit 2)', async () => {
    const r = await s.run(['init']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing --name/);
    expect(r.stdout).toBe('');
  });

  it('icp set changes only the given fields and refuses min > max without changing anything', async () => {
    await s.run(['icp', 'set', '--titles', 'CFO', '--regions', 'Netherlands']);
    await s.run(['icp', 'set', '--industries', 'retail']);
    expect((await s.run(['icp', 'show', '--json'])).json()).toMatchObject({ titles: ['CFO'], regions: ['Netherlands'], industries: ['retail'] });
    const bad = await s.run(['icp', 'set', '--min-size', '500', '--max-size', '10']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--min-size \(500\) is larger than --max-size \(10\)/);
    const negative = await s.run(['icp', 'set', '--min-size', '-3']);
    expect(negative.code).toBe(2);
    expect((await s.run(['icp', 'show', '--json'])).json()).toMatchObject({ minSize: null, maxSize: null });
  });

  it('profile set keeps earlier fields and shows the profile in a pipe as tab-separated lines', async () => {
    await s.run(['profile', 'set', '--name', 'Eva Jansen', '--value', 'fewer empty kilometres']);
    await s.run(['profile', 'set', '--company', 'Routewise']);
    const r = await s.run(['profile', 'show']);
    expect(r.stdout).toContain('name\tEva Jansen\n');
    expect(r.stdout).toContain('company\tRoutewise\n');
    expect(r.stdout).toContain('value\tfewer empty kilometres\n');
    expect((await s.run(['profile', 'set'])).code).toBe(2);
  });

  it('rejects an unknown language with a usage error', async () => {
    const r = await s.run(['profile', 'set', '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/'fr' is invalid\. Allowed choices are en, nl, da, de/);
  });
});
