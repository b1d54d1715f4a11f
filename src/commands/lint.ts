import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Context } from '../context.js';
import { type Finding, lintDraft } from '../core/lint.js';
import type { Channel } from '../core/model.js';
import { FailureError, FoundError, UsageError } from '../errors.js';

async function readStream(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readDraft(ctx: Context, file: string | undefined): Promise<{ label: string; text: string }> {
  if (file === undefined || file === '-') {
    if (ctx.io.stdin.isTTY) ctx.info(ctx.style.dim('Paste or type the draft, then press Ctrl-D on a line of its own.'));
    return { label: '<stdin>', text: await readStream(ctx.io.stdin) };
  }
  try {
    return { label: file, text: await readFile(file, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`cannot read ${file}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`cannot read ${file}: it is a folder, not a draft`);
    throw new FailureError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

function printFindings(ctx: Context, label: string, findings: Finding[]): void {
  const { style } = ctx;
  for (const f of findings) {
    ctx.print(`${label}:${f.line}: ${style.yellow(f.rule)}: ${f.message}`);
    ctx.print(`  ${style.dim('suggestion:')} ${f.suggestion}`);
  }
}

export default async function lint(ctx: Context, [file]: string[], opts: { channel?: Channel; referee?: string[] }): Promise<void> {
  const { label, text } = await readDraft(ctx, file);
  const findings = lintDraft(text.replace(/^\uFEFF/, ''), { channel: opts.channel, lang: ctx.langFlag, referees: opts.referee });
  if (ctx.json) ctx.printJson({ findings });
  else if (findings.length === 0) ctx.info(`${label}: no findings.`);
  else printFindings(ctx, label, findings);
  if (findings.length > 0) throw new FoundError(`${findings.length} finding${findings.length === 1 ? '' : 's'} in ${label}`);
}
