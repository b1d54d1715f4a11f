// What every step of `refer playbook` works with, and how a step announces itself.
import type { Context, Prompts } from '../../context.js';
import { stepInfo, type StepName } from '../../core/playbook.js';
import type { Lang, Profile } from '../../core/model.js';
import type { Db } from '../../db/open.js';
import type { TemplateDirs } from '../../templates/load.js';

export interface Session {
  ctx: Context;
  db: Db;
  prompts: Prompts;
  profile: Profile;
  dirs: TemplateDirs;
  /** the language of the scripts: --lang, else the profile's */
  lang: Lang;
}

/** "Step 2 of 4 · …" and the playbook's reason for the step. */
export function announce(s: Session, step: StepName, name?: string): void {
  const { style } = s.ctx;
  const info = stepInfo(step);
  s.ctx.print(`\n${style.bold(`Step ${info.number} of 4 · ${info.title}`)}${(name ? style.dim(` · ${name}`) : '')}\n${style.dim(info.why)}\n`);
}

/** A prompt's validate function from a parser that throws on bad input. */
export function validateWith(parse: (text: string) => unknown) {
  return (text: string): true | string => {
    try {
      parse(text);
      return true;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  };
}
