// The package as a user installs it: `npm pack`, then `npm install -g` of the tarball into a
// temporary prefix, gives a `refer` whose --version is package.json's and whose man pages
// `man refer` and `man refer-ask` find. (npm test builds dist/ first; packing skips the build, so
// that it does not rebuild dist/ under the other tests, and installing skips better-sqlite3's
// native build, which neither the version nor the man pages need. npm may fetch the
// dependencies, from its cache when it has them.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { commandPath, descendants } from '../../src/man/roff.js';
import pkg from '../../package.json' with { type: 'json' };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'refer-install-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const program = buildProgram({ stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() } as never, {});

// npm test's own npm settings (npm_config_*) stay out of the npm run here
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

function run(cmd: string, args: string[], extra: Record<string, string> = {}, cwd = ROOT) {
  const r = spawnSync(cmd, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8', timeout: 150_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

describe('npm pack, then npm install -g of the tarball', () => {
  it('installs a refer with the version of package.json and its man pages', { timeout: 180_000 }, () => {
    const packed = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir])) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const tarball = join(dir, packed[0]!.filename);
    expect(packed[0]!.files.map((f) => f.path)).toEqual(expect.arrayContaining(pkg.man));

    const prefix = join(dir, 'prefix');
    run('npm', ['install', '-g', '--prefix', prefix, tarball, '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], {}, dir);

    expect(run(join(prefix, 'bin', 'refer'), ['--version'], {}, dir).trim()).toBe(pkg.version);

    const manpath = join(prefix, 'share', 'man');
    expect(readdirSync(join(manpath, 'man1')).sort()).toEqual(pkg.man.map((f) => f.split('/').pop()).sort());
    const man = (page: string) => run('man', [page], { MANPATH: manpath, MANWIDTH: '100', MANPAGER: 'cat', PAGER: 'cat' }, dir);
    const refer = man('refer');
    expect(refer).toMatch(/^REFER\(1\)/);
    expect(refer).toContain(`refer ${pkg.version}`);
    const squashed = refer.replace(/\s+/g, ' ');
    for (const cmd of descendants(program)) expect(squashed).toContain(`refer ${commandPath(cmd)}`);
    const ask = man('refer-ask');
    expect(ask).toMatch(/^REFER-ASK\(1\)/);
    const askCommand = program.commands.find((c) => c.name() === 'ask')!;
    for (const option of [...askCommand.options, ...program.options]) expect(ask).toContain(option.long!);
  });
});
