import { readFileSync } from 'node:fs';
import type { Context } from '../../context.js';
import type { Lang } from '../../core/model.js';
import { getProfile } from '../../db/repos/profile.js';
import { defaultTemplateDirs, getTemplate } from '../../templates/load.js';
import { TEMPLATE_VARIABLES } from '../../templates/variables.js';

/** The language that picks a template named without one: --lang, else the profile's (never creating a database), else en. */
async function preferredLang(ctx: Context): Promise<Lang> {
  if (ctx.langFlag) return ctx.langFlag;
  const db = await ctx.existingDb();
  return (db && getProfile(db)?.lang) ?? 'en';
}

export default async function templatesShow(ctx: Context, [name]: string[]): Promise<void> {
  const template = getTemplate(name!, { ...defaultTemplateDirs(ctx.env), lang: await preferredLang(ctx) });
  if (ctx.json) return ctx.printJson({ ...template, variables: TEMPLATE_VARIABLES });
  // The file exactly as it is, so that `refer templates show X > file` copies it for editing.
  const file = readFileSync(template.path, 'utf8');
  if (ctx.tty) ctx.info(ctx.style.dim(`${template.name} (${template.overrides ? 'yours, replacing the built-in one' : template.source}): ${template.path}`));
  ctx.print(file);
  const width = Math.max(...TEMPLATE_VARIABLES.map((v) => v.name.length));
  const variables = [
    '',
    ctx.style.bold('Variables a template may use') + ' ({{name}}; {{#name}}…{{/name}} repeats a list or shows a part only when it is set):',
    ...TEMPLATE_VARIABLES.map((v) => `  ${v.name.padEnd(width)}  ${v.description}`),
  ].join('\n');
  // On a terminal they follow the file; in a pipe they go to stderr, so the copied file stays clean.
  if (ctx.tty) ctx.print(variables);
  else ctx.info(variables);
}
