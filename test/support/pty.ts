// A pseudo-terminal driver for interactive tests: runs a program with a real terminal as its
// stdin and stdout (so prompts behave as for a person), lets the test type keys and wait for
// text on the screen, and never hangs: every wait has a timeout, and the whole run has a
// deadline after which the program is killed.
//
// The terminal comes from python3's pty module (present wherever util-linux `script` is, and
// it lets us set the window size before the program starts). Keys written here reach the
// program through the terminal's line discipline: Ctrl-C (\x03) is a real interrupt.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { stripVTControlCharacters } from 'node:util';
import { BIN } from './bin.js';

/** Keys as a terminal sends them. */
export const KEYS = {
  enter: '\r',
  space: ' ',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  backspace: '\x7f',
  tab: '\t',
  escape: '\x1b',
  ctrlC: '\x03',
  ctrlD: '\x04',
} as const;

export interface PtyOptions {
  env: Record<string, string | undefined>;
  cwd?: string;
  cols?: number;
  rows?: number;
  /** the whole run is killed after this (default 30 s) */
  deadlineMs?: number;
}

export interface PtyExit {
  /** the exit code (128 + n when killed by signal n) */
  code: number;
  /** the whole screen output, as for text() */
  output: string;
}

export interface Pty {
  /** everything the program printed so far, without colours and cursor movement, \r\n as \n */
  text(): string;
  /** the raw bytes the program printed so far (escape sequences included), as text */
  raw(): string;
  /** types keys (see KEYS), as a person would */
  write(keys: string): void;
  /**
   * Waits until the output printed since the last match contains `pattern`, then moves past it,
   * so that the next wait only sees newer output (an expect-style cursor). Rejects after
   * `timeoutMs` (default 10 s) or when the program ends first, showing the end of the screen.
   */
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Waits for the program to end (default 15 s, then it is killed and the wait rejects). */
  exit(timeoutMs?: number): Promise<PtyExit>;
  /** Ends the program now (safe to call more than once, and after it ended). */
  kill(): void;
}

// The relay: forks the program onto a new pty (window size set in the child before exec),
// copies our stdin to the pty and the pty to our stdout, and exits with the program's code.
// Our stdin closing does not close the terminal; SIGTERM kills the program.
const RELAY = String.raw`
import fcntl, os, pty, select, signal, struct, sys, termios
cols, rows, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    os.execvp(argv[0], argv)
def stop(*_):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os._exit(137)
signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGHUP, stop)
reading = True
while True:
    fds = [fd, 0] if reading else [fd]
    ready, _, _ = select.select(fds, [], [])
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b''
        if not data:
            break
        os.write(1, data)
    if reading and 0 in ready:
        data = os.read(0, 65536)
        if data:
            os.write(fd, data)
        else:
            reading = False
_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
`;

const clean = (s: string) => stripVTControlCharacters(s).replace(/\r\n?/g, '\n');

/** Runs `command args…` on a fresh pseudo-terminal. */
export function spawnPty(command: string, args: string[], opts: PtyOptions): Pty {
  const cols = opts.cols ?? 120;
  const rows = opts.rows ?? 40;
  const child: ChildProcessWithoutNullStreams = spawn('python3', ['-c', RELAY, String(cols), String(rows), command, ...args], {
    env: { TERM: 'xterm-256color', ...opts.env, COLUMNS: String(cols), LINES: String(rows) },
    cwd: opts.cwd,
    stdio: 'pipe',
  });
  let raw = '';
  let cursor = 0; // index into text() where the next waitFor starts looking
  let exited: PtyExit | undefined;
  let spawnError: Error | undefined;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());

  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    raw += d;
    notify();
  });
  // The relay itself only writes to stderr when it fails (python3 missing a module, a bad exec).
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    raw += d;
    notify();
  });
  child.on('error', (err) => {
    spawnError = err;
    notify();
  });
  child.on('close', (code, signal) => {
    exited = { code: code ?? 128 + (signal ? constants.signals[signal] : 0), output: clean(raw) };
    clearTimeout(deadline);
    notify();
  });
  // Writing to a relay that already ended must not crash the test run.
  child.stdin.on('error', () => {});

  const kill = () => {
    if (exited || child.exitCode !== null) return;
    child.kill('SIGTERM');
    setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, 2000).unref();
  };
  const deadline = setTimeout(kill, opts.deadlineMs ?? 30_000);
  deadline.unref();

  const tail = () => {
    const t = clean(raw);
    return t.length > 1500 ? '…' + t.slice(-1500) : t;
  };

  /** Resolves when `check` returns a value; rejects on timeout or when the program ends without it. */
  const until = <T>(check: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const done = (fn: () => void) => {
        listeners.delete(poll);
        clearTimeout(timer);
        fn();
      };
      const poll = () => {
        if (spawnError) return done(() => reject(spawnError));
        const value = check();
        if (value !== undefined) return done(() => resolve(value));
        if (exited) done(() => reject(new Error(`the program ended (exit ${exited!.code}) before ${what}; screen:\n${tail()}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; screen:\n${tail()}`))), timeoutMs);
      listeners.add(poll);
      poll();
    });

  return {
    text: () => clean(raw),
    raw: () => raw,
    write(keys) {
      if (!exited) child.stdin.write(keys);
    },
    waitFor(pattern, timeoutMs = 10_000) {
      return until(
        () => {
          const t = clean(raw);
          const rest = t.slice(cursor);
          if (typeof pattern === 'string') {
            const at = rest.indexOf(pattern);
            if (at === -1) return undefined;
            cursor += at + pattern.length;
            return pattern;
          }
          const m = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(rest);
          if (!m) return undefined;
          cursor += m.index + m[0].length;
          return m[0];
        },
        timeoutMs,
        JSON.stringify(String(pattern)),
      );
    },
    async exit(timeoutMs = 15_000) {
      try {
        return await until(() => exited, timeoutMs, 'the program to end');
      } catch (err) {
        kill();
        throw err;
      }
    },
    kill,
  };
}

/** Runs the built bin (`npm run build` first) on a pseudo-terminal. */
export function referPty(args: string[], opts: PtyOptions): Pty {
  return spawnPty(process.execPath, [BIN, ...args], opts);
}
