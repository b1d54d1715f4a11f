// The `refer …` examples of a Markdown page: what the example test runs (test/docs/examples.test.ts).

export interface Example {
  /** the page and line the example starts on: `docs/ask.md:12` */
  where: string;
  /** the command line: continuation lines joined, the comment stripped */
  command: string;
  /** the block's earlier lines that set a shell variable, run before it (`dir="$(refer templates path)"`) */
  prelude: string[];
  /** the output the page shows for it (a `$ refer …` line followed by output), else undefined */
  output?: string;
  /** the paragraph before the block (where a page says when and how the output was captured) */
  context: string;
}

/** A word of a command line that runs refer (at the start, after `&&`, `|`, `;`, `(` or in `$(…)`). */
const RUNS_REFER = /(^|[;&|(]\s*|\$\(\s*)refer(\s|$)/;

/** Every example in `markdown`'s fenced code blocks that runs refer. */
export function extractExamples(markdown: string, page: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  let i = 0;
  while (i < lines.length) {
    const fence = /^(\s*)(```+|~~~+)\s*([\w-]*)/.exec(lines[i]!);
    if (!fence) {
      i++;
      continue;
    }
    const context = paragraphBefore(lines, i);
    const close = fence[2]!;
    const body: Array<{ n: number; text: string }> = [];
    i++;
    while (i < lines.length && lines[i]!.trim() !== close) body.push({ n: i + 1, text: lines[i++]! });
    i++;
    const info = fence[3]!.toLowerCase();
    if (body.some((l) => l.text.startsWith('$ '))) examples.push(...session(body, page, context));
    else if (['', 'sh', 'bash', 'shell', 'console', 'zsh'].includes(info)) examples.push(...script(body, page, context));
  }
  return examples;
}

/** A block of commands: one per line, `\` continues a line. */
function script(body: Array<{ n: number; text: string }>, page: string, context: string): Example[] {
  const out: Example[] = [];
  const prelude: string[] = [];
  for (let j = 0; j < body.length; j++) {
    const start = body[j]!.n;
    let line = body[j]!.text;
    while (/\\\s*$/.test(line) && j + 1 < body.length) line = line.replace(/\\\s*$/, ' ') + body[++j]!.text.trimStart();
    const command = stripComment(line).trim();
    if (command === '') continue;
    if (RUNS_REFER.test(command)) out.push({ where: `${page}:${start}`, command, prelude: [...prelude], context });
    if (/^\w+=/.test(command)) prelude.push(command);
  }
  return out;
}

/** A terminal session: `$ command` lines, each followed by its output. */
function session(body: Array<{ n: number; text: string }>, page: string, context: string): Example[] {
  const out: Example[] = [];
  for (let j = 0; j < body.length; j++) {
    const l = body[j]!;
    if (!l.text.startsWith('$ ')) continue;
    const command = stripComment(l.text.slice(2)).trim();
    const shown: string[] = [];
    while (j + 1 < body.length && !body[j + 1]!.text.startsWith('$ ')) shown.push(body[++j]!.text);
    if (!RUNS_REFER.test(command)) continue;
    const output = shown.join('\n').replace(/\s+$/, '');
    out.push({ where: `${page}:${l.n}`, command, prelude: [], context, ...(output ? { output } : {}) });
  }
  return out;
}

/** The line without its `# comment` (a `#` that starts a word, outside quotes). */
export function stripComment(line: string): string {
  let quote: string | undefined;
  for (let k = 0; k < line.length; k++) {
    const c = line[k]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') k++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') k++;
    else if (c === '#' && (k === 0 || /\s/.test(line[k - 1]!))) return line.slice(0, k);
  }
  return line;
}

/** The words of a command line as a shell splits them (quotes, no expansion). */
export function words(command: string): string[] {
  return [...command.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) => m[1]?.replace(/\\(.)/g, '$1') ?? m[2] ?? m[3]!);
}

function paragraphBefore(lines: string[], fence: number): string {
  let k = fence - 1;
  while (k >= 0 && lines[k]!.trim() === '') k--;
  const para: string[] = [];
  while (k >= 0 && lines[k]!.trim() !== '' && !/^(```|~~~)/.test(lines[k]!.trim())) para.unshift(lines[k--]!);
  return para.join(' ');
}
