// The man pages of the build (`npm test` builds first): dist/man/*.1, rendered with man-db's
// `man -l` as a reader sees them, name every command, argument and option of the tree, the
// examples of its help and the exit codes; package.json's `man` lists every one of them.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { EXIT_MEANINGS } from '../../src/errors.js';
import { commandPath, commands, descendants, manPages, pageName, runs } from '../../src/man/roff.js';
import pkg from '../../package.json' with { type: 'json' };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAN = `${ROOT}dist/man/`;
const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() } as never;
const program = buildProgram(io, {});

/** The page as `man` shows it in a pipe (no formatting), its white space collapsed. */
function render(file: string): string {
  const r = spawnSync('man', ['--warnings', '-l', file], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, MANWIDTH: '200', LANG: 'C.UTF-8', MANPAGER: 'cat', PAGER: 'cat' },
  });
  if (r.error) throw new Error(`man is missing (.ci/run installs man-db and groff): ${r.error.message}`);
  expect(r.stderr, `${file}: warnings of man/groff`).toBe('');
  expect(r.status, file).toBe(0);
  return squash(r.stdout);
}

// `code` in a description is set in bold on the page, without its backticks
const squash = (s: string) => s.replace(/`([^`]+)`/g, '$1').replace(/\s+/g, ' ');

/** What `cmd --help` prints after the options: the examples, without their "$ ". */
function examplesOf(cmd: Command): string[] {
  let written = '';
  (cmd as unknown as NodeJS.EventEmitter).emit('afterHelp', { error: false, command: cmd, write: (s: string) => (written += s) });
  return written
    .split('\n')
    .filter((l) => /^\s+\$ /.test(l))
    .map((l) => l.trim());
}

/** Every flag of an option (`-o`, `--output`) and every argument name of a command. */
function flagsOf(cmd: Command): string[] {
  const help = cmd.createHelp();
  return help.visibleOptions(cmd).flatMap((o) => [o.short, o.long].filter((f): f is string => f !== undefined));
}

describe('the man pages', () => {
  it('are refer(1) and one refer-COMMAND(1) per top-level command, all listed in package.json', () => {
    const expected = ['refer.1', ...commands(program).map((c) => `${pageName(program, c)}.1`)].sort();
    expect(readdirSync(MAN).sort()).toEqual(expected);
    // a new top-level command: add its page to `man` in package.json
    expect([...pkg.man].sort()).toEqual(expected.map((f) => `dist/man/${f}`));
    expect(pkg.files).toContain('dist');
  });

  it('are what the command tree gives (the build is not stale)', () => {
    for (const page of manPages(program, { version: pkg.version, date: '2000-01-01' })) {
      const built = readFileSync(MAN + page.file, 'utf8');
      expect(built.replace(/^\.TH .*$/m, ''), page.file).toBe(page.roff.replace(/^\.TH .*$/m, ''));
    }
  });

  it('refer(1) names every command, every global option and the exit codes', () => {
    const page = render(MAN + 'refer.1');
    expect(page).toContain(`refer ${pkg.version}`);
    for (const cmd of descendants(program)) expect(page, commandPath(cmd)).toContain(`refer ${commandPath(cmd)}`);
    for (const flag of flagsOf(program)) expect(page).toContain(flag);
    for (const top of commands(program)) expect(page).toContain(`${pageName(program, top)}(1)`);
    for (const example of examplesOf(program)) expect(page).toContain(squash(example));
    for (const [code, meaning] of EXIT_MEANINGS) expect(page).toMatch(new RegExp(`EXIT STATUS .*\\b${code} ${meaning}`));
    expect(page).toMatch(/ENVIRONMENT REFER_DB .* XDG_DATA_HOME .* XDG_CONFIG_HOME .* NO_COLOR .* REFER_PAGER .* REFER_DEBUG/);
  });

  it('refer-COMMAND(1) has its subcommands, their arguments, every option, the examples and the exit codes', () => {
    for (const top of commands(program)) {
      const file = `${pageName(program, top)}.1`;
      const page = render(MAN + file);
      expect(page, file).toContain(`${pageName(program, top)} - ${squash(top.description())}`);
      for (const cmd of [top, ...descendants(top)]) {
        const where = `${file}: ${commandPath(cmd)}`;
        // a group that does not run by itself (`refer relation`) only lists its subcommands
        if (runs(cmd)) expect(page, where).toContain(squash(cmd.createHelp().commandUsage(cmd)));
        expect(page, where).toContain(squash(cmd.description()));
        for (const arg of cmd.registeredArguments) expect(page, where).toContain(arg.name());
        for (const flag of flagsOf(cmd)) expect(page, `${where} ${flag}`).toContain(flag);
        for (const example of examplesOf(cmd)) expect(page, where).toContain(squash(example));
      }
      for (const flag of flagsOf(program)) expect(page, `${file} (global) ${flag}`).toContain(flag);
      for (const [code, meaning] of EXIT_MEANINGS) expect(page, file).toMatch(new RegExp(`EXIT STATUS .*\\b${code} ${meaning}`));
    }
  });
});
