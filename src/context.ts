import type { Readable, Writable } from 'node:stream';
import { type Column, renderTable } from './output/table.js';
import { makeStyle, type Style, wantColor } from './output/color.js';
import type { Db } from './db/open.js';
import { configDir, dataDir, dbPath } from './db/paths.js';
import { CancelError, UsageError } from './errors.js';
import { LANGS, type Lang } from './core/model.js';

export type Env = Record<string, string | undefined>;

export interface Io {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
}

/** The global flags of every command. */
export interface GlobalOptions {
  db?: string;
  json?: boolean;
  color?: boolean;
  input?: boolean;
  lang?: string;
  /** false with --no-pager */
  pager?: boolean;
}

export type Prompts = typeof import('@inquirer/prompts');

/**
 * What every command receives: io, environment, clock, the database (opened on first use) and
 * the prompter (loaded on first use, only where prompting is allowed).
 */
export class Context {
  /** stdout is the pager's input while a listing is paged */
  io: Io;
  readonly env: Env;
  readonly json: boolean;
  readonly tty: boolean;
  readonly style: Style;
  readonly dbPath: string;
  /** the --db flag as given (undefined without it): `refer demo` must tell it from REFER_DB */
  readonly dbFlag: string | undefined;
  readonly langFlag: Lang | undefined;
  private readonly noInput: boolean;
  private readonly pagerFlag: boolean | undefined;
  private paging: { done(): Promise<void> } | undefined;
  private readonly clock: () => Date;
  private handle: Db | undefined;

  constructor(io: Io, env: Env, globals: GlobalOptions, clock: () => Date = () => new Date()) {
    this.io = io;
    this.env = env;
    this.clock = clock;
    this.json = Boolean(globals.json);
    this.tty = Boolean(io.stdout.isTTY);
    this.noInput = globals.input === false;
    this.pagerFlag = globals.pager;
    this.style = makeStyle(wantColor({ flag: globals.color !== false, isTTY: this.tty, env }));
    this.dbPath = dbPath(globals.db, env);
    this.dbFlag = globals.db;
    if (globals.lang !== undefined && !(LANGS as readonly string[]).includes(globals.lang)) {
      throw new UsageError(`--lang must be one of ${LANGS.join(', ')}, got "${globals.lang}"`);
    }
    this.langFlag = globals.lang as Lang | undefined;
  }

  now(): Date {
    return this.clock();
  }

  /** The database, opened (and created, migrated) on first use. */
  async db(): Promise<Db> {
    if (!this.handle) {
      const { openDb } = await import('./db/open.js');
      this.handle = openDb(this.dbPath);
    }
    return this.handle;
  }

  /** The database if it exists already; never creates one (for read-only views of a fresh install). */
  async existingDb(): Promise<Db | undefined> {
    if (this.handle) return this.handle;
    const { existsSync } = await import('node:fs');
    if (!existsSync(this.dbPath)) return undefined;
    return this.db();
  }

  /**
   * Sends what the command prints through the pager, when src/output/pager.ts says this command
   * and this terminal want one. The module loads only on a terminal, without --json.
   */
  async page(command: string): Promise<void> {
    if (!this.tty || this.json || this.pagerFlag === false || this.paging) return;
    const { PAGED_COMMANDS, pagerFor, startPager } = await import('./output/pager.js');
    if (!PAGED_COMMANDS.includes(command)) return;
    const pager = pagerFor({ tty: this.tty, json: this.json, flag: this.pagerFlag, env: this.env });
    if (pager === null) return;
    const paging = startPager(pager, this.io.stdout, this.env);
    this.paging = paging;
    this.io = { ...this.io, stdout: paging.stdout };
  }

  /** Waits for the pager, if any, to be quit. */
  async endPaging(): Promise<void> {
    const paging = this.paging;
    this.paging = undefined;
    await paging?.done();
  }

  close(): void {
    this.handle?.close();
    this.handle = undefined;
  }

  get dataDir(): string {
    return dataDir(this.env);
  }

  get configDir(): string {
    return configDir(this.env);
  }

  /** Prompting is allowed only on a terminal (stdin and stdout), without --no-input or --json. */
  get canPrompt(): boolean {
    return !this.noInput && !this.json && Boolean(this.io.stdin.isTTY) && this.tty;
  }

  /** The prompt library, loaded lazily. Throws a usage error naming `flag` when prompting is not allowed. */
  async prompts(flag: string): Promise<Prompts> {
    if (!this.canPrompt) throw new UsageError(`missing ${flag} (no terminal to ask on, or --no-input)`);
    return import('@inquirer/prompts');
  }

  /** Options for every inquirer prompt: our streams, so tests can drive them. */
  get promptContext(): { input: Readable; output: Writable; clearPromptOnDone: boolean } {
    return { input: this.io.stdin, output: this.io.stdout, clearPromptOnDone: false };
  }

  /** Runs a prompt and turns Ctrl-C into a CancelError (exit 130). */
  async ask<T>(prompt: Promise<T>): Promise<T> {
    try {
      return await prompt;
    } catch (err) {
      if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) throw new CancelError();
      throw err;
    }
  }

  // ---- output: stdout is for data, stderr for everything else ----

  print(text: string): void {
    this.io.stdout.write(text.endsWith('\n') || text === '' ? text : text + '\n');
  }

  printJson(data: unknown): void {
    this.io.stdout.write(JSON.stringify(data, null, 2) + '\n');
  }

  table<T>(rows: T[], columns: Column<T>[]): void {
    this.io.stdout.write(renderTable(rows, columns, { tty: this.tty, style: this.style }));
  }

  /** A hint, progress or confirmation for the human: stderr, never mixed into the data. */
  info(text: string): void {
    this.io.stderr.write(text + '\n');
  }

  warn(text: string): void {
    this.io.stderr.write(this.errStyle.yellow('warning: ') + text + '\n');
  }

  private get errStyle(): Style {
    return makeStyle(wantColor({ flag: true, isTTY: Boolean(this.io.stderr.isTTY), env: this.env }) && this.style.level > 0);
  }
}
