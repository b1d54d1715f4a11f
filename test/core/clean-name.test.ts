import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanName } from '../../src/core/text.js';
import { anyText } from '../property/support.js';

describe('cleanName', () => {
  it('folds white space, turns control characters into spaces, drops bidirectional marks, and composes accents', () => {
    expect(cleanName('  Ada \t Lee\u00a0 ')).toBe('Ada Lee');
    expect(cleanName('Pie\u0000ter\u0085de Groot')).toBe('Pie ter de Groot');
    expect(cleanName('\u200fIlse\u2066 Vermeulen\u202e')).toBe('Ilse Vermeulen');
    expect(cleanName('Rene\u0301e')).toBe('Renée');
    expect(cleanName('Ada  Lee')).toBe('Ada Lee');
    expect(cleanName(' Ada')).toBe('Ada');
  });

  it('leaves a clean name as it is', () => {
    expect(cleanName('Ada Lee (CFO) <ada@lee.example>')).toBe('Ada Lee (CFO) <ada@lee.example>');
  });

  it('gives clean text for any input, and the same text when cleaned again', () => {
    const spaced = fc.string({ unit: fc.constantFrom('a', 'Z', '~', '!', ' ', '  ', '\t', '\n', '\u007f', '\u00a0', 'e\u0301', '\u202e') });
    fc.assert(
      fc.property(fc.oneof(anyText, spaced), (text) => {
        const clean = cleanName(text);
        expect(clean).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]|\s\s|^\s|\s$/);
        expect(clean).toBe(clean.normalize('NFC'));
        expect(cleanName(clean)).toBe(clean);
      }),
      { numRuns: 3000 },
    );
  });
});
