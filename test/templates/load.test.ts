import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { defaultTemplateDirs, findTemplate, getTemplate, listTemplates, renderAsk } from '../../src/templates/load.js';
import { askInput, BUILTIN_DIR } from './fixtures.js';

let userDir: string;
beforeEach(() => {
  userDir = mkdtempSync(join(tmpdir(), 'refer-templates-'));
});
afterEach(() => rmSync(userDir, { recursive: true, force: true }));

function writeUser(file: string, text: string): void {
  mkdirSync(join(userDir, file, '..'), { recursive: true });
  writeFileSync(join(userDir, file), text);
}

const front = (kind: string, channel: string, lang: string) =>
  `---\nkind: ${kind}\nchannel: ${channel}\nlang: ${lang}\ndescription: my own version\n---\n`;

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error('expected a UsageError');
}

describe('built-in templates', () => {
  it('lists every template with its name, kind, channel, language, description and file', () => {
    const list = listTemplates({ builtinDir: BUILTIN_DIR });
    expect(list.find((t) => t.name === 'referral/call.nl')).toEqual({
      name: 'referral/call.nl',
      kind: 'referral',
      channel: 'call',
      lang: 'nl',
      description: expect.stringMatching(/\S/),
      source: 'builtin',
      path: join(BUILTIN_DIR, 'referral', 'call.nl.md'),
    });
    expect(list.map((t) => t.name)).toEqual([...list.map((t) => t.name)].sort());
  });

  it('is found from the package folder by the default directories, with the user folder under XDG_CONFIG_HOME', () => {
    const dirs = defaultTemplateDirs({ XDG_CONFIG_HOME: '/home/someone/.cfg' });
    expect(dirs.userDir).toBe('/home/someone/.cfg/refer/templates');
    expect(getTemplate('referral/email.en', dirs).source).toBe('builtin');
  });

  it('gets a template by name, with or without .md, and by name plus language', () => {
    const dirs = { builtinDir: BUILTIN_DIR };
    expect(getTemplate('referral/email.nl.md', dirs).lang).toBe('nl');
    expect(getTemplate('quote/linkedin', { ...dirs, lang: 'nl' }).name).toBe('quote/linkedin.nl');
    expect(getTemplate('referral/email.en', dirs).body).toContain('{{connectionNames}}');
  });

  it('rejects an unknown name or language with the list of what exists', () => {
    const dirs = { builtinDir: BUILTIN_DIR };
    const byName = usageError(() => getTemplate('referral/fax.en', dirs));
    expect(byName.message).toContain('referral/fax.en');
    expect(byName.details).toContain('referral/email.en');
    expect(usageError(() => getTemplate('referral/email.fr', dirs)).details).toContain('referral/email.nl');
    expect(usageError(() => findTemplate({ kind: 'referral', channel: 'email', lang: 'fr' }, dirs)).message).toMatch(/"fr".*en, nl, da, de/);
    const missing = usageError(() => findTemplate({ kind: 'quote', channel: 'call', lang: 'en' }, dirs));
    expect(missing.message).toContain('quote');
    expect(missing.details).toEqual(expect.arrayContaining(['quote/email.en', 'quote/linkedin.nl']));
  });
});

describe('user templates', () => {
  it('override a built-in template of the same name and are used for the ask', () => {
    writeUser('referral/email.en.md', `${front('referral', 'email', 'en')}Dear {{relation.firstName}}, would {{connectionNames}} be helped? {{forwardMessage}}\n`);
    const dirs = { builtinDir: BUILTIN_DIR, userDir };
    const t = getTemplate('referral/email.en', dirs);
    expect(t).toMatchObject({ source: 'user', description: 'my own version', overrides: join(BUILTIN_DIR, 'referral', 'email.en.md') });
    const { script } = renderAsk({ kind: 'referral', channel: 'email', lang: 'en' }, askInput('en'), dirs);
    expect(script).toMatch(/^Dear Lotte, would Anna de Vries, .* and Eva Jacobs be helped\? Jan Peeters \(Planwise\) offers/);
    // the other language still comes from the package
    expect(getTemplate('referral/email.nl', dirs).source).toBe('builtin');
  });

  it('add new templates, found by their channel and chosen by name', () => {
    writeUser('referral/email-short.en.md', `${front('referral', 'email', 'en')}Would {{connectionNames}} be helped?\n`);
    const dirs = { builtinDir: BUILTIN_DIR, userDir };
    expect(listTemplates(dirs).filter((t) => t.kind === 'referral' && t.channel === 'email' && t.lang === 'en').map((t) => t.name)).toEqual([
      'referral/email-short.en',
      'referral/email.en',
    ]);
    // the channel's own name wins the default choice
    expect(findTemplate({ kind: 'referral', channel: 'email', lang: 'en' }, dirs).name).toBe('referral/email.en');
    const { script } = renderAsk({ kind: 'referral', channel: 'email', lang: 'en', template: 'referral/email-short' }, askInput('en'), dirs);
    expect(script).toBe('Would Anna de Vries, Bart Hendriks, Carla Smit, Dirk Mulder and Eva Jacobs be helped?');
  });

  it('are rejected at load time when they use an undeclared variable, naming the file and the variable', () => {
    writeUser('referral/email.en.md', `${front('referral', 'email', 'en')}Hi {{relation.firstName}}, {{foo}}\n`);
    const err = usageError(() => listTemplates({ builtinDir: BUILTIN_DIR, userDir }));
    expect(err.message).toContain(join(userDir, 'referral', 'email.en.md'));
    expect(err.message).toContain('{{foo}}');
    expect(err.details.join(' ')).toContain('relation.firstName');
  });

  it.each([
    ['a field the list items lack, outside their section', '{{title}}'],
    ['a misspelt nested name', '{{rep.vaule}}'],
    ['a name inside a section that no context has', '{{#connections}}{{nickname}}{{/connections}}'],
  ])('reject %s', (_what, body) => {
    writeUser('referral/email.en.md', `${front('referral', 'email', 'en')}${body}\n`);
    expect(usageError(() => getTemplate('referral/email.en', { builtinDir: BUILTIN_DIR, userDir })).message).toMatch(/unknown variable/);
  });

  it('may use list fields inside the list section and outer names there too', () => {
    writeUser('referral/list.en.md', `${front('referral', 'email', 'en')}{{#connections}}{{firstName}} ({{relation.firstName}}){{^title}}?{{/title}};{{/connections}}\n`);
    const { script } = renderAsk({ kind: 'referral', channel: 'email', lang: 'en', template: 'referral/list.en' }, askInput('en'), { builtinDir: BUILTIN_DIR, userDir });
    expect(script).toBe('Anna (Lotte);Bart (Lotte);Carla (Lotte);Dirk (Lotte);Eva (Lotte)?;');
  });

  it.each([
    ['no front matter', 'referral/email.en.md', 'Hello {{relation.firstName}}', /front matter/],
    ['a kind that differs from the folder', 'referral/email.en.md', `${front('quote', 'email', 'en')}x`, /kind "quote"/],
    ['a language that differs from the file name', 'referral/email.en.md', `${front('referral', 'email', 'nl')}x`, /lang "nl"/],
    ['an unknown channel', 'referral/fax.en.md', `${front('referral', 'fax', 'en')}x`, /unknown channel "fax"/],
    ['an unknown key', 'referral/email.en.md', `${front('referral', 'email', 'en').replace('description', 'desciption')}x`, /desciption/],
    ['a file name without language', 'referral/email.md', `${front('referral', 'email', 'en')}x`, /<name>\.<lang>\.md/],
    ['an unknown language', 'referral/email.fr.md', `${front('referral', 'email', 'fr')}x`, /"fr"/],
    ['an unknown folder', 'referals/email.en.md', `${front('referral', 'email', 'en')}x`, /referals/],
    ['an unclosed section', 'referral/email.en.md', `${front('referral', 'email', 'en')}{{#moment}}x`, /moment/],
    ['a partial', 'referral/email.en.md', `${front('referral', 'email', 'en')}{{>footer}}`, /partials/],
  ])('reject %s with a message naming the problem', (_what, file, text, pattern) => {
    writeUser(file, text);
    const err = usageError(() => listTemplates({ builtinDir: BUILTIN_DIR, userDir }));
    expect(err.message).toMatch(pattern);
  });

  it('that an ask does not use do not stop it when broken, and the full list still reports them', () => {
    writeUser('quote/email.en.md', `${front('quote', 'email', 'en')}Hi {{foo}}\n`);
    writeUser('referral/call.en.md', `${front('referral', 'call', 'en')}Hi {{bar}}\n`);
    const dirs = { builtinDir: BUILTIN_DIR, userDir };
    expect(renderAsk({ kind: 'referral', channel: 'email', lang: 'en' }, askInput('en'), dirs).template.name).toBe('referral/email.en');
    expect(getTemplate('referral/call', { ...dirs, lang: 'nl' }).name).toBe('referral/call.nl');
    expect(usageError(() => findTemplate({ kind: 'quote', channel: 'email', lang: 'en' }, dirs)).message).toContain('{{foo}}');
    expect(usageError(() => getTemplate('referral/call.en', dirs)).message).toContain('{{bar}}');
    expect(usageError(() => listTemplates(dirs)).message).toMatch(/\{\{(foo|bar)\}\}/);
  });

  it('may leave the user folder absent', () => {
    expect(listTemplates({ builtinDir: BUILTIN_DIR, userDir: join(userDir, 'nothing-here') }).every((t) => t.source === 'builtin')).toBe(true);
  });

  it('accept front matter with quotes, comments and Windows line ends', () => {
    writeUser('quote/email.en.md', '---\r\n# mine\r\nkind: quote\r\nchannel: "email"\r\nlang: en\r\ndescription: \'Short: a quote\'\r\n---\r\nWould it help others, {{relation.firstName}}?\r\n');
    const t = getTemplate('quote/email.en', { builtinDir: BUILTIN_DIR, userDir });
    expect(t).toMatchObject({ channel: 'email', description: 'Short: a quote', body: 'Would it help others, {{relation.firstName}}?\n' });
  });
});

describe('renderAsk', () => {
  it('refuses a referral ask without connections', () => {
    expect(usageError(() => renderAsk({ kind: 'referral', channel: 'email', lang: 'en' }, askInput('en', { connections: [] }), { builtinDir: BUILTIN_DIR })).message).toMatch(/connection/);
  });

  it('keeps characters like & and < as typed (no HTML escaping)', () => {
    const profile = { name: 'Jan Peeters', company: 'Plan & Co', offer: 'planning <pro>', value: 'calm "weeks" & fewer calls' };
    const { script, forward } = renderAsk({ kind: 'referral', channel: 'email', lang: 'en' }, askInput('en', { profile }), { builtinDir: BUILTIN_DIR });
    expect(forward).toContain('Jan Peeters (Plan & Co) offers planning <pro>.');
    expect(script).toContain('calm "weeks" & fewer calls');
  });

  it('renders in the language of a template chosen by full name', () => {
    const r = renderAsk({ kind: 'referral', channel: 'email', lang: 'en', template: 'referral/call.nl' }, askInput('nl'), { builtinDir: BUILTIN_DIR });
    expect(r.template.name).toBe('referral/call.nl');
    expect(r.vars.lang).toBe('nl');
    expect(r.script).toContain('donderdag 3 december om 10:00');
  });
});
