// Progress on long work (a large import, compacting a large database): one line on stderr that
// rewrites itself, on a terminal only, and only once the work is long enough to need it. A pipe,
// a log file or a cron job sees nothing of it.
import type { Writable } from 'node:stream';

/** An import shows its progress from this many rows on: a few thousand read in well under a second. */
export const PROGRESS_FROM_ROWS = 5000;
const EVERY_MS = 100;

export interface Progress {
  /** the count so far (rows read); shown when it reaches `from`, then at most every 100 ms */
  update(count: number): void;
  /** clears the line */
  done(): void;
}

const NONE: Progress = { update() {}, done() {} };

export function progress(stderr: Writable & { isTTY?: boolean }, label: (count: number) => string, opts: { from?: number } = {}): Progress {
  if (!stderr.isTTY) return NONE;
  const from = opts.from ?? 0;
  let shown = false;
  let last = 0;
  const draw = (count: number) => {
    stderr.write(`\r\x1b[2K${label(count)}`);
    shown = true;
  };
  return {
    update(count) {
      if (count < from) return;
      const now = Date.now();
      if (shown && now - last < EVERY_MS) return;
      last = now;
      draw(count);
    },
    done() {
      if (shown) stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}
