import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, GROUPS } from '../../src/cli.js';
import { sandbox } from '../support/run.js';

const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() } as never;
const env = {};

/** Every command of a tree with its full help text, by its path ("relation list"). */
function helps(cmd: Command, path: string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  for (const sub of cmd.commands) {
    const p = [...path, sub.name()];
    out.set(p.join(' '), sub.helpInformation());
    for (const [k, v] of helps(sub, p)) out.set(k, v);
  }
  return out;
}

describe('the command tree built for one command', () => {
  it('covers every top-level command, so none becomes unknown when typed', () => {
    const all = buildProgram(io, env).commands.map((c) => c.name());
    expect(GROUPS.flatMap(([names]) => names).sort()).toEqual([...all].sort());
  });

  it('declares that command exactly as the whole tree does, whatever global options come first', () => {
    const full = helps(buildProgram(io, env));
    for (const [names] of GROUPS) {
      for (const name of names) {
        const partial = helps(buildProgram(io, env, undefined, ['--db', 'x.db', '--lang', 'nl', '--json', name, 'whatever']));
        for (const [path, help] of partial) expect(help, path).toBe(full.get(path));
        expect([...partial.keys()].filter((p) => p.split(' ')[0] === name).length).toBeGreaterThan(0);
      }
    }
  });

  it('without a command, declares the top-level commands only, and the help lists them exactly as the whole tree does', () => {
    const top = buildProgram(io, env, undefined, ['--help']);
    expect(top.helpInformation()).toBe(buildProgram(io, env).helpInformation());
    expect(top.commands.flatMap((c) => c.commands)).toEqual([]);
    expect(buildProgram(io, env).commands.flatMap((c) => c.commands).length).toBeGreaterThan(10);
  });

  it('shows the help of any command through `refer help COMMAND`, as COMMAND --help does', async () => {
    const s = sandbox();
    try {
      for (const path of [['relation'], ['relation', 'add'], ['followup', 'done'], []]) {
        const help = await s.run(['help', ...path]);
        expect(help.code, path.join(' ')).toBe(0);
        expect(help.stdout, path.join(' ')).toBe((await s.run([...path, '--help'])).stdout);
        expect(help.stdout).toMatch(/^Usage: refer/);
      }
      const unknown = await s.run(['help', 'relation', 'nope']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toBe('error: no command "relation nope"; `refer --help` lists them\n');
    } finally {
      s.cleanup();
    }
  });

  it('still suggests the nearest command for a typo, and plain refer still shows today', async () => {
    const s = sandbox();
    try {
      for (const args of [['relaton'], ['relaton', 'list']]) {
        const typo = await s.run(args);
        expect(typo.code).toBe(2);
        expect(typo.stderr).toMatch(/^error: unknown command 'relaton'\n\(Did you mean relation\?\)/);
      }
      const plain = await s.run([]);
      expect(plain.code).toBe(0);
      expect(plain.stdout + plain.stderr).toMatch(/refer init/);
    } finally {
      s.cleanup();
    }
  });
});
