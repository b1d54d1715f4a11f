// The ask templates: built-in ones shipped in the package's templates/ folder, and the user's own
// in $XDG_CONFIG_HOME/refer/templates/ (same layout), which override or add. Every template is
// checked before it is used or listed: its front matter, its place in the layout, and each
// {{variable}} against the declared variables, so that a typo is an error naming the file, not a
// blank in a script.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Mustache from 'mustache';
import { ASK_KINDS, CHANNELS, LANGS, type AskKind, type Channel, type Lang } from '../core/model.js';
import { configDir } from '../db/paths.js';
import { FailureError, UsageError } from '../errors.js';
import { packageRoot } from '../paths.js';
import {
  buildTemplateVars,
  resolveVariable,
  sectionScope,
  TEMPLATE_SCOPE,
  TEMPLATE_VARIABLES,
  type TemplateInput,
  type TemplateVars,
  type Variable,
} from './variables.js';

/** The ask kinds, plus the helper texts of an ask: the forwardable message, the note to the referee, the follow-up agenda. */
export const TEMPLATE_KINDS = [...ASK_KINDS, 'forward', 'referee', 'followup'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export const TEMPLATE_CHANNELS = [...CHANNELS, 'message', 'agenda'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

export interface TemplateDirs {
  /** the folder of the built-in templates (the package's templates/) */
  builtinDir: string;
  /** the user's folder; missing or absent: no user templates */
  userDir?: string | null;
}

export interface TemplateInfo {
  /** `<kind>/<file name without .md>`, e.g. `referral/email.en` */
  name: string;
  kind: TemplateKind;
  channel: TemplateChannel;
  lang: Lang;
  description: string;
  source: 'builtin' | 'user';
  path: string;
  /** for a user template that replaces a built-in one: the built-in file it hides */
  overrides?: string;
}

export interface Template extends TemplateInfo {
  body: string;
}

/** Where the templates are: the package's templates/ folder (found from src/ and from the bundle alike) and the user's. */
export function defaultTemplateDirs(env: Record<string, string | undefined>): Required<TemplateDirs> {
  return { builtinDir: join(packageRoot(), 'templates'), userDir: join(configDir(env), 'templates') };
}

/** Every template, user ones replacing built-in ones of the same name, sorted by name. */
export function listTemplates(dirs: TemplateDirs): TemplateInfo[] {
  return loadTemplates(dirs).map(({ body: _body, ...info }) => info);
}

/**
 * One template by name (`referral/email.en`; a trailing `.md` is allowed). Without the language
 * part (`referral/email`) the `lang` option picks it.
 */
export function getTemplate(name: string, dirs: TemplateDirs & { lang?: Lang }): Template {
  const wanted = name.trim().replace(/\.md$/, '');
  const pick = (list: Template[]) =>
    list.find((t) => t.name === wanted) ?? (dirs.lang ? list.find((t) => t.name === `${wanted}.${dirs.lang}`) : undefined);
  // A name starts with its kind, the folder it is in: only that folder needs reading.
  const kind = wanted.split('/')[0] ?? '';
  const found = isOneOf(TEMPLATE_KINDS, kind) ? pick(loadTemplates(dirs, kind)) : undefined;
  if (found) return checked(found, dirs);
  const all = loadTemplates(dirs);
  throw new UsageError(`Unknown template "${name}"; the templates are:`, all.map((t) => t.name));
}

/** The template for an ask kind, channel and language: the one named after the channel first, else any with that channel. */
export function findTemplate(
  sel: { kind: TemplateKind; channel: TemplateChannel; lang: string },
  dirs: TemplateDirs,
): Template {
  if (!isOneOf(LANGS, sel.lang)) throw new UsageError(`Unknown language "${sel.lang}"; use one of ${LANGS.join(', ')}`);
  const all = loadTemplates(dirs, sel.kind);
  const matches = all.filter((t) => t.kind === sel.kind && t.channel === sel.channel && t.lang === sel.lang);
  const found = matches.find((t) => t.name === `${sel.kind}/${sel.channel}.${sel.lang}`) ?? matches[0];
  if (!found) {
    const sameKind = all.filter((t) => t.kind === sel.kind).map((t) => t.name);
    throw new UsageError(
      `No ${sel.kind} template for ${sel.channel} in ${sel.lang}; ${sameKind.length ? `the ${sel.kind} templates are:` : 'none of that kind exists'}`,
      sameKind,
    );
  }
  return checked(found, dirs);
}

/** Renders a template with Mustache, without HTML escaping (the output is plain text). */
export function renderTemplate(template: Pick<Template, 'body'>, vars: TemplateVars): string {
  return Mustache.render(template.body, vars, {}, { escape: String })
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface RenderedAsk {
  template: Template;
  /** what to say or send */
  script: string;
  /** the message the relation can forward (referral asks only) */
  forward: string | null;
  vars: TemplateVars;
}

/**
 * Renders an ask: for a referral, the forwardable message first (it is part of the script), then
 * the script. `template` (a name, as for `getTemplate`) replaces the choice by kind and channel.
 */
export function renderAsk(
  sel: { kind: AskKind; channel: Channel; lang: Lang; template?: string },
  input: Omit<TemplateInput, 'lang' | 'forwardMessage'>,
  dirs: TemplateDirs,
): RenderedAsk {
  const template = sel.template
    ? getTemplate(sel.template, { ...dirs, lang: sel.lang })
    : findTemplate({ kind: sel.kind, channel: sel.channel, lang: sel.lang }, dirs);
  const lang = template.lang;
  if (template.kind === 'referral' && !input.connections?.length) {
    throw new UsageError('A referral ask names at least one connection: pick them with `refer connection pick` or pass --to');
  }
  const forward =
    template.kind === 'referral'
      ? renderTemplate(findTemplate({ kind: 'forward', channel: 'message', lang }, dirs), buildTemplateVars({ ...input, lang }))
      : null;
  const vars = buildTemplateVars({ ...input, lang, forwardMessage: forward ?? '' });
  return { template, script: renderTemplate(template, vars), forward, vars };
}

/**
 * Every template, each checked in full; or those of one kind, with only their front matter
 * checked: the caller checks the body of the one it uses (`checked`). Reading and checking all
 * of them cost `refer ask` 20 ms, for the three it uses; a broken template that an ask does not
 * use shows in `refer templates list`.
 */
function loadTemplates(dirs: TemplateDirs, only?: TemplateKind): Template[] {
  if (!existsSync(dirs.builtinDir)) throw new FailureError(`The built-in templates are missing: ${dirs.builtinDir}`);
  const byName = new Map<string, Template>();
  for (const t of readDir(dirs.builtinDir, 'builtin', only)) byName.set(t.name, t);
  if (dirs.userDir && existsSync(dirs.userDir)) {
    for (const t of readDir(dirs.userDir, 'user', only)) {
      const hidden = byName.get(t.name);
      byName.set(t.name, hidden ? { ...t, overrides: hidden.path } : t);
    }
  }
  // Names are ASCII (FILE_NAME); a plain comparison spares `refer ask` loading ICU's collation.
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const FILE_NAME = /^([a-z0-9][a-z0-9-]*)\.([a-z]{2})\.md$/;

function readDir(root: string, source: TemplateInfo['source'], only: TemplateKind | undefined): Template[] {
  const out: Template[] = [];
  // Only <kind>/<name>.<lang>.md counts; other files (a README at the top) are left alone.
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name.startsWith('.')) continue;
    const where = join(root, dir.name);
    if (!isOneOf(TEMPLATE_KINDS, dir.name)) {
      throw new UsageError(`Unknown template folder ${where}: the folders are ${TEMPLATE_KINDS.join(', ')}`);
    }
    if (only !== undefined && dir.name !== only) continue;
    for (const file of readdirSync(where, { withFileTypes: true })) {
      if (!file.isFile() || !file.name.endsWith('.md')) continue;
      const path = join(where, file.name);
      const m = FILE_NAME.exec(file.name);
      if (!m) throw new UsageError(`Template ${path} is not named <name>.<lang>.md (e.g. email.en.md)`);
      const [, stem = '', lang = ''] = m;
      if (!isOneOf(LANGS, lang)) throw new UsageError(`Template ${path}: unknown language "${lang}"; use one of ${LANGS.join(', ')}`);
      const at = { path, file: fileName(source, path, root), kind: dir.name, lang, name: `${dir.name}/${stem}.${lang}`, source };
      const template = parseTemplate(readFileSync(path, 'utf8'), at);
      if (only === undefined) checkVariables(template.body, at.file);
      out.push(template);
    }
  }
  return out;
}

const FRONT_MATTER_KEYS = ['kind', 'channel', 'lang', 'description'] as const;

/** How messages name a template's file: a user's by its path, a built-in one from the package (templates/referral/email.en.md). */
function fileName(source: TemplateInfo['source'], path: string, root: string): string {
  return source === 'user' ? path : relative(join(root, '..'), path);
}

/** A template from loadTemplates of one kind, its body checked as every template's is when all are loaded. */
function checked(t: Template, dirs: TemplateDirs): Template {
  checkVariables(t.body, fileName(t.source, t.path, dirs.builtinDir));
  return t;
}

/** The template in a file, its front matter checked (the body is checked by checkVariables). */
function parseTemplate(
  source: string,
  at: { path: string; file: string; kind: TemplateKind; lang: Lang; name: string; source: TemplateInfo['source'] },
): Template {
  const { file } = at;
  const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const close = lines.indexOf('---', 1);
  if (lines[0] !== '---' || close === -1) {
    throw new UsageError(`Template ${file} must start with front matter between two "---" lines`);
  }
  const meta: Partial<Record<(typeof FRONT_MATTER_KEYS)[number], string>> = {};
  for (const line of lines.slice(1, close)) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z]+)\s*:\s*(.*)$/.exec(line);
    if (!m || !isOneOf(FRONT_MATTER_KEYS, m[1] ?? '')) {
      throw new UsageError(`Template ${file}: bad front matter line "${line}"; the keys are ${FRONT_MATTER_KEYS.join(', ')}`);
    }
    meta[m[1] as (typeof FRONT_MATTER_KEYS)[number]] = (m[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
  }
  for (const key of FRONT_MATTER_KEYS) {
    if (!meta[key]) throw new UsageError(`Template ${file}: front matter lacks "${key}"`);
  }
  if (meta.kind !== at.kind) throw new UsageError(`Template ${file}: kind "${meta.kind}" does not match its folder "${at.kind}"`);
  if (meta.lang !== at.lang) throw new UsageError(`Template ${file}: lang "${meta.lang}" does not match its file name ".${at.lang}.md"`);
  const channel = meta.channel ?? '';
  if (!isOneOf(TEMPLATE_CHANNELS, channel)) {
    throw new UsageError(`Template ${file}: unknown channel "${channel}"; use one of ${TEMPLATE_CHANNELS.join(', ')}`);
  }
  const body = lines.slice(close + 1).join('\n');
  return {
    name: at.name,
    kind: at.kind,
    channel,
    lang: at.lang,
    description: meta.description ?? '',
    source: at.source,
    path: at.path,
    body,
  };
}

type Token = [string, string, number, number, Token[]?, ...unknown[]];

function checkVariables(body: string, file: string): void {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(body) as Token[];
  } catch (e) {
    throw new UsageError(`Template ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const unknown = (name: string) =>
    new UsageError(
      `Template ${file} uses an unknown variable {{${name}}}`,
      [`the variables are: ${TEMPLATE_VARIABLES.map((v) => v.name).join(', ')}`],
    );
  const walk = (list: Token[], scopes: Variable[]): void => {
    for (const [type, name, , , children] of list) {
      if (type === 'text' || type === '!' || type === '=') continue;
      if (type === '>') throw new UsageError(`Template ${file}: partials ({{>${name}}}) are not supported`);
      // Mustache looks a name up in the innermost context first, then outwards; "." is the context itself.
      const found =
        name === '.' ? scopes[scopes.length - 1] : scopes.map((s) => resolveVariable(s, name)).findLast((s) => s !== undefined);
      if (!found) throw unknown(name);
      if (type === '#') walk(children ?? [], [...scopes, sectionScope(found)]);
      else if (type === '^') walk(children ?? [], scopes);
    }
  };
  walk(tokens, [TEMPLATE_SCOPE]);
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
