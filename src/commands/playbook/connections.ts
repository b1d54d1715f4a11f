// Step 2 of the playbook: the 5-10 people in the relation's network to ask about. They come from
// the connections already imported (best ICP fit first), from a file, or typed in; the ticked
// ones become the shortlist, stored at once.
import { readFile } from 'node:fs/promises';
import type { Connection, Relation } from '../../core/model.js';
import { countConnections, importConnections, insertConnection, setShortlist, shortlistOf } from '../../db/repos/connections.js';
import { UsageError } from '../../errors.js';
import { parseConnectionsFile } from '../../importers/index.js';
import { connectionChoices } from '../connection/choices.js';
import { shortlistWarning } from '../connection/pick.js';
import type { Session } from './session.js';

type Action = 'keep' | 'pick' | 'import' | 'type';

export async function connectionsStep(s: Session, relation: Relation): Promise<void> {
  const { ctx, prompts } = s;
  for (;;) {
    const count = countConnections(s.db, relation.id);
    const shortlist = shortlistOf(s.db, relation.id, 'name');
    const choices: Array<{ value: Action; name: string }> = [];
    if (shortlist.length && !shortlistWarning(shortlist.length)) {
      choices.push({ value: 'keep', name: `Keep the shortlist: ${shortlist.map((c) => c.name).join(', ')}` });
    }
    if (count) choices.push({ value: 'pick', name: `Pick from ${relation.name}'s ${count} connection${count === 1 ? '' : 's'}, best ICP fit first` });
    choices.push({ value: 'import', name: "Import a file: LinkedIn's Connections.csv, or a CSV with a name column" });
    choices.push({ value: 'type', name: 'Type them in: name, title, company' });
    const action = await ctx.ask(prompts.select<Action>({ message: `Whom in ${relation.name}'s network would you like to meet?`, choices }, ctx.promptContext));
    if (action === 'keep') return;
    if (action === 'import') await importFile(s, relation);
    if (action === 'type') await typeIn(s, relation);
    if (countConnections(s.db, relation.id) === 0) continue;

    const picked = await pickConnections(s, relation);
    const warning = shortlistWarning(picked.length);
    if (!warning) return;
    ctx.warn(warning);
    const goOn = await ctx.ask(prompts.confirm({ message: `Go on with ${picked.length}?`, default: false }, ctx.promptContext));
    if (goOn) return;
  }
}

/** The relation's connections, best ICP fit first, the shortlist ticked; the ticked ones are stored as the shortlist. */
export async function pickConnections(s: Session, relation: Relation): Promise<Connection[]> {
  const { ctx, db, prompts } = s;
  const picked = await ctx.ask(
    prompts.checkbox(
      {
        message: 'Tick 5-10 people who fit your ICP (space ticks, a ticks all, enter saves)',
        pageSize: 12,
        required: true,
        choices: connectionChoices(db, relation.id, { shortlistFirst: false }),
      },
      ctx.promptContext,
    ),
  );
  setShortlist(db, relation.id, picked.map((c) => c.id), ctx.now());
  ctx.print(`Shortlist of ${relation.name} saved: ${picked.map((c) => c.name).join(', ')}.`);
  return picked;
}

/** Imports a file as `refer connection import` does; a file that cannot be read is a warning, and the menu comes back. */
async function importFile(s: Session, relation: Relation): Promise<void> {
  const { ctx, db, prompts } = s;
  const typed = await ctx.ask(prompts.input({ message: 'Path of the file', required: true }, ctx.promptContext));
  // No shell expands ~ in an answer; people type it anyway.
  const file = typed.trim().replace(/^~(?=\/|$)/, ctx.env.HOME ?? '~');
  try {
    const parsed = parseConnectionsFile(await readFile(file), { fileName: file });
    const counts = importConnections(db, relation.id, parsed.rows, parsed.format === 'linkedin' ? 'linkedin' : 'csv', ctx.now());
    ctx.print(`Imported ${counts.imported} new connection${counts.imported === 1 ? '' : 's'} from ${file}; ${counts.updated} updated, ${counts.unchanged} unchanged, ${parsed.skipped} skipped (no name).`);
    for (const e of parsed.errors) ctx.warn(`line ${e.line}: ${e.reason}`);
  } catch (err) {
    if (err instanceof UsageError) return ctx.warn(err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') return ctx.warn(`cannot read ${file} (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : 'permission denied'})`);
    throw err;
  }
}

async function typeIn(s: Session, relation: Relation): Promise<void> {
  const { ctx, db, prompts } = s;
  const c = ctx.promptContext;
  ctx.print(ctx.style.dim('One person at a time; an empty name ends the list.'));
  for (;;) {
    const name = (await ctx.ask(prompts.input({ message: 'Name' }, c))).trim();
    if (!name) return;
    const title = (await ctx.ask(prompts.input({ message: `${name}'s title or role` }, c))).trim() || null;
    const company = (await ctx.ask(prompts.input({ message: `${name}'s company` }, c))).trim() || null;
    const fields = { name, title, company, industry: null, size: null, location: null, linkedin: null, email: null, connectedOn: null };
    const id = insertConnection(db, relation.id, fields, 'manual', ctx.now());
    ctx.print(`Added connection ${id} ${name}.`);
  }
}
