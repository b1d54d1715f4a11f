import { describe, expect, it } from 'vitest';
import { CHANNEL_LIMITS, lintDraft } from '../../src/core/lint.js';

const rules = (text: string, opts?: Parameters<typeof lintDraft>[1]) => lintDraft(text, opts).map((f) => f.rule);

// A good ask, so that each test below changes one thing.
const GOOD_EN = `Hi Lotte,

Do you think Anna de Vries would be helped by a calmer planning week?
May I mention your name when I contact her on LinkedIn? I am not asking for her phone number.`;

describe('lintDraft', () => {
  it('passes a referee-centred draft', () => {
    expect(lintDraft(GOOD_EN, { channel: 'email', lang: 'en', referees: ['Anna de Vries'] })).toEqual([]);
  });

  it.each([
    'It would mean a lot to me if you could help.',
    'Can you introduce me to Anna de Vries? It would help Anna too.',
    'Could you please introduce me to your network, so they are helped?',
    'Would you do me a favour? Anna would benefit.',
    'Het zou van grote waarde voor me zijn. Anna zou er ook mee geholpen zijn.',
    'Kun je me voorstellen aan Anna? Zij zou er waarde aan hebben.',
    'Zou je me willen introduceren bij Anna? Het helpt haar vast.',
    'Het zou veel voor me betekenen. Anna is er ook mee geholpen.',
    'Doe me een plezier en breng me in contact met Anna, die er baat bij heeft.',
  ])('flags me-centred wording: %s', (text) => {
    const findings = lintDraft(text);
    expect(findings.map((f) => f.rule)).toContain('me-centred');
    expect(findings.find((f) => f.rule === 'me-centred')?.suggestion).toMatch(/referee/);
  });

  it('finds a me-centred phrase split over two lines and reports the line it starts on', () => {
    const findings = lintDraft('Hi Lotte,\n\nAnna would be helped. Could you\nintroduce me to her?');
    expect(findings).toEqual([expect.objectContaining({ rule: 'me-centred', line: 3 })]);
  });

  it.each([
    ['Could you send me her phone number?', 'en'],
    ['Do you have their e-mail address for me?', 'en'],
    ['Would you share his contact details?', 'en'],
    ['Heb je niet toevallig zijn telefoonnummer?', 'nl'],
    ['Kun je me haar 06-nummer sturen?', 'nl'],
    ['Wil je zijn e-mailadres doorsturen?', 'nl'],
  ] as const)('flags asking for contact details: %s', (ask, lang) => {
    const text = `Would Anna be helped by this? Zou Anna er iets aan hebben?\n${ask}`;
    expect(lintDraft(text, { lang })).toEqual([expect.objectContaining({ rule: 'asks-contact-details', line: 2 })]);
  });

  it.each([
    'I am not asking for phone numbers or e-mail addresses.',
    "I won't ask for her e-mail address.",
    'No phone numbers or e-mail addresses needed.',
    'Ik vraag je niet om telefoonnummers of e-mailadressen.',
    'Je hoeft geen e-mailadres te geven.',
  ])('does not flag a sentence that rules contact details out: %s', (text) => {
    expect(rules(`Would Anna be helped by this? ${text}`)).toEqual([]);
  });

  it('flags a draft that names none of the chosen referees, and accepts a first name', () => {
    const draft = 'Would people in your network be helped by a calmer planning week?';
    expect(lintDraft(draft, { referees: ['Anna de Vries', 'Bart Hendriks'] })).toEqual([
      expect.objectContaining({ rule: 'no-referee', line: 1, message: expect.stringContaining('Anna de Vries, Bart Hendriks') }),
    ]);
    expect(rules('Would Bart be helped by a calmer planning week?', { referees: ['Anna de Vries', 'Bart Hendriks'] })).toEqual([]);
    // a name inside another word does not count
    expect(rules('Would Bartholomew be helped by it?', { referees: ['Bart Hendriks'] })).toEqual(['no-referee']);
  });

  it('leaves the referee rule off when no referees are given', () => {
    expect(rules('Would people in your network be helped by this?')).toEqual([]);
  });

  it('flags a draft that says nothing about how the referee would be helped, in both languages', () => {
    expect(rules('Hi Lotte, may I mention your name when I contact Anna?')).toEqual(['no-referee-value']);
    expect(rules('Hoi Lotte, mag ik je naam noemen als ik Anna benader?', { lang: 'nl' })).toEqual(['no-referee-value']);
    expect(rules('Zou dat voor Anna van waarde zijn?')).toEqual([]);
    expect(rules('Denk je dat Anna er iets aan heeft?')).toEqual([]);
  });

  it('does not count help for the rep as value for the referee', () => {
    expect(rules('Could you help me out with Anna?')).toEqual(['me-centred', 'no-referee-value']);
    expect(rules('Dat zou van waarde voor mij zijn.')).toEqual(['no-referee-value']);
  });

  it('flags a LinkedIn message over the limit on the line where the limit is passed, and only on LinkedIn', () => {
    const limit = CHANNEL_LIMITS.linkedin ?? 0;
    const line = `${'Would Anna be helped? '.repeat(9)}\n`; // 199 characters with the line break
    const text = line.repeat(Math.ceil((limit + 1) / line.length));
    const findings = lintDraft(text, { channel: 'linkedin' });
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'too-long', line: Math.floor(limit / line.length) + 1, message: expect.stringContaining(String(limit)) }),
    ]);
    expect(lintDraft(text, { channel: 'email' })).toEqual([]);
    expect(lintDraft(text.slice(0, limit), { channel: 'linkedin' })).toEqual([]);
  });

  it('sorts findings by line', () => {
    const findings = lintDraft('Send me her phone number please.\nIt would mean a lot to me.');
    expect(findings.map((f) => [f.line, f.rule])).toEqual([
      [1, 'asks-contact-details'],
      [1, 'no-referee-value'],
      [2, 'me-centred'],
    ]);
  });
});
