// One choice from a list that may be long: the relations of an imported network are hundreds.
// Up to a screenful it is a plain list; past it, the list searches as you type (case and accents
// aside), and the entries marked `always` stay in view whatever is typed.
import type { Context, Prompts } from '../context.js';
import { foldText } from '../core/person.js';

export interface OneChoice<T> {
  value: T;
  name: string;
  short?: string;
  description?: string;
}

type Entry<T> = OneChoice<T> | InstanceType<Prompts['Separator']>;

/** From this many choices on, the list searches as you type. */
export const SEARCH_FROM = 30;

export async function pickOne<T>(
  ctx: Context,
  prompts: Prompts,
  opts: { message: string; choices: Array<Entry<T>>; pageSize: number; always?: Array<OneChoice<T>> },
): Promise<T> {
  const always = opts.always ?? [];
  const all = [...opts.choices, ...always];
  const count = opts.choices.filter((c) => !(c instanceof prompts.Separator)).length;
  if (count <= SEARCH_FROM) return ctx.ask(prompts.select<T>({ message: opts.message, pageSize: opts.pageSize, choices: all }, ctx.promptContext));
  return ctx.ask(
    prompts.search<T>(
      {
        message: opts.message.replace('?', '? Type part of a name or company'),
        pageSize: opts.pageSize,
        source: (term) => {
          const key = foldText(term ?? '');
          if (key === '') return all;
          const found = opts.choices.filter((c): c is OneChoice<T> => !(c instanceof prompts.Separator) && foldText(c.name).includes(key));
          return [...found, ...always];
        },
      },
      ctx.promptContext,
    ),
  );
}
