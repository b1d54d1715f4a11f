// Hostile text in the variables of a template (names, companies, the rep's value, a moment in
// someone's words) and in a draft given to lint: a result or a usage error, never another
// exception; and a value that looks like template syntax is printed as it is, never run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintDraft, LINT_RULES } from '../../src/core/lint.js';
import { CHANNELS, LANGS } from '../../src/core/model.js';
import { cleanName } from '../../src/core/text.js';
import { getTemplate, listTemplates, renderTemplate } from '../../src/templates/load.js';
import { buildTemplateVars } from '../../src/templates/variables.js';
import { anyText, resultOrUserError } from './support.js';

const dirs = { builtinDir: new URL('../../templates', import.meta.url).pathname, userDir: null };
const templates = listTemplates(dirs).map((t) => getTemplate(t.name, dirs));

/** Text that mixes in Mustache syntax: tags, sections, comments, a change of delimiters. */
const tricky = fc
  .array(fc.oneof(anyText, fc.constantFrom('{{rep.name}}', '{{#connections}}', '{{/connections}}', '{{{', '}}', '{{! note }}', '{{=<% %>=}}', '{{>partial}}', '{{^moment}}', '&<>"\'')), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => parts.join(''));
/** A name as refer stores it: cleaned, not empty. */
const name = tricky.map(cleanName).filter((n) => n !== '');
const maybe = fc.option(tricky, { nil: null });

const input = fc.record({
  lang: fc.constantFrom(...LANGS),
  profile: fc.record({ name: fc.option(name, { nil: null }), company: maybe, offer: maybe, value: maybe }),
  relation: fc.record({ name, company: maybe }),
  moment: fc.option(fc.record({ text: tricky, occurredAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }) }), { nil: null }),
  connections: fc.array(fc.record({ name, title: maybe, company: maybe }), { maxLength: 4 }),
  followUpAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  followUpMinutes: fc.integer({ min: 1, max: 480 }),
  forwardMessage: tricky,
});

describe('the template renderer with arbitrary variable text', () => {
  it('renders every built-in template, printing values that look like template syntax as they are', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const vars = resultOrUserError(() => buildTemplateVars({ ...raw, referee: raw.connections[0] ?? null }));
        if (vars === undefined) return; // a profile without name, offer or value: a usage error
        for (const t of templates) {
          const out = renderTemplate(t, vars);
          expect(typeof out).toBe('string');
          if (t.body.includes('{{relation.name}}')) expect(out, t.name).toContain(vars.relation.name);
          if (t.body.includes('{{rep.name}}')) expect(out, t.name).toContain(vars.rep.name);
        }
      }),
      {
        numRuns: 300,
        // found by this test: a value that is only punctuation ends up empty after its full stop is cut
        examples: [[{ lang: 'en', profile: { name: 'Eva Jansen', company: null, offer: 'route planning', value: '.' }, relation: { name: 'Sanne Visser', company: null }, moment: null, connections: [], followUpAt: new Date('2026-12-01T09:00:00Z'), followUpMinutes: 15, forwardMessage: '' }]],
      },
    );
  });
});

describe('lintDraft with arbitrary drafts', () => {
  it('returns findings with a line inside the draft and a known rule, never an exception', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText, tricky, fc.string({ unit: 'binary', maxLength: 3000 })),
        fc.record({ channel: fc.option(fc.constantFrom(...CHANNELS), { nil: undefined }), lang: fc.option(fc.constantFrom(...LANGS), { nil: undefined }), referees: fc.option(fc.array(tricky, { maxLength: 3 }), { nil: undefined }) }),
        (text, opts) => {
          const findings = lintDraft(text, opts);
          const lines = text.split('\n').length;
          for (const f of findings) {
            expect(LINT_RULES).toContain(f.rule);
            expect(f.line).toBeGreaterThanOrEqual(1);
            expect(f.line).toBeLessThanOrEqual(lines);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
