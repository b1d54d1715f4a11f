import type { Context } from '../../context.js';
import { defaultTemplateDirs, listTemplates } from '../../templates/load.js';

export default async function templatesList(ctx: Context): Promise<void> {
  const templates = listTemplates(defaultTemplateDirs(ctx.env));
  if (ctx.json) return ctx.printJson(templates);
  const { style } = ctx;
  ctx.table(templates, [
    { header: 'NAME', get: (t) => t.name, style: (s) => style.bold(s) },
    { header: 'KIND', get: (t) => t.kind },
    { header: 'CHANNEL', get: (t) => t.channel },
    { header: 'LANG', get: (t) => t.lang },
    { header: 'SOURCE', get: (t) => (t.overrides ? 'user (overrides builtin)' : t.source), style: (s, t) => (t.source === 'user' ? style.cyan(s) : s) },
    { header: 'DESCRIPTION', get: (t) => t.description },
  ]);
  if (ctx.tty) ctx.info(style.dim('`refer templates show NAME` prints one; `refer templates path` is the folder for your own.'));
}
