import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replaceFile, writeFileAtomic } from '../../src/output/atomic.js';
import { FailureError } from '../../src/errors.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'refer-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces a file with mode 0600, whatever its mode was, leaving nothing else behind', async () => {
    const file = join(dir, 'out.json');
    writeFileSync(file, 'old', { mode: 0o644 });
    await writeFileAtomic(file, 'new content');
    expect(readFileSync(file, 'utf8')).toBe('new content');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('explains a target that is a folder, and leaves it alone', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    await expect(writeFileAtomic(folder, 'x')).rejects.toThrow(new FailureError(`cannot write ${folder}: it is a folder; pass a file name`));
    expect(readdirSync(dir)).toEqual(['folder']);
  });
});

describe('replaceFile', () => {
  it('leaves the target untouched and removes the temporary file when filling it fails', async () => {
    const file = join(dir, 'copy.db');
    writeFileSync(file, 'the old copy');
    const boom = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_FULL' });
    await expect(
      replaceFile(file, (tmp) => {
        writeFileSync(tmp, 'half a cop');
        throw boom;
      }),
    ).rejects.toThrow(/no room to write .*copy\.db: the disk is full .*; .*copy\.db is unchanged/);
    expect(readFileSync(file, 'utf8')).toBe('the old copy');
    expect(readdirSync(dir)).toEqual(['copy.db']);
  });
});
