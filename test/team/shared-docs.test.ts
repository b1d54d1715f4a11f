// docs/team.md's table of what is shared and what never is comes from src/team/shared.ts.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DERIVED, NEVER_SHARED, SHARED, SHARED_REP } from '../../src/team/shared.js';

const DOC = new URL('../../docs/team.md', import.meta.url);
const code = (s: string) => '`' + s + '`';

/** The table as docs/team.md must show it. */
export function sharedTable(): string {
  const lines = ['| what | shared with the team | never leaves your laptop |', '| --- | --- | --- |'];
  lines.push(`| you | ${SHARED_REP.map(code).join(', ')} (the name teammates see) and your role's name | your profile, ICP and playbook progress |`);
  const never = (table: string) =>
    NEVER_SHARED.flatMap((n) => n.local.filter((l) => l.startsWith(table + '.')).map((l) => code(l.slice(table.length + 1)))).join(', ') || '—';
  for (const [table, columns] of Object.entries(SHARED)) {
    const derived = DERIVED[table as keyof typeof SHARED] ?? {};
    const shown = columns.map((c) => (derived[c] ? `${code(c)} (${derived[c]})` : code(c))).join(', ');
    lines.push(`| ${table} | ${shown} | ${never(table)} |`);
  }
  lines.push(`| everything else | — | ${NEVER_SHARED.map((n) => n.what).join(', ')} |`);
  return lines.join('\n');
}

describe('docs/team.md', () => {
  it('shows exactly what src/team/shared.ts shares and never shares', () => {
    const text = readFileSync(DOC, 'utf8');
    const block = /<!-- shared:start[^>]*-->\n([\s\S]*?)\n<!-- shared:end -->/.exec(text);
    expect(block, 'the shared:start / shared:end markers').not.toBeNull();
    expect(block![1]).toBe(sharedTable());
  });
});
