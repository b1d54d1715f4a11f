// Shell completion through the built bin and the real shells: the scripts parse in bash, zsh and
// fish; bash completion runs for real (the script sourced, COMP_WORDS set, the function called),
// bash and zsh complete on a pseudo-terminal at a TAB, and fish answers `complete -C`. `refer` is
// found on PATH as a user's shell would find it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, refer, referOk } from '../support/bin.js';
import { KEYS, spawnPty } from '../support/pty.js';
import { type Sandbox, sandbox } from '../support/run.js';

let s: Sandbox;
let env: Record<string, string | undefined>;
beforeEach(() => {
  s = sandbox();
  const bin = join(s.dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'refer'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'refer'), 0o755);
  env = { ...s.env, PATH: `${bin}:${process.env.PATH}` };
  const ok = (args: string[]) => referOk(args, s.env);
  ok(['relation', 'add', 'Sanne Visser', '--company', 'Visser Transport']);
  ok(['relation', 'add', 'Bram Kok']);
  ok(['connection', 'add', 'Sanne Visser', 'Anna de Vries', '--title', 'COO']);
  ok(['connection', 'add', 'Sanne Visser', 'Pieter de Groot']);
  ok(['connection', 'add', 'Bram Kok', 'Joost Peters']);
});
afterEach(() => s.cleanup());

const script = (shell: string) => referOk(['completion', shell], s.env).stdout;

function shell(cmd: string[], input?: string) {
  const r = spawnSync(cmd[0]!, cmd.slice(1), { env, cwd: s.dir, input, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What bash's completion offers for the words (the last one being completed). */
function bashComplete(words: string[]): string[] {
  const file = join(s.dir, 'refer.bash');
  writeFileSync(file, script('bash'));
  const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = shell(['bash', '-c', `source ${file}; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _refer; printf '%s\\n' "\${COMPREPLY[@]}"`]);
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter((l) => l !== '');
}

describe('refer completion', () => {
  it('prints scripts that bash, zsh and fish accept', () => {
    for (const [name, check] of [
      ['bash', ['bash', '-n']],
      ['zsh', ['zsh', '-n']],
      ['fish', ['fish', '--no-execute']],
    ] as const) {
      const file = join(s.dir, `refer.${name}`);
      writeFileSync(file, script(name));
      const r = shell([...check, file]);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
    }
  });

  it('refuses another shell as a usage error that lists bash, zsh and fish', () => {
    const r = refer(['completion', 'tcsh'], s.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bash, zsh, fish/);
  });

  it('bash: completes commands, subcommands, flags and the values of a choice flag', () => {
    expect(bashComplete(['refer', 'rel'])).toEqual(['relation']);
    expect(bashComplete(['refer', 'relation', 'i'])).toEqual(['import']);
    expect(bashComplete(['refer', 'help', 'relation', 'ar'])).toEqual(['archive']);
    expect(bashComplete(['refer', 'ask', '1', '--ch'])).toEqual(['--channel']);
    expect(bashComplete(['refer', 'ask', '1', '--channel', 'l'])).toEqual(['linkedin']);
    expect(bashComplete(['refer', 'relation', 'add', 'X', '--kind', '=', 'c'])).toEqual(['client', 'colleague', 'candidate']);
  });

  it('bash: completes a relation name (escaped, or inside an open quote), and after --to that relation’s connections only', () => {
    expect(bashComplete(['refer', 'ask', 'San'])).toEqual(['Sanne\\ Visser']);
    expect(bashComplete(['refer', 'ask', '"San'])).toEqual(['Sanne Visser']);
    expect(bashComplete(['refer', 'ask', '"Sanne Visser"', '--to', ''])).toEqual(['Anna\\ de\\ Vries', 'Pieter\\ de\\ Groot']);
    expect(bashComplete(['refer', 'connection', 'pick', 'Bram\\ Kok', ''])).toEqual(['Joost\\ Peters']);
  });

  it('bash on a terminal: TAB completes a relation name in place, escaped or inside the quote it closes', async () => {
    const rc = join(s.dir, 'bashrc');
    writeFileSync(rc, `${script('bash')}\nPS1='$ '\n`);
    for (const [typed, shown] of [
      ['refer ask San', 'refer ask Sanne\\ Visser '],
      ['refer ask "San', 'refer ask "Sanne Visser" '],
    ]) {
      const pty = spawnPty('bash', ['--noprofile', '--rcfile', rc, '-i'], { env: { ...env, HISTFILE: '/dev/null' } });
      try {
        await pty.waitFor('$ ');
        pty.write(typed! + KEYS.tab);
        await pty.waitFor(shown!);
      } finally {
        pty.kill();
      }
    }
  });

  it('bash: completes file names for a FILE argument', () => {
    writeFileSync(join(s.dir, 'Connections.csv'), 'First Name,Last Name\n');
    expect(bashComplete(['refer', 'relation', 'import', 'Conn'])).toEqual(['Connections.csv']);
  });

  it('zsh on a terminal: TAB completes a relation name and a flag value', async () => {
    const dir = join(s.dir, 'zdot');
    mkdirSync(dir);
    writeFileSync(join(s.dir, 'refer.zsh'), script('zsh'));
    writeFileSync(join(dir, '.zshrc'), `autoload -Uz compinit && compinit -u -d ${dir}/.zcompdump\nsource ${s.dir}/refer.zsh\nPS1='%% '\n`);
    for (const [typed, shown] of [
      ['refer ask San', 'refer ask Sanne\\ Visser '],
      ['refer stats --by mo', 'refer stats --by month '],
    ]) {
      const pty = spawnPty('zsh', ['-i'], { env: { ...env, ZDOTDIR: dir, HISTFILE: '/dev/null' } });
      try {
        await pty.waitFor('% ');
        pty.write(typed! + KEYS.tab);
        await pty.waitFor(shown!);
      } finally {
        pty.kill();
      }
    }
  });

  it('fish: completes relation names and flag values', () => {
    const file = join(s.dir, 'refer.fish');
    writeFileSync(file, script('fish'));
    const r = shell(['fish', '--no-config', '-c', `source ${file}; complete -C 'refer ask San'; complete -C 'refer stats --by m'`]);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual(expect.arrayContaining(['Sanne Visser\tVisser Transport', 'month']));
  });
});

describe('refer __complete', () => {
  it('offers open follow-ups and referrals by id, never those that are done', async () => {
    referOk(['init', '--no-input', '--name', 'Eva Jansen', '--offer', 'route planning', '--value', 'fewer empty kilometres'], s.env);
    referOk(['ask', 'Sanne Visser', '--to', 'Anna de Vries', 'Pieter de Groot'], s.env);
    referOk(['outcome', '2', 'won'], s.env);
    expect(refer(['__complete', 'outcome', ''], s.env).stdout).toBe('1\tAnna de Vries, asked\n');
    expect(refer(['__complete', 'followup', 'done', ''], s.env).stdout).toMatch(/^1\tSanne Visser, due \d{4}-\d\d-\d\d\n$/);
    referOk(['followup', 'done', '1'], s.env);
    expect(refer(['__complete', 'followup', 'done', ''], s.env).stdout).toBe('');
  });

  it('never creates a database, and takes --db from the words', () => {
    const other = join(s.dir, 'none', 'refer.db');
    const r = refer(['__complete', '--db', other, 'ask', ''], s.env);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(existsSync(other)).toBe(false);
    const fresh = { ...s.env, REFER_DB: other };
    expect(refer(['__complete', '--db', s.db, 'ask', 'B'], fresh).stdout).toBe('Bram Kok\trelation 2\n');
  });
});
