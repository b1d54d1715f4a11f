// Every `refer …` example of the README and docs/*.md runs, so the pages cannot drift from the
// program: a fenced code block's commands (continuation lines joined, comments stripped), each
// in a sandbox of its own with a fresh demo database, no terminal and no standard input. An
// unknown command or option, a bad choice, a renamed flag, a name the demo does not have or a
// crash fails: every refer the example runs must exit 0 (or 3, a check that found something).
// Where a page shows a session (`$ refer …` and what it printed), the output is compared too.
//
// An example that asks on a terminal (ON_A_TERMINAL) runs on a pseudo-terminal until its first
// question, then Ctrl-C must cancel it (exit 130).
//
// The `refer team` examples run against a fresh database on the test's PostgreSQL server
// (REFER_TEST_PG, from scripts/with-postgres.sh; without it they fail): the pages' server URLs
// (`postgres://ann@db.example.com/sales`) point there, each role they name is a login role of its
// own, and a sandbox whose example needs a team (status, sync, who-knows, stats, leave) joins it
// first, as a rep of its own, so that no example changes what another one sees.
//
// New pages and examples need nothing here. A file an example reads is there: one of FILES, else
// one made by its extension (BY_EXTENSION). One that cannot run here goes in SKIP, with the reason.
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram, main } from '../../src/cli.js';
import { commandPath, descendants } from '../../src/man/roff.js';
import { BIN, referOk } from '../support/bin.js';
import { KEYS, referPty } from '../support/pty.js';
import { addRep, teamServer, type TeamServer } from '../support/team.js';
import { type Example, extractExamples, words } from './extract.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() } as never;
/** The pages' examples, then those of every command's help (which the man pages show too). */
const EXAMPLES = [
  ...PAGES.flatMap((page) => extractExamples(readFileSync(join(ROOT, page), 'utf8'), page)),
  ...helpExamples(buildProgram(io, {})),
];

function helpExamples(program: Command): Example[] {
  return [program, ...descendants(program)].flatMap((cmd) => {
    let written = '';
    (cmd as unknown as NodeJS.EventEmitter).emit('afterHelp', { error: false, command: cmd, write: (s: string) => (written += s) });
    const where = `refer ${commandPath(cmd)} --help`.replace('  ', ' ');
    return written
      .split('\n')
      .filter((l) => /^\s+\$ /.test(l))
      .map((l) => ({ where, command: l.trim().slice(2), prelude: [], context: '' }));
  });
}

/**
 * Examples that ask on a terminal (without one they stop with exit 2), by their command as
 * extracted, with what they ask. An entry whose example is gone fails the suite.
 */
const ON_A_TERMINAL: Record<string, string> = {
  'refer init': 'the set-up wizard',
  'refer ask': 'without a relation, the ask step by step',
  'refer forget "Wouter Claes"': 'whether to erase (elsewhere --force)',
  'refer forget relation 3': 'whether to erase (elsewhere --force)',
};

/** Commands all of whose examples ask on a terminal. */
const ON_A_TERMINAL_COMMANDS: Record<string, string> = {
  playbook: 'the guided walk (test/e2e/playbook.test.ts walks it through)',
};

/**
 * Examples that cannot run here, by their command as extracted, with the reason (none yet). An
 * entry whose example is gone fails the suite, so the list stays short and true.
 */
const SKIP: Record<string, string> = {};

/** Commands none of whose examples run here, with the reason (none yet). */
const SKIP_COMMANDS: Record<string, string> = {};

/**
 * Sessions whose command runs but whose output cannot be shown here, by their command as
 * extracted, with the reason. An entry whose session is gone fails the suite.
 */
const OUTPUT_NOT_COMPARED: Record<string, string> = {
  'refer team who-knows "Carla Ruiz"': "it shows teammates' connections (Ann Peeters's, Bob Maas's) that the demo has no teammates for",
  'refer team who-knows Nordwind --json': 'it shows teammates the demo has none of, and elides the list (…)',
};

/**
 * The files examples name, put in each sandbox's working folder (`~/` is the sandbox's home):
 * invented people only.
 */
const FILES: Record<string, string> = {
  'people.csv': readFileSync(join(ROOT, 'test/fixtures/plain/contacts.csv'), 'utf8'),
  'Connections.csv': readFileSync(join(ROOT, 'test/fixtures/linkedin/current-with-notes.csv'), 'utf8'),
  '~/Downloads/Connections.csv': readFileSync(join(ROOT, 'test/fixtures/linkedin/current-with-notes.csv'), 'utf8'),
  'prospects.csv': readFileSync(join(ROOT, 'test/fixtures/plain/contacts-semicolon.csv'), 'utf8'),
  '~/Downloads/contacts.vcf': readFileSync(join(ROOT, 'test/fixtures/contacts/contacts.vcf'), 'utf8'),
  'clients.vcf': readFileSync(join(ROOT, 'test/fixtures/contacts/contacts.vcf'), 'utf8'),
  'hubspot-contacts.csv': readFileSync(join(ROOT, 'test/fixtures/contacts/hubspot.csv'), 'utf8'),
  // fish makes its completions folder at its first start
  '~/.config/fish/completions/.keep': '',
  'draft.txt':
    'Hi Sanne,\n\nCould you introduce me to Pieter? It would mean a lot to me. Can you send me his phone number?\n\nThanks, Eva\n',
  // and refer-export.json, an export of the demo (made below)
};

/** Any other `NAME.csv`, `.vcf`, `.txt` or `.json` an example names (in its folder or `~/`) is one of these. */
const BY_EXTENSION: Record<string, string> = {
  csv: FILES['people.csv']!,
  vcf: FILES['clients.vcf']!,
  txt: FILES['draft.txt']!,
  // .json: the export of the demo
};

let base: string;
/** the demo database and its export, made once; every example gets its own copy */
let demo: string;
let exported: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'refer-examples-'));
  demo = join(base, 'demo.db');
  exported = join(base, 'refer-export.json');
  const env = { HOME: base, XDG_DATA_HOME: join(base, 'data'), XDG_CONFIG_HOME: join(base, 'config'), PATH: process.env.PATH, TZ: process.env.TZ };
  referOk(['demo', '--db', demo], env);
  referOk(['export', '--db', demo, '-o', exported], env);
});
afterAll(async () => {
  rmSync(base, { recursive: true, force: true });
  await (await teamPromise?.catch(() => undefined))?.server.drop();
});

/** The team server the pages name, and the password of every role made for the examples. */
const PAGE_SERVER = { host: 'db.example.com', port: 5432, db: 'sales' };
const PASSWORD = 'examples-password';
/** A team server URL of a page: `postgres://ROLE@HOST[:PORT]/DATABASE[?OPTIONS]`. */
const TEAM_URL = /postgres(?:ql)?:\/\/([\w.-]+)@([\w.-]+)(?::(\d+))?\/(\w+)/g;

interface Team {
  server: TeamServer;
  /** each role the pages name, its role on the test server */
  roles: Map<string, string>;
}

let teamPromise: Promise<Team> | undefined;
/** the team, once made */
let teamMade: Team | undefined;
/**
 * The team database of the examples, made once: set up by its owner, with a login role for each
 * role of the pages' URLs. The roles of `team setup` examples are the owner's members (they
 * administer it, and setting up again changes nothing); the others are reps.
 */
function team(): Promise<Team> {
  teamPromise ??= (async () => {
    const server = await teamServer();
    const roles = new Map<string, string>();
    const admin = await server.admin();
    const owner = server.role('owner');
    // refer_member belongs to the whole server: made here unless another test file made it
    await admin.query(`DO $$ BEGIN CREATE ROLE refer_member NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    await admin.query(`CREATE ROLE ${owner} LOGIN PASSWORD '${PASSWORD}'`);
    await admin.query(`ALTER DATABASE ${server.db} OWNER TO ${owner}`);
    const ownerUrl = new URL(server.url);
    ownerUrl.username = owner;
    referOk(['team', 'setup', ownerUrl.href], { PATH: process.env.PATH, HOME: base, PGPASSWORD: PASSWORD });
    for (const e of EXAMPLES.filter((x) => commandOf(x.command) === 'team')) {
      for (const [, role] of e.command.matchAll(TEAM_URL)) {
        if (roles.has(role!)) continue;
        const made = server.role(role!);
        roles.set(role!, made);
        if (teamCommandOf(e.command) === 'setup') await admin.query(`CREATE ROLE ${made} LOGIN PASSWORD '${PASSWORD}' IN ROLE ${owner}`);
        else await addRep(server, made, PASSWORD);
      }
    }
    teamMade = { server, roles };
    return teamMade;
  })();
  return teamPromise;
}

/** The team command of a `refer team …` example (`sync`), else undefined. */
function teamCommandOf(command: string): string | undefined {
  if (commandOf(command) !== 'team') return undefined;
  const w = words(command.slice(command.search(/\brefer\b/)));
  return w.slice(w.indexOf('team') + 1).find((x) => !x.startsWith('-'));
}

let reps = 0;
/**
 * A team example's sandbox, ready: the team database made, and joined (and synced) as a rep of
 * its own unless the example sets up or joins itself.
 */
async function teamReady(example: Example, box: Sandbox): Promise<void> {
  const sub = teamCommandOf(example.command);
  if (sub === undefined) return;
  const { server } = await team();
  if (sub === 'setup' || sub === 'join') return;
  const url = await addRep(server, server.role(`rep${++reps}`), PASSWORD);
  const r = await runBin(['team', 'join', url, '--name', `Rep ${reps}`], box.env);
  expect(r.code, `refer team join before the example exited ${r.code}:\n${r.stderr}`).toBe(0);
}

function runBin(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 25_000 }, (err, _stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

/** The pages' server in what refer printed, for the test server. */
function pageServer(output: string): string {
  if (!teamMade) return output;
  const { server, roles } = teamMade;
  let out = output.replaceAll(`${server.host}:${server.port}/${server.db}`, `${PAGE_SERVER.host}:${PAGE_SERVER.port}/${PAGE_SERVER.db}`);
  for (const [page, made] of roles) out = out.replaceAll(made, page);
  return out;
}

interface Sandbox {
  dir: string;
  env: Record<string, string | undefined>;
  /** where the wrapped refer notes each run: exit code, arguments, stderr */
  calls: string;
  /** absolute paths of the examples are moved under this folder */
  root: string;
}

let sandboxes = 0;
function sandbox(example?: Example): Sandbox {
  const dir = join(base, `example-${++sandboxes}`);
  const home = join(dir, 'home');
  const work = join(dir, 'work');
  const calls = join(dir, 'calls');
  for (const d of [home, work, calls, join(dir, 'bin'), join(dir, 'data')]) mkdirSync(d, { recursive: true });
  copyFileSync(demo, join(dir, 'data', 'refer.db'));
  copyFileSync(exported, join(work, 'refer-export.json'));
  for (const [name, content] of Object.entries(FILES)) {
    const path = name.startsWith('~/') ? join(home, name.slice(2)) : join(work, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  for (const word of example ? [...example.prelude, example.command].flatMap(words) : []) {
    const ext = /^(?:~\/)?[\w./-]+\.(csv|vcf|txt|json)$/.exec(word)?.[1];
    if (!ext || word.startsWith('/') || word.includes('..')) continue;
    const path = word.startsWith('~/') ? join(home, word.slice(2)) : join(work, word);
    if (existsSync(path)) continue;
    mkdirSync(dirname(path), { recursive: true });
    if (ext === 'json') copyFileSync(exported, path);
    else writeFileSync(path, BY_EXTENSION[ext]!);
  }
  // `refer` on the PATH: the built bin, noting how each run ended
  writeFileSync(
    join(dir, 'bin', 'refer'),
    `#!/bin/sh
n=$(mktemp "$REFER_CALLS/call.XXXXXX")
${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@" 2>"$n.err"
code=$?
cat "$n.err" >&2
printf '%s\\n' "$code" "$*" > "$n"
exit $code
`,
    { mode: 0o755 },
  );
  const env = {
    HOME: home,
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    REFER_DB: join(dir, 'data', 'refer.db'),
    REFER_CALLS: calls,
    // the password of every role of the team examples
    PGPASSWORD: PASSWORD,
    NO_COLOR: '1',
    // the output a page shows is refer's own, not a pager's
    PAGER: 'cat',
    TZ: process.env.TZ,
    LANG: 'C.UTF-8',
    PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
  };
  return { dir: work, env, calls, root: join(dir, 'root') };
}

/** The first word after refer and its global options: the command. */
function commandOf(command: string): string | undefined {
  const w = words(command.slice(command.search(/\brefer\b/)));
  for (let k = 1; k < w.length; k++) {
    if (w[k] === '--db' || w[k] === '--lang') k++;
    else if (!w[k]!.startsWith('-')) return w[k];
  }
  return undefined;
}

/**
 * The example as it runs in the sandbox: `--db FILE` (the pages' `--db refer/demo.db`, or
 * `/tmp/try.db` that `refer demo --db /tmp/try.db` made) is the demo, but for `refer demo` itself
 * and for a file in your home (`~/restored.db`); any other absolute path (`/media/usb/…`) moves
 * under the sandbox, its folder made, so that no example writes outside it.
 */
function sandboxed(command: string, box: Sandbox): string {
  let out = command;
  if (teamMade) {
    const { server, roles } = teamMade;
    out = out.replace(TEAM_URL, (_, role: string) => `postgres://${roles.get(role) ?? role}@${server.host}:${server.port}/${server.db}`);
  }
  if (commandOf(command) !== 'demo') out = out.replace(/--db\s+(?![~$"'])\S+/g, '--db "$REFER_DB"');
  return out.replace(/(^|[\s=<>"'])\/(?!dev\/)([^\s"';|&)]+)/g, (_, before: string, path: string) => {
    const moved = join(box.root, path);
    mkdirSync(path.endsWith('/') ? moved : dirname(moved), { recursive: true });
    return before + moved + (path.endsWith('/') ? '/' : '');
  });
}

interface Call {
  code: number;
  args: string;
  stderr: string;
}

function runInShell(example: Example, box: Sandbox): Promise<{ code: number | null; stdout: string; stderr: string; calls: Call[] }> {
  const script = [...example.prelude, example.command].map((l) => sandboxed(l, box)).join('\n');
  return new Promise((resolve) => {
    const child = execFile('bash', ['-c', script], { cwd: box.dir, env: box.env, encoding: 'utf8', timeout: 25_000 }, (err, stdout, stderr) => {
      const calls = readdirSync(box.calls)
        .filter((f) => !f.endsWith('.err'))
        .map((f) => {
          const [code, args] = readFileSync(join(box.calls, f), 'utf8').split('\n');
          return { code: Number(code), args: args ?? '', stderr: readFileSync(join(box.calls, `${f}.err`), 'utf8') };
        });
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr, calls });
    });
    child.stdin?.end();
  });
}

/** The arguments of a plain example, as the shell would give them to refer in the sandbox. */
function argsOf(command: string, box: Sandbox): string[] {
  const line = sandboxed(command, box).replaceAll('"$REFER_DB"', JSON.stringify(box.env.REFER_DB));
  return words(line)
    .slice(1)
    .map((w) => (w.startsWith('~/') ? join(box.env.HOME!, w.slice(2)) : w));
}

/** A single refer command without shell syntax (quotes and `~/` aside). */
function plain(example: Example): boolean {
  const unquoted = example.command.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '');
  return example.prelude.length === 0 && /^refer(\s|$)/.test(example.command) && !/[|<>;&`$(){}*?\\]/.test(unquoted);
}

/** When and how a page says its output was captured: "captured 2026-11-25 at 20:00 … 100 columns". */
function capture(context: string): { now?: Date; columns: number } {
  const m = /captured (\d{4})-(\d{2})-(\d{2})(?: at (\d{1,2}):(\d{2}))?/.exec(context);
  const columns = Number(/(\d+) columns/.exec(context)?.[1] ?? 100);
  if (!m) return { columns };
  const [, y, mo, d, h, mi] = m.map(Number) as number[];
  return { now: new Date(y!, mo! - 1, d!, Number.isNaN(h) ? 12 : h!, Number.isNaN(mi) ? 0 : mi!), columns };
}

/**
 * refer in-process, on a terminal of `columns` or in a pipe; standard input is never a terminal,
 * so nothing prompts.
 */
async function runIn(args: string[], env: Record<string, string | undefined>, opts: { columns?: number; now?: Date } = {}) {
  const { columns, now } = opts;
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  stdin.end();
  if (columns !== undefined) Object.assign(stdout, { isTTY: true, columns });
  const code = await main(args, { stdin, stdout, stderr }, env, now ? () => now : undefined);
  return { code, stdout: out, stderr: err };
}

/** The output without what differs from day to day when the page does not say when it was captured. */
function normalised(s: string, exact: boolean): string {
  const t = s
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\s+$/, '');
  if (exact) return t;
  return t
    .replace(/\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b/g, 'DAY')
    .replace(/\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/g, 'MONTH')
    .replace(/\d+/g, 'N');
}

describe('the examples of the README and docs/', () => {
  it('are found on every page that has code blocks, and every skipped one still exists', () => {
    expect(EXAMPLES.length).toBeGreaterThan(50);
    for (const page of ['README.md', 'docs/getting-started.md', 'docs/ask.md']) expect(EXAMPLES.some((e) => e.where.startsWith(`${page}:`)), page).toBe(true);
    for (const listed of [...Object.keys(SKIP), ...Object.keys(ON_A_TERMINAL)]) expect(EXAMPLES.map((e) => e.command), `"${listed}" is listed`).toContain(listed);
    for (const listed of Object.keys(OUTPUT_NOT_COMPARED)) expect(EXAMPLES.filter((e) => e.output !== undefined).map((e) => e.command), `"${listed}" is listed`).toContain(listed);
  });

  const onATerminal = (e: Example) => e.command in ON_A_TERMINAL || commandOf(e.command)! in ON_A_TERMINAL_COMMANDS;
  const runnable = EXAMPLES.filter((e) => !(e.command in SKIP) && !(commandOf(e.command)! in SKIP_COMMANDS) && !onATerminal(e));

  describe.concurrent('ask on a terminal, and Ctrl-C cancels them', () => {
    // each command once (`refer init` is on five pages), named with every place it is on
    const byCommand = new Map<string, Example[]>();
    for (const e of EXAMPLES.filter(onATerminal)) byCommand.set(e.command, [...(byCommand.get(e.command) ?? []), e]);
    for (const [command, places] of byCommand) {
      const example = places[0]!;
      it(`${command} (${places.map((e) => e.where).join(', ')})`, async () => {
        expect(plain(example), 'an example for a terminal is a plain refer command').toBe(true);
        const box = sandbox(example);
        const args = argsOf(example.command, box);
        const pty = referPty(args, { env: box.env, cwd: box.dir, deadlineMs: 25_000 });
        try {
          // inquirer's questions start with "?"
          await pty.waitFor(/^\? /m, 20_000);
          pty.write(KEYS.ctrlC);
          const { code, output } = await pty.exit();
          expect(output).not.toMatch(/^error: (?!.*[Cc]ancel)/m);
          expect(code, output).toBe(130);
        } finally {
          pty.kill();
        }
      });
    }
  });

  // A plain command runs in-process (much cheaper than a shell and a Node each), one at a time,
  // for it runs in the sandbox's folder; one with shell syntax runs in bash with the built bin.
  const commandsOnly = runnable.filter((e) => e.output === undefined);
  describe('run on a fresh demo database (plain commands)', () => {
    for (const example of commandsOnly.filter(plain)) {
      it(`${example.where}: ${example.command}`, async () => {
        const box = sandbox(example);
        await teamReady(example, box);
        const args = argsOf(example.command, box);
        const cwd = process.cwd();
        process.chdir(box.dir);
        try {
          const r = await runIn(args, box.env);
          expect([0, 3], `refer ${args.join(' ')} exited ${r.code}:\n${r.stderr}`).toContain(r.code);
        } finally {
          process.chdir(cwd);
        }
      });
    }
  });

  describe.concurrent('run on a fresh demo database (with shell syntax)', () => {
    for (const example of commandsOnly.filter((e) => !plain(e))) {
      it(`${example.where}: ${example.command}`, async () => {
        const box = sandbox(example);
        await teamReady(example, box);
        const r = await runInShell(example, box);
        expect(r.calls.length, `refer never ran: ${r.stderr}`).toBeGreaterThan(0);
        for (const call of r.calls) {
          expect([0, 3], `refer ${call.args} exited ${call.code}:\n${call.stderr}`).toContain(call.code);
        }
      });
    }
  });

  describe('show the output refer prints', () => {
    const demos = new Map<string, string>();
    for (const example of runnable.filter((e) => e.output !== undefined)) {
      it(`${example.where}: ${example.command}`, async () => {
        const { now, columns } = capture(example.context);
        expect(example.command, 'a shown session runs plain refer commands').not.toMatch(/[|<>;&`]|\$\(/);
        const box = sandbox(example);
        // the demo of the day the page was captured on (its dates count back from that day)
        const key = now?.toISOString() ?? 'now';
        if (!demos.has(key)) {
          const db = join(base, `demo-${demos.size}.db`);
          const made = await runIn(['demo', '--db', db], box.env, { columns, now });
          expect(made.code, made.stderr).toBe(0);
          demos.set(key, db);
        }
        cpSync(demos.get(key)!, box.env.REFER_DB!);
        await teamReady(example, box);
        const args = words(sandboxed(example.command, box).replace('"$REFER_DB"', box.env.REFER_DB!)).slice(1);
        const r = await runIn(args, box.env, { columns, now });
        expect([0, 3], r.stderr).toContain(r.code);
        if (example.command in OUTPUT_NOT_COMPARED) return;
        expect(normalised(pageServer(r.stdout + r.stderr), now !== undefined)).toBe(normalised(example.output!, now !== undefined));
      });
    }
  });
});
