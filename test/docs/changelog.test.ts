// CHANGELOG.md (Keep a Changelog) has a section for the version in package.json, and
// `refer --version` prints that version.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { refer } from '../support/bin.js';
import { sandbox } from '../support/run.js';

const changelog = readFileSync(new URL('../../CHANGELOG.md', import.meta.url), 'utf8');
const versions = [...changelog.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)].map((m) => ({ version: m[1]!, date: m[2] }));

describe('the changelog and the version', () => {
  it('has Unreleased first, then the version of package.json as the newest release, each with its date', () => {
    expect(versions[0]?.version).toBe('Unreleased');
    expect(versions[1]?.version).toBe(pkg.version);
    for (const v of versions.slice(1)) expect(v.date, v.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // every section lists its changes under Keep a Changelog's headings
    for (const heading of changelog.matchAll(/^### (.*)$/gm)) expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(heading[1]);
  });

  it('refer --version and -V print the version of package.json', async () => {
    const s = sandbox();
    try {
      for (const flag of ['--version', '-V']) {
        const r = await s.run([flag]);
        expect(r.code).toBe(0);
        expect(r.stdout).toBe(`${pkg.version}\n`);
      }
      expect(refer(['--version'], s.env).stdout).toBe(`${pkg.version}\n`);
    } finally {
      s.cleanup();
    }
  });
});
