import { describe, expect, it } from 'vitest';
import { namePattern, REMOVED, scrubJson, scrubText } from '../../src/core/scrub.js';

const scrub = (text: string, ...names: string[]) => scrubText(text, namePattern(names)!);

describe('scrubText', () => {
  it('replaces the whole name in any case and across any white space, but not inside other words', () => {
    expect(scrub('Ask Jan de Vries, then JAN DE\n  VRIES again.', 'Jan de Vries')).toBe(`Ask ${REMOVED}, then ${REMOVED} again.`);
    expect(scrub('Jan, Jansen and Marjan', 'Jan')).toBe(`${REMOVED}, Jansen and Marjan`);
    expect(scrub('Émile Laurent and ÉMILE LAURENT', 'émile laurent')).toBe(`${REMOVED} and ${REMOVED}`);
  });

  it('takes a name with punctuation literally, and the longest of several names first', () => {
    expect(scrub('Call J. (Jo) Smit+ or JX (Jo) Smit+', 'J. (Jo) Smit+')).toBe(`Call ${REMOVED} or JX (Jo) Smit+`);
    expect(scrub('Hi Pieter, about Pieter de Groot', 'Pieter', 'Pieter de Groot')).toBe(`Hi ${REMOVED}, about ${REMOVED}`);
  });

  it('has no pattern for a blank name', () => {
    expect(namePattern(['', '  '])).toBeNull();
  });
});

describe('scrubJson', () => {
  it('scrubs every string and key and keeps the JSON valid, even for a name with quotes', () => {
    const pattern = namePattern(['Anne "Annie" Bos'])!;
    const json = JSON.stringify({ note: 'met Anne "Annie" Bos', list: ['Anne "Annie" Bos', 3], 'Anne "Annie" Bos': true });
    expect(JSON.parse(scrubJson(json, pattern))).toEqual({ note: `met ${REMOVED}`, list: [REMOVED, 3], [REMOVED]: true });
  });

  it('leaves text without the name exactly as stored', () => {
    const json = '{ "a" : 1 }';
    expect(scrubJson(json, namePattern(['Bos'])!)).toBe(json);
  });
});
