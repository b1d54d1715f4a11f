import { FailureError } from '../errors.js';

/** Turns SQLite's errors into one clear line (exit 1). Other errors pass through. */
export function explainSqliteError(err: unknown, path: string): unknown {
  if (!(err instanceof Error) || !('code' in err) || typeof err.code !== 'string') return err;
  const code = err.code;
  if (code.startsWith('SQLITE_READONLY')) return new FailureError(`the database ${path} is read-only; check its permissions (nothing was changed)`);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new FailureError(`the database ${path} is busy with another refer command; try again in a moment`);
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return new FailureError(`${path} is not a refer database (not SQLite, or damaged); restore a backup or pass another file with --db`);
  if (code.startsWith('SQLITE_CANTOPEN')) return new FailureError(`cannot open the database ${path}; check that its folder exists and is writable`);
  if (code.startsWith('SQLITE_FULL')) return new FailureError(`the disk is full; nothing was written to ${path}`);
  if (code.startsWith('SQLITE_IOERR')) return new FailureError(`an I/O error occurred on ${path}: ${err.message}`);
  return err;
}
