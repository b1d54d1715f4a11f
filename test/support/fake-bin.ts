// Stand-ins for the desktop's tools (xsel, xdg-open, a pager …): a folder to put first on PATH,
// holding scripts that record how they were called and what they read, so a test can see what
// refer handed to the clipboard, the opener or the pager without a desktop.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FakeBin {
  /** the folder to put first on PATH */
  dir: string;
  /** PATH with the folder first */
  path: string;
  /** what the tool recorded: its arguments on the first line, then what it read on stdin; null if it never ran */
  record(tool: string): { args: string; stdin: string } | null;
  /** waits (up to 5 s) for a tool that runs detached to have recorded its call */
  waitFor(tool: string): Promise<{ args: string; stdin: string }>;
}

/** Creates fake tools in `parent`/fake-bin; each reads stdin only when `readsStdin` names it. */
export function fakeBin(parent: string, tools: string[], opts: { readsStdin?: string[] } = {}): FakeBin {
  const dir = join(parent, 'fake-bin');
  mkdirSync(dir, { recursive: true });
  const file = (tool: string) => join(dir, `${tool}.record`);
  for (const tool of tools) {
    const stdin = opts.readsStdin?.includes(tool) ? `cat >> "${file(tool)}.tmp"` : ': ';
    writeFileSync(
      join(dir, tool),
      `#!/bin/sh\nprintf '%s\\n' "$*" > "${file(tool)}.tmp"\n${stdin}\nmv "${file(tool)}.tmp" "${file(tool)}"\n`,
    );
    chmodSync(join(dir, tool), 0o755);
  }
  const record = (tool: string) => {
    if (!existsSync(file(tool))) return null;
    const text = readFileSync(file(tool), 'utf8');
    const nl = text.indexOf('\n');
    return { args: text.slice(0, nl), stdin: text.slice(nl + 1) };
  };
  return {
    dir,
    path: `${dir}:${process.env.PATH}`,
    record,
    async waitFor(tool) {
      for (let i = 0; i < 100; i++) {
        const r = record(tool);
        if (r) return r;
        await new Promise((done) => setTimeout(done, 50));
      }
      throw new Error(`${tool} was never run`);
    },
  };
}
