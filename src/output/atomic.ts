// Writing a file so that a crash, a full disk or a kill never leaves it half written: the new
// content goes to a temporary file in the same folder (so that the rename stays on one file
// system), is flushed to the disk, and only then renamed over the target. Readers see the old
// file or the whole new one, never a mix.

import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FailureError } from '../errors.js';

/** Every file refer writes holds personal data: owner only. */
export const FILE_MODE = 0o600;

/**
 * Creates an empty temporary file (mode 0600) next to `path`, lets `fill` write it, flushes it
 * and renames it over `path`. On any failure the temporary file is removed, `path` is left as it
 * was, and a FailureError (exit 1) says what went wrong.
 */
export async function replaceFile(path: string, fill: (tmp: string) => Promise<void> | void): Promise<void> {
  const target = resolve(path);
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const existed = existsSync(target);
  try {
    closeSync(openSync(tmp, 'wx', FILE_MODE));
    await fill(tmp);
    flush(tmp);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw explainWriteError(err, path, existed);
  }
  syncFolder(dirname(target));
}

/** Writes `data` to `path` atomically (see replaceFile), mode 0600. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  await replaceFile(path, (tmp) => {
    const fd = openSync(tmp, 'w');
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    } finally {
      closeSync(fd);
    }
  });
}

function flush(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes the rename itself durable. Some file systems cannot sync a folder; the data is safe anyway. */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}

function explainWriteError(err: unknown, path: string, existed: boolean): unknown {
  if (err instanceof FailureError || !(err instanceof Error) || !('code' in err) || typeof err.code !== 'string') return err;
  const untouched = existed ? `${path} is unchanged` : 'nothing was written';
  const code = err.code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG' || code.startsWith('SQLITE_FULL')) {
    return new FailureError(`no room to write ${path}: the disk is full (or a file size limit was reached); ${untouched}`);
  }
  if (code === 'EACCES' || code === 'EPERM') return new FailureError(`cannot write ${path}: permission denied; ${untouched}`);
  if (code === 'EROFS') return new FailureError(`cannot write ${path}: the file system is read-only; ${untouched}`);
  if (code === 'ENOENT') return new FailureError(`cannot write ${path}: the folder ${dirname(path)} does not exist`);
  if (code === 'EISDIR') return new FailureError(`cannot write ${path}: it is a folder; pass a file name`);
  if (code === 'ENOTDIR') return new FailureError(`cannot write ${path}: part of the path is not a folder`);
  return new FailureError(`cannot write ${path}: ${err.message}; ${untouched}`);
}
