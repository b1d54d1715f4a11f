import type { Context } from '../context.js';
import { LANGUAGES } from '../core/languages.js';
import { LANGS, type Lang } from '../core/model.js';
import { textsIn } from '../core/texts.js';
import { UsageError } from '../errors.js';
import { EMPTY_ICP, getIcp, getProfile, saveProfile } from '../db/repos/profile.js';
import { applyIcpFlags, type IcpFlags, saveIcpAndRescore } from './icp/set.js';
import { type ProfileFlags, profileFields } from './profile/set.js';

type InitFlags = ProfileFlags & IcpFlags;

/** Asks for each value that no flag gave, on a terminal. */
async function wizard(ctx: Context, opts: InitFlags): Promise<InitFlags & { lang?: Lang }> {
  const { input, select } = await ctx.prompts('--name');
  const db = await ctx.db();
  const profile = getProfile(db);
  const icp = getIcp(db) ?? EMPTY_ICP;
  const c = ctx.promptContext;
  const ask = async (message: string, given: string | undefined, current: string | null | undefined, required = false) =>
    given ??
    (await ctx.ask(
      input({ message, default: current ?? undefined, required, validate: (v) => !required || v.trim() !== '' || 'Required.' }, c),
    ));
  ctx.info(ctx.style.bold('Set up refer') + ' — who you are and who you sell to. Enter keeps the value shown; Ctrl-C stops.');
  const out: InitFlags & { lang?: Lang } = {};
  out.name = await ask('Your name', opts.name, profile?.name, true);
  out.company = await ask('Your company', opts.company, profile?.company);
  const lang =
    ctx.langFlag ??
    (await ctx.ask(
      select<Lang>({ message: 'Language of your scripts', choices: LANGS.map((l) => ({ value: l, name: LANGUAGES[l].name })), default: profile?.lang ?? 'en' }, c),
    ));
  out.lang = lang;
  // offer and value go into the scripts as written: asked for in the language just chosen
  const current = profile ? textsIn(profile, lang) : undefined;
  const inLang = lang === 'en' ? '' : ` — in ${LANGUAGES[lang].name}, as your scripts will say it`;
  out.offer = await ask(`What you offer, in one line${inLang}`, opts.offer, current?.offer);
  out.value = await ask(`The value a client gets, in their terms${inLang}`, opts.value, current?.value, true);
  ctx.info(ctx.style.bold('Ideal Customer Profile') + ' — comma-separated lists; leave empty to skip.');
  out.titles = await ask('Roles or titles', opts.titles, icp.titles.join(', '));
  out.industries = await ask('Industries', opts.industries, icp.industries.join(', '));
  out.regions = await ask('Regions', opts.regions, icp.regions.join(', '));
  const size = async (message: string, given: number | undefined, current: number | null) => {
    if (given !== undefined) return given;
    const text = await ctx.ask(
      input({ message, default: current === null ? '' : String(current), validate: (v) => v.trim() === '' || /^\d+$/.test(v.trim()) || 'A whole number, or empty.' }, c),
    );
    return text.trim() === '' ? undefined : Number(text);
  };
  out.minSize = await size('Smallest company size (employees)', opts.minSize, icp.minSize);
  out.maxSize = await size('Largest company size (employees)', opts.maxSize, icp.maxSize);
  out.excludeCompanies = await ask('Companies never to approach', opts.excludeCompanies, icp.excludeCompanies.join(', '));
  return out;
}

export default async function init(ctx: Context, _args: string[], opts: InitFlags): Promise<void> {
  const answers = ctx.canPrompt ? await wizard(ctx, opts) : opts;
  const fields = profileFields(answers, ctx);
  if ('lang' in answers && answers.lang) fields.lang = answers.lang as Lang;
  const db = await ctx.db();
  if (!fields.name && !getProfile(db)?.name) throw new UsageError('missing --name (your name, as your relations know you)');
  const now = ctx.now();
  const icp = applyIcpFlags(getIcp(db) ?? EMPTY_ICP, answers);
  saveIcpAndRescore(ctx, db, icp, now, () => saveProfile(db, fields, now));
  const profile = getProfile(db);
  if (ctx.json) return ctx.printJson({ profile, icp, db: ctx.dbPath });
  ctx.print(`Ready, ${profile?.name}. Your data lives in ${ctx.dbPath}.`);
  if (!profile?.value) ctx.warn('no --value yet: the ask scripts centre the value a referee gets; set it with `refer profile set --value …`');
  ctx.print(
    [
      '',
      'Next:',
      '  refer relation add "NAME" --kind client --trust 5 --knows-audience --seller --sees-value --experienced-value',
      '  refer nps "NAME" 9',
      '  refer connection import "NAME" Connections.csv',
      '  refer relation list',
    ].join('\n'),
  );
}
