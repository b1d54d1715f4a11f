// `refer __complete WORD...`: the hidden entry the completion scripts call (as `gh __complete`
// does). It reads the words typed so far against commander's own tree, so commands, flags and
// the values of choice flags come from the declarations themselves, and looks up the names and
// ids that only the database knows: relations for REL, the relation's connections after --to
// and for CONN, open follow-ups and referrals for their ids.
// Prints one candidate a line, "value<TAB>description"; a last line ":files" asks the shell for
// file names instead. It never fails and never creates a database.
import type { Argument, Command, Option } from 'commander';
import type { Context } from '../context.js';
import { PATH_STAGES, STAGES } from '../core/model.js';
import type { Candidate } from '../db/repos/complete.js';

/** The dynamic values completion can look up. */
export type Dynamic = 'relation' | 'connection' | 'followup' | 'referral' | 'stage' | 'template' | 'files';

/** A file argument or option: the shell completes file names. */
const FILES = /^(file|output|eml|db)$/;

/** What an argument (by command and name) holds, when it is not a declared choice. */
function argumentKind(cmd: Command, arg: Argument): Dynamic | undefined {
  const name = arg.name();
  const path = commandPath(cmd);
  if (name === 'rel' || name === 'who') return 'relation';
  if (name === 'ids' && path === 'connection pick') return 'connection';
  if ((name === 'id' || name === 'ids') && path.startsWith('followup')) return 'followup';
  if (name === 'referral') return 'referral';
  if (name === 'stage') return 'stage';
  if (name === 'name' && path === 'templates show') return 'template';
  if (FILES.test(name)) return 'files';
  return undefined;
}

function optionKind(option: Option): Dynamic | undefined {
  const name = option.attributeName();
  if (name === 'to') return 'connection';
  if (name === 'template') return 'template';
  if (FILES.test(name)) return 'files';
  return undefined;
}

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export interface Request {
  /** what to complete */
  kind: 'commands' | 'options' | 'choices' | Dynamic | 'none';
  cmd: Command;
  /** the values of a choice flag or argument */
  choices?: readonly string[];
  /** the positional arguments typed so far (REL first, where the command has one) */
  args: string[];
  /** --db given among the words */
  db?: string;
  /** the word being completed, and what goes before a value given as --flag=value */
  current: string;
  prefix: string;
}

/** Every option the command takes: its own, and those of the commands above it (the global flags). */
function optionsOf(cmd: Command): Option[] {
  const out: Option[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) out.push(...c.options);
  return out;
}

function findOption(cmd: Command, flag: string): Option | undefined {
  return optionsOf(cmd).find((o) => o.long === flag || o.short === flag);
}

const takesValue = (o: Option) => o.required || o.optional;

/** Reads the words before the current one, and says what the current one can be. */
export function analyse(root: Command, words: readonly string[]): Request {
  const typed = words.slice(0, -1);
  let current = words[words.length - 1] ?? '';
  let cmd = root;
  const args: string[] = [];
  let db: string | undefined;
  /** the option whose value(s) the next words are */
  let pending: { option: Option; variadic: boolean } | undefined;
  let operands = false;
  for (const word of typed) {
    // An optional value (--copy [text]) is only taken when it is one of its choices.
    if (pending?.option.optional && !pending.option.argChoices?.includes(word)) pending = undefined;
    if (pending && (!pending.variadic || !word.startsWith('-'))) {
      if (pending.option.attributeName() === 'db') db = word;
      if (!pending.variadic) pending = undefined;
      continue;
    }
    pending = undefined;
    if (word === '--') operands = true;
    else if (!operands && word.startsWith('-')) {
      const [flag, value] = word.split(/=(.*)/s, 2) as [string, string | undefined];
      const option = findOption(cmd, flag);
      if (option && option.attributeName() === 'db' && value !== undefined) db = value;
      if (option && takesValue(option) && value === undefined) pending = { option, variadic: option.variadic };
    } else if (word === 'help' && cmd === root && args.length === 0) {
      // `refer help relation add`: the words after help name a command, as without it.
      continue;
    } else {
      const sub = args.length === 0 ? cmd.commands.find((c) => c.name() === word || c.aliases().includes(word)) : undefined;
      if (sub) cmd = sub;
      else args.push(word);
    }
  }
  let prefix = '';
  if (!pending && !operands && current.startsWith('--') && current.includes('=')) {
    const [flag, value] = current.split(/=(.*)/s, 2) as [string, string];
    const option = findOption(cmd, flag);
    if (option && takesValue(option)) {
      pending = { option, variadic: false };
      prefix = `${flag}=`;
      current = value;
    }
  }
  const base = { cmd, args, db, current, prefix };
  if (pending && !(pending.variadic && current.startsWith('-'))) {
    const { option } = pending;
    if (option.argChoices) return { ...base, kind: 'choices', choices: option.argChoices };
    return { ...base, kind: optionKind(option) ?? 'none' };
  }
  if (current.startsWith('-') && !operands) return { ...base, kind: 'options' };
  const visible = cmd.createHelp().visibleCommands(cmd).filter((c) => c.name() !== 'help');
  if (visible.length > 0 && args.length === 0) return { ...base, kind: 'commands' };
  const declared = cmd.registeredArguments;
  const last = declared[declared.length - 1];
  const arg = declared[args.length] ?? (last?.variadic ? last : undefined);
  if (!arg) return { ...base, kind: 'none' };
  if (arg.argChoices) return { ...base, kind: 'choices', choices: arg.argChoices };
  return { ...base, kind: argumentKind(cmd, arg) ?? 'none' };
}

const startsWith = (value: string, current: string) => value.toLocaleLowerCase('en').startsWith(current.toLocaleLowerCase('en'));

/** The static candidates: commands, flags and choices, straight from the tree. */
function fromTree(req: Request): Candidate[] | undefined {
  const { cmd } = req;
  const help = cmd.createHelp();
  if (req.kind === 'commands') {
    return help
      .visibleCommands(cmd)
      .filter((c) => c.name() !== 'help')
      .map((c) => ({ value: c.name(), description: c.description() }));
  }
  if (req.kind === 'options') {
    const options = [...help.visibleOptions(cmd)];
    for (let c = cmd.parent; c; c = c.parent) options.push(...help.visibleOptions(c).filter((o) => o.long !== '--help' && o.long !== '--version'));
    return options.filter((o) => o.long).map((o) => ({ value: o.long!, description: o.description }));
  }
  if (req.kind === 'choices') return (req.choices ?? []).map((value) => ({ value }));
  if (req.kind === 'stage') return STAGES.map((value) => ({ value }));
  return undefined;
}

/** The candidates the database knows (nothing when there is no database yet). */
async function fromDatabase(ctx: Context, req: Request): Promise<Candidate[]> {
  const db = await ctx.existingDb();
  if (!db) return [];
  const repo = await import('../db/repos/complete.js');
  if (req.kind === 'relation') {
    return repo.relationCandidates(db, req.current).flatMap((r) => {
      const description = r.company ?? undefined;
      // A name completes as the name, and a number as the id.
      return /^\d/.test(req.current) ? [{ value: String(r.id), description: r.name }] : [{ value: r.name, description: description ?? `relation ${r.id}` }];
    });
  }
  if (req.kind === 'connection') {
    const rel = req.args[0];
    const relationId = rel === undefined ? undefined : repo.relationIdFor(db, rel);
    if (relationId === undefined) return [];
    return repo.connectionCandidates(db, relationId, req.current).map((c) => {
      const about = `${c.title ? `${c.title}, ` : ''}${c.shortlisted ? 'on the shortlist, ' : ''}connection ${c.id}`;
      return /^\d/.test(req.current) ? { value: String(c.id), description: c.name } : { value: c.name, description: about };
    });
  }
  if (req.kind === 'followup') return repo.openFollowupCandidates(db);
  if (req.kind === 'referral') return repo.openReferralCandidates(db, PATH_STAGES.filter((stage) => stage !== 'won'));
  return [];
}

async function templates(ctx: Context): Promise<Candidate[]> {
  const { defaultTemplateDirs, listTemplates } = await import('../templates/load.js');
  return listTemplates(defaultTemplateDirs(ctx.env)).map((t) => ({ value: t.name, description: t.description }));
}

/** All candidates for the words, filtered by the word being completed. */
export async function complete(ctx: Context, root: Command, words: readonly string[]): Promise<{ candidates: Candidate[]; files: boolean }> {
  const req = analyse(root, words);
  if (req.kind === 'files') return { candidates: [], files: true };
  if (req.kind === 'none') return { candidates: [], files: false };
  let all = fromTree(req);
  if (all === undefined) {
    try {
      all = req.kind === 'template' ? await templates(ctx) : await fromDatabase(ctx, req);
    } catch {
      // A locked, damaged or newer database: no names, and no error in the middle of a command line.
      all = [];
    }
  }
  const match = all.filter((c) => startsWith(c.value, req.current));
  return { candidates: match.map((c) => ({ ...c, value: req.prefix + c.value })), files: false };
}

/**
 * The action of `refer __complete WORD...`: the words after `refer`, the last one the word being
 * completed (empty after a space). The database is the one the words name with --db, else the
 * usual one.
 */
export async function completeCommand(make: (globals: { db?: string }) => Promise<Context>, root: Command, words: string[]): Promise<void> {
  const typed = words.length ? words : [''];
  const ctx = await make({ db: analyse(root, typed).db });
  try {
    const { candidates, files } = await complete(ctx, root, typed);
    const line = (c: Candidate) => (c.description ? `${c.value}\t${c.description.replace(/\s+/g, ' ')}` : c.value);
    const lines = [...candidates.map(line), ...(files ? [':files'] : [])];
    if (lines.length) ctx.print(lines.join('\n'));
  } finally {
    ctx.close();
  }
}
