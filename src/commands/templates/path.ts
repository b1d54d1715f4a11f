import type { Context } from '../../context.js';
import { defaultTemplateDirs } from '../../templates/load.js';

export default async function templatesPath(ctx: Context): Promise<void> {
  const { builtinDir, userDir: user } = defaultTemplateDirs(ctx.env);
  const userDir = user!; // the default dirs always name the user's folder
  if (ctx.json) return ctx.printJson({ builtin: builtinDir, user: userDir });
  ctx.print(userDir);
  if (ctx.tty) {
    ctx.info(ctx.style.dim(`Your templates go here as <kind>/<name>.<lang>.md; one with the name of a built-in one replaces it. Built-in: ${builtinDir}`));
  }
}
