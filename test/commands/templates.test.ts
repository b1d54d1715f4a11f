import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, sandbox } from '../support/run.js';
import { NOW, seed, writeUserTemplate } from './ask.fixtures.js';

const BUILTIN = fileURLToPath(new URL('../../templates', import.meta.url));
const builtinNames = readdirSync(BUILTIN, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(BUILTIN, d.name)).map((f) => `${d.name}/${f.replace(/\.md$/, '')}`))
  .sort();

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const userDir = () => join(s.env.XDG_CONFIG_HOME!, 'refer', 'templates');

const MINE = `---\nkind: referral\nchannel: linkedin\nlang: en\ndescription: my short LinkedIn ask\n---\nHi {{relation.firstName}}, would {{connectionNames}} be helped by {{rep.value}}? May I mention your name?\n`;

describe('refer templates', () => {
  it('lists every built-in template with kind, channel, language, source and description', async () => {
    const r = await s.run(['templates', 'list', '--json']);
    expect(r.code).toBe(0);
    const list = r.json();
    expect(list.map((t: any) => t.name)).toEqual(builtinNames);
    expect(list.find((t: any) => t.name === 'referral/call.nl')).toMatchObject({
      kind: 'referral',
      channel: 'call',
      lang: 'nl',
      source: 'builtin',
      description: expect.stringMatching(/^Belscript/),
    });

    const tty = await s.run(['templates', 'list'], { tty: true });
    expect(tty.stdout.split('\n')[0]).toMatch(/^NAME\s+KIND\s+CHANNEL\s+LANG\s+SOURCE\s+DESCRIPTION$/);
    const pipe = await s.run(['templates', 'list']);
    expect(pipe.stdout.split('\n')[0]!.split('\t').slice(0, 5)).toEqual(['beta/email.da', 'beta', 'email', 'da', 'builtin']);
  });

  it('lists a user template, and one that replaces a built-in one, and the ask uses it', async () => {
    writeUserTemplate(s, 'referral/short.en', MINE);
    writeUserTemplate(s, 'referral/email.en', MINE.replace('channel: linkedin', 'channel: email'));
    const list = (await s.run(['templates', 'list', '--json'])).json();
    expect(list).toHaveLength(builtinNames.length + 1);
    expect(list.find((t: any) => t.name === 'referral/short.en')).toMatchObject({ source: 'user', channel: 'linkedin', description: 'my short LinkedIn ask' });
    expect(list.find((t: any) => t.name === 'referral/email.en')).toMatchObject({
      source: 'user',
      path: join(userDir(), 'referral', 'email.en.md'),
      overrides: join(BUILTIN, 'referral', 'email.en.md'),
    });
    const pipe = (await s.run(['templates', 'list'])).stdout;
    expect(pipe).toMatch(/^referral\/email\.en\treferral\temail\ten\tuser \(overrides builtin\)\tmy short LinkedIn ask$/m);

    await seed(s);
    const out = (await s.run(['ask', '1', '--json', '--dry-run'], { now: NOW })).json();
    expect(out.script).toBe('Hi Sanne, would Anna de Vries and Pieter de Groot be helped by warehouse teams plan their week in one morning instead of three days? May I mention your name?');
  });

  it('shows a template as its file, and the variables a template may use', async () => {
    const file = readFileSync(join(BUILTIN, 'referral', 'email.en.md'), 'utf8');
    const pipe = await s.run(['templates', 'show', 'referral/email.en']);
    expect(pipe.code).toBe(0);
    // in a pipe, stdout is the file itself, so it can be copied to the user folder
    expect(pipe.stdout).toBe(file.endsWith('\n') ? file : file + '\n');
    expect(pipe.stderr).toMatch(/Variables a template may use/);
    expect(pipe.stderr).toMatch(/^ {2}connectionNames\s+the full names of the connections/m);
    expect(pipe.stderr).toMatch(/^ {2}connections\[\]\.name\s+full name$/m);

    const tty = await s.run(['templates', 'show', 'referral/email.en'], { tty: true });
    expect(tty.stdout).toMatch(/^---\nkind: referral\nchannel: email\nlang: en\ndescription: /);
    expect(tty.stdout).toContain('{{forwardMessage}}');
    expect(tty.stdout).toMatch(/^ {2}followUp\.text\s+the day and, when set, the time/m);

    const json = (await s.run(['templates', 'show', 'referral/email.md', '--json'])).json();
    expect(json).toMatchObject({ name: 'referral/email.en', kind: 'referral', channel: 'email', lang: 'en', source: 'builtin' });
    expect(json.body).toContain('{{connectionNames}}');
    expect(json.variables).toContainEqual({ name: 'moment.text', description: expect.stringMatching(/their own words/) });
  });

  it('picks the language of a template named without one from --lang, else the profile', async () => {
    expect((await s.run(['templates', 'show', 'referral/call', '--json'])).json().name).toBe('referral/call.en');
    expect((await s.run(['templates', 'show', 'referral/call', '--lang', 'nl', '--json'])).json().name).toBe('referral/call.nl');
    await s.run(['profile', 'set', '--name', 'Eva Jansen', '--lang', 'nl']);
    expect((await s.run(['templates', 'show', 'referral/call', '--json'])).json().name).toBe('referral/call.nl');
  });

  it('refuses an unknown template with the list of names', async () => {
    const r = await s.run(['templates', 'show', 'referral/fax']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: Unknown template "referral\/fax"; the templates are:\n {2}beta\/email\.da\n/);
  });

  it('prints the user folder without creating it, or both folders with --json', async () => {
    const r = await s.run(['templates', 'path']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(userDir() + '\n');
    expect((await s.run(['templates', 'path', '--json'])).json()).toEqual({ builtin: BUILTIN, user: userDir() });
    expect(existsSync(userDir())).toBe(false);
    expect(existsSync(s.db)).toBe(false);
  });
});
