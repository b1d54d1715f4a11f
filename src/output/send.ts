// The ask out of the terminal: onto the clipboard, into an unsent e-mail draft (.eml) or the mail
// client (mailto:), or the relation's LinkedIn profile in the browser. Output decides at the
// output: the ask command hands over the texts and addresses, and knows nothing of how they leave.
// Each library loads only when its flag is used.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';

/** The lines a script's subject may start with, in every language of the templates. */
const SUBJECT = /^\s*(?:subject|onderwerp|betreff|emne)\s*:\s*(.*)$/i;

/**
 * An e-mail script as subject and body: the subject is the template's first line ("Subject: …",
 * in any language), the body what follows it. A script without a subject line keeps its first
 * line as the subject and its whole text as the body.
 */
export function splitSubject(script: string): { subject: string; body: string } {
  const lines = script.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first === -1) return { subject: '', body: '' };
  const match = SUBJECT.exec(lines[first]!);
  if (match) return { subject: match[1]!.trim(), body: lines.slice(first + 1).join('\n').replace(/^\n+/, '').trimEnd() + '\n' };
  return { subject: lines[first]!.trim(), body: script.trimEnd() + '\n' };
}

/** An --eml path must be in a folder that exists: checked before anything is stored. */
export function checkEmlPath(file: string): void {
  const folder = dirname(resolve(file));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--eml ${file}: no folder ${folder}`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`--eml ${file} is a folder; name the file to write`);
}

export interface EmailDraft {
  to: string | null;
  subject: string;
  body: string;
  date: Date;
}

/**
 * An unsent draft as RFC 5322 bytes (nodemailer's MailComposer): UTF-8 text, `X-Unsent: 1` so
 * that Outlook opens it as a draft to send, and Thunderbird and Apple Mail as a message to edit.
 */
export async function emlBytes(draft: EmailDraft): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const mail = new MailComposer({
    ...(draft.to ? { to: draft.to } : {}),
    subject: draft.subject,
    text: draft.body,
    date: draft.date,
    textEncoding: 'quoted-printable',
    headers: { 'X-Unsent': '1' },
  });
  return mail.compile().build();
}

export async function writeEml(file: string, draft: EmailDraft): Promise<void> {
  await writeFileAtomic(file, await emlBytes(draft));
}

/** A mailto: URL (RFC 6068) for a draft in the default mail client. */
export function mailtoUrl(draft: Pick<EmailDraft, 'to' | 'subject' | 'body'>): string {
  const enc = (s: string) => encodeURIComponent(s.replace(/\r?\n/g, '\r\n'));
  return `mailto:${draft.to ? encodeURIComponent(draft.to).replace(/%40/g, '@') : ''}?subject=${enc(draft.subject)}&body=${enc(draft.body)}`;
}

/** Puts text on the clipboard; the reason it could not, or null. */
export async function copyToClipboard(text: string): Promise<string | null> {
  try {
    const { default: clipboard } = await import('clipboardy');
    await clipboard.write(text);
    return null;
  } catch (err) {
    return (err as Error).message.split('\n')[0] ?? 'no clipboard';
  }
}

/** Opens a URL (mailto: or https:) with the desktop's opener; the reason it could not, or null. */
export async function openUrl(url: string): Promise<string | null> {
  try {
    const { default: open } = await import('open');
    await open(url);
    return null;
  } catch (err) {
    return (err as Error).message.split('\n')[0] ?? 'no opener';
  }
}

/** What leaves the terminal, and where to. */
export interface AskOut {
  /** --copy: which text goes on the clipboard */
  copy?: 'script' | 'forward';
  /** --eml: the file to write the draft to */
  eml?: string;
  /** --open: the mail client (e-mail) or the relation's profile (LinkedIn) */
  open?: boolean;
}

/** One ask as the outputs need it. */
export interface OutgoingAsk {
  relation: { name: string; id: number; email: string | null; linkedin: string | null };
  channel: string;
  script: string;
  forward: string | null;
  date: Date;
}

interface Reporter {
  info(text: string): void;
  warn(text: string): void;
}

/**
 * Sends the ask where the flags say. None of it can fail the ask (it is stored by then): a missing
 * clipboard or opener is a one-line warning. Writing the .eml is the exception: a file asked for
 * and not written is an error.
 */
export async function sendAskOut(out: Reporter, ask: OutgoingAsk, want: AskOut): Promise<void> {
  const { subject, body } = splitSubject(ask.script);
  const email = { to: ask.relation.email, subject, body, date: ask.date };
  if (want.copy) {
    const text = want.copy === 'forward' ? ask.forward : ask.script;
    if (text === null) out.warn('this ask has no message to forward; nothing copied (--copy script copies the script)');
    else {
      const failed = await copyToClipboard(text);
      if (failed) out.warn(`could not copy to the clipboard: ${failed}`);
      else out.info(`Copied the ${want.copy === 'forward' ? 'message to forward' : 'script'} to the clipboard.`);
    }
  }
  if (want.eml) {
    await writeEml(want.eml, email);
    out.info(`Wrote the draft to ${want.eml}${ask.relation.email ? ` (to ${ask.relation.email})` : ' (no address: refer relation edit ' + ask.relation.id + ' --email ADDRESS adds one)'}.`);
  }
  if (want.open) {
    let url: string | null = null;
    if (ask.channel === 'email') url = mailtoUrl(email);
    else if (ask.channel === 'linkedin') {
      url = ask.relation.linkedin;
      if (url === null) out.warn(`no LinkedIn profile for ${ask.relation.name}: \`refer relation edit ${ask.relation.id} --linkedin URL\` adds one`);
    } else out.warn(`nothing to open for a ${ask.channel} ask: --open opens e-mail and LinkedIn asks`);
    if (url !== null) {
      const failed = await openUrl(url);
      if (failed) out.warn(`could not open ${ask.channel === 'email' ? 'the mail client' : url}: ${failed}`);
      else out.info(ask.channel === 'email' ? 'Opened a draft in your mail client.' : `Opened ${url}.`);
    }
  }
}
