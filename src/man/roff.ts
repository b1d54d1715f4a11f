// Man pages from the command tree: the same descriptions, options, arguments and examples that
// `--help` prints, read through commander's own help model (Help), written as roff for man(7).
// scripts/build.mjs writes them to dist/man/ at build time; nothing here runs in the shipped CLI.
import type { EventEmitter } from 'node:events';
import type { Command, Help } from 'commander';
import { EXIT_MEANINGS } from '../errors.js';

export interface ManPage {
  /** the page's name: `refer`, or `refer-COMMAND` for a top-level command */
  name: string;
  /** the file it goes in: `refer.1`, `refer-ask.1` */
  file: string;
  /** the roff source */
  roff: string;
}

export interface ManMeta {
  version: string;
  /** the date in the page's footer, YYYY-MM-DD */
  date: string;
}

/** `refer(1)`, naming every command, and `refer-COMMAND(1)` for each top-level command. */
export function manPages(program: Command, meta: ManMeta): ManPage[] {
  const tops = commands(program);
  const pages: ManPage[] = [rootPage(program, tops, meta)];
  for (const cmd of tops) pages.push(commandPage(program, cmd, meta));
  return pages;
}

/** The visible subcommands, without commander's implicit `help` command. */
export function commands(cmd: Command): Command[] {
  const help = cmd.createHelp();
  return help.visibleCommands(cmd).filter((c) => c !== (cmd as unknown as { _getHelpCommand(): Command | null })._getHelpCommand());
}

/** Every command below `cmd`, depth first, in the order `--help` lists them. */
export function descendants(cmd: Command): Command[] {
  return commands(cmd).flatMap((c) => [c, ...descendants(c)]);
}

/** Whether a command runs by itself (`refer followup`), not only lists its subcommands (`refer relation`). */
export function runs(cmd: Command): boolean {
  return commands(cmd).length === 0 || (cmd as unknown as { _actionHandler: unknown })._actionHandler != null;
}

/** The name of a command with its ancestors but the program: `relation add`. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** A top-level command's page name: `refer-relation`. */
export function pageName(program: Command, cmd: Command): string {
  return `${program.name()}-${cmd.name()}`;
}

function rootPage(program: Command, tops: Command[], meta: ManMeta): ManPage {
  const help = program.createHelp();
  const name = program.name();
  const after = afterHelp(program);
  const out: string[] = [...header(name, meta), '.SH NAME', `${text(name)} \\- ${text(program.description())}`];
  out.push('.SH SYNOPSIS', terms(help.commandUsage(program)));
  out.push('.SH DESCRIPTION', paragraph(program.description()));
  for (const p of after.paragraphs) out.push('.PP', paragraph(p));
  out.push('.PP', `Each top-level command has its own page, named below; \\fB${text(name)} help\\fP \\fICOMMAND\\fP and \\fICOMMAND\\fP \\fB\\-\\-help\\fP print the same help.`);
  // man(7)'s order: ENVIRONMENT comes after EXIT STATUS, the rest of the help's parts here
  const late = (title: string) => /^environment$/i.test(title);
  for (const section of after.sections.filter((x) => !late(x.title))) out.push(`.SH ${heading(section.title)}`, preformatted(section.lines));
  out.push('.SH OPTIONS', ...options(help, help.visibleOptions(program)));
  out.push('.SH COMMANDS');
  for (const top of tops) {
    out.push(`.SS ${macroArg(`${name} ${top.name()}`)}`, paragraph(help.commandDescription(top)), `(\\fB${text(pageName(program, top))}\\fP(1))`);
    const subs = descendants(top);
    if (subs.length === 0) continue;
    out.push('.RS 4');
    for (const cmd of subs) out.push('.TP', terms(help.commandUsage(cmd)), paragraph(help.subcommandDescription(cmd)));
    out.push('.RE');
  }
  if (after.examples.length) out.push('.SH EXAMPLES', preformatted(after.examples));
  out.push(...exitStatus());
  for (const section of after.sections.filter((x) => late(x.title))) out.push(`.SH ${heading(section.title)}`, preformatted(section.lines));
  out.push('.SH SEE ALSO', tops.map((c) => `\\fB${text(pageName(program, c))}\\fP(1)`).join(',\n'));
  return { name, file: `${name}.1`, roff: out.join('\n') + '\n' };
}

function commandPage(program: Command, top: Command, meta: ManMeta): ManPage {
  const help = top.createHelp();
  const name = pageName(program, top);
  const subs = descendants(top);
  const out: string[] = [...header(name, meta), '.SH NAME', `${text(name)} \\- ${text(help.commandDescription(top))}`];
  out.push('.SH SYNOPSIS');
  out.push([top, ...subs].filter(runs).map((c) => terms(help.commandUsage(c))).join('\n.br\n'));
  out.push('.SH DESCRIPTION');
  out.push(...commandBody(top, false));
  for (const cmd of subs) {
    out.push(`.SH ${macroArg(commandPath(cmd).toUpperCase())}`, terms(help.commandUsage(cmd)), '.PP');
    out.push(...commandBody(cmd, true));
  }
  out.push('.SH GLOBAL OPTIONS', `These go before or after the command, e.g. \\fB${text(program.name())} \\-\\-db\\fP \\fIFILE\\fP \\fB${text(commandPath(top))}\\fP.`);
  out.push(...options(help, help.visibleOptions(program).filter((o) => !isHelpOption(program, o.long))));
  out.push(...exitStatus());
  out.push('.SH SEE ALSO', `\\fB${text(program.name())}\\fP(1)`);
  return { name, file: `${name}.1`, roff: out.join('\n') + '\n' };
}

/** A command's description, arguments, options and examples (its subcommands get their own sections). */
function commandBody(cmd: Command, sub: boolean): string[] {
  const help = cmd.createHelp();
  const out: string[] = [paragraph(help.commandDescription(cmd))];
  const after = afterHelp(cmd);
  for (const p of after.paragraphs) out.push('.PP', paragraph(p));
  const subs = commands(cmd);
  if (subs.length) {
    out.push(sub ? '.SS Commands' : '.SH COMMANDS');
    for (const s of subs) out.push('.TP', terms(help.commandUsage(s)), paragraph(help.subcommandDescription(s)));
  }
  const args = cmd.registeredArguments;
  const opts = help.visibleOptions(cmd);
  // a subcommand's parts are subsections of its section
  const sectionOrNot = (title: string) => (sub ? `.SS ${macroArg(title)}` : `.SH ${heading(title)}`);
  if (args.length) {
    out.push(sectionOrNot('Arguments'));
    for (const a of args) out.push('.TP', `\\fI${text(help.argumentTerm(a))}\\fP`, paragraph(help.argumentDescription(a) || ''));
  }
  if (opts.length) out.push(sectionOrNot('Options'), ...options(help, opts));
  for (const section of after.sections) out.push(sectionOrNot(section.title), preformatted(section.lines));
  if (after.examples.length) out.push(sectionOrNot('Examples'), preformatted(after.examples));
  return out;
}

function isHelpOption(cmd: Command, long: string | undefined): boolean {
  const h = (cmd as unknown as { _getHelpOption(): { long?: string } | null })._getHelpOption();
  return long !== undefined && h?.long === long;
}

function header(name: string, meta: ManMeta): string[] {
  return [
    `.\\" Generated by scripts/build.mjs from the command tree (src/man/roff.ts); do not edit.`,
    `.TH ${macroArg(name.toUpperCase())} 1 ${macroArg(meta.date)} ${macroArg(`refer ${meta.version}`)} "refer manual"`,
    '.nh',
    '.ad l',
  ];
}

function options(help: Help, opts: ReturnType<Help['visibleOptions']>): string[] {
  return opts.flatMap((o) => ['.TP', terms(help.optionTerm(o)), paragraph(help.optionDescription(o))]);
}

function exitStatus(): string[] {
  return ['.SH EXIT STATUS', ...EXIT_MEANINGS.flatMap(([code, meaning]) => ['.TP', `\\fB${code}\\fP`, text(meaning)])];
}

/** What `addHelpText('after', …)` adds to a command's help, split into its parts. */
function afterHelp(cmd: Command): { paragraphs: string[]; sections: Array<{ title: string; lines: string[] }>; examples: string[] } {
  let written = '';
  (cmd as unknown as EventEmitter).emit('afterHelp', { error: false, command: cmd, write: (s: string) => (written += s) });
  const paragraphs: string[] = [];
  const sections: Array<{ title: string; lines: string[] }> = [];
  const examples: string[] = [];
  let current: string[] | undefined;
  for (const line of written.split('\n')) {
    const title = /^(\S[^:]*):\s*$/.exec(line)?.[1];
    if (title !== undefined) {
      if (/^examples?$/i.test(title)) current = examples;
      else sections.push({ title, lines: (current = []) });
    } else if (/^\s/.test(line) && current) {
      current.push(current === examples ? line.trim() : line.replace(/^ {2}/, ''));
    } else if (line.trim() === '') {
      current = undefined;
    } else if (/^exit codes:/i.test(line)) {
      // the EXIT STATUS section says it, from the same list (src/errors.ts)
      current = undefined;
    } else {
      current = undefined;
      paragraphs.push(line);
    }
  }
  return { paragraphs, sections, examples };
}

// ---- roff

/** Text for a line of roff: backslashes and hyphens escaped, no control character at the start. */
export function text(s: string): string {
  const escaped = s.replace(/\\/g, '\\e').replace(/-/g, '\\-');
  return /^[.']/.test(escaped) ? `\\&${escaped}` : escaped;
}

/** A filled paragraph: one input line per source line; a `code span` in bold. */
function paragraph(s: string): string {
  return s
    .split('\n')
    .map((l) => (l.trim() === '' ? '.sp' : text(l).replace(/`([^`]+)`/g, '\\fB$1\\fP')))
    .join('\n');
}

/** Lines kept as they are (the examples, the playbook), indented. */
function preformatted(lines: string[]): string {
  return ['.RS 4', '.nf', ...lines.map((l) => text(l)), '.fi', '.RE'].join('\n');
}

/** An argument of a macro (.TH, .SH, .SS): quoted, quotes inside escaped. */
function macroArg(s: string): string {
  return `"${text(s).replace(/"/g, '\\(dq')}"`;
}

function heading(s: string): string {
  return macroArg(s.toUpperCase());
}

/** `refer relation add [options] <name>`, `-o, --output <file>`: the words in bold, the placeholders in italics. */
function terms(usage: string): string {
  return usage
    .split(' ')
    .map((w) => (/^[[<]/.test(w) ? `\\fI${text(w)}\\fP` : `\\fB${text(w)}\\fP`))
    .join(' ');
}
