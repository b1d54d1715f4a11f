import { describe, expect, it } from 'vitest';
import { CHANNEL_LIMITS, detectLanguage, lintDraft } from '../../src/core/lint.js';

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

  it.each([
    ['Det ville betyde rigtig meget for mig. Anna ville også have gavn af det.', 'da'],
    ['Kan du introducere mig for Anna? Hun ville have gavn af det.', 'da'],
    ['Gør mig en stor tjeneste og sæt mig i kontakt med Anna, som har gavn af det.', 'da'],
    ['Jeg har brug for flere kunder, og Anna ville have gavn af os.', 'da'],
    ['Es würde mir sehr viel bedeuten. Anna würde auch davon profitieren.', 'de'],
    ['Kannst du mich Anna de Vries vorstellen? Es würde ihr weiterhelfen.', 'de'],
    ['Tu mir einen Gefallen und bring mich mit Anna in Kontakt, die davon profitiert.', 'de'],
    ['Ich brauche mehr Leads. Anna fände das nützlich.', 'de'],
    ['Könnten Sie mich Ihrem Kollegen Bart vorstellen? Er würde davon profitieren.', 'de'],
  ] as const)('flags me-centred Danish and German wording, in the draft\'s language: %s', (text, lang) => {
    const findings = lintDraft(text);
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(['me-centred']));
    expect(findings[0]?.message).toMatch(lang === 'da' ? /sætter dig i centrum/ : /stellt dich in den Mittelpunkt/);
    expect(findings[0]?.suggestion).toMatch(lang === 'da' ? /^Sæt den anbefalede person i centrum.*»Tror du, Anna/ : /^Stell die empfohlene Person.*„Glaubst du/);
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
    ['Kan du ikke sende mig hendes telefonnummer?', 'da'],
    ['Har du ikke lige hans mobilnummer?', 'da'],
    ['Vil du sende mig deres e-mailadresser?', 'da'],
    ['Kannst du mir nicht ihre Handynummer schicken?', 'de'],
    ['Hast du nicht zufällig seine E-Mail-Adresse?', 'de'],
    ['Schick mir bitte ihre Kontaktdaten.', 'de'],
    ['Könnten Sie mir nicht seine Telefonnummer schicken?', 'de'],
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
    'Jeg beder ikke om telefonnumre eller e-mailadresser.',
    'Du skal aldrig give mig kontaktoplysninger.',
    'Ich frage nicht nach Telefonnummern oder E-Mail-Adressen.',
    'Du musst mir keine Kontaktdaten geben.',
    'Ich frage Sie nicht nach Telefonnummern.',
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
    expect(rules('Hej Lotte, må jeg nævne dit navn, når jeg kontakter Anna?')).toEqual(['no-referee-value']);
    expect(rules('Tror du, Anna ville have gavn af det?')).toEqual([]);
    expect(rules('Hallo Lotte, darf ich deinen Namen erwähnen, wenn ich Anna anschreibe?')).toEqual(['no-referee-value']);
    expect(rules('Glaubst du, das würde Anna weiterhelfen?')).toEqual([]);
  });

  it('says its findings in the language of the draft, or in the one asked for', () => {
    const da = lintDraft('Hej Lotte, må jeg nævne dit navn, når jeg kontakter Anna?');
    expect(da).toEqual([expect.objectContaining({ message: 'intet siger, hvordan den anbefalede person ville have gavn af det', suggestion: expect.stringMatching(/^Sig, hvordan/) })]);
    const de = lintDraft('Hallo Lotte, darf ich deinen Namen erwähnen, wenn ich Anna anschreibe?');
    expect(de[0]?.message).toBe('nirgends steht, wie die empfohlene Person davon profitieren würde');
    const nl = lintDraft('Hoi Lotte, mag ik je naam noemen als ik Anna benader?');
    expect(nl[0]?.message).toBe('nergens staat hoe de referee ermee geholpen zou zijn');
    expect(lintDraft('Hoi Lotte, mag ik je naam noemen als ik Anna benader?', { lang: 'en' })[0]?.message).toBe('nothing says how the referee would be helped');
  });

  it.each([
    ['Would Anna be helped by a calmer planning week? I am not asking for her number.', 'en'],
    ['Zou Anna geholpen zijn met een rustigere planningsweek? Ik vraag niet om haar nummer.', 'nl'],
    ['Tror du, at Anna ville have gavn af en roligere uge? Jeg beder ikke om hendes nummer.', 'da'],
    ['Glaubst du, dass Anna eine ruhigere Woche weiterhelfen würde? Ich frage nicht nach ihrer Nummer.', 'de'],
  ] as const)('tells the language of a draft: %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('falls back to the language given when a draft has no common words', () => {
    expect(detectLanguage('Anna? LinkedIn!', 'de')).toBe('de');
  });

  it('does not count help for the rep as value for the referee', () => {
    expect(rules('Could you help me out with Anna?')).toEqual(['me-centred', 'no-referee-value']);
    expect(rules('Dat zou van waarde voor mij zijn.')).toEqual(['no-referee-value']);
    expect(rules('Det ville hjælpe mig.')).toEqual(['me-centred', 'no-referee-value']);
    expect(rules('Das würde mir sehr helfen.')).toEqual(['me-centred', 'no-referee-value']);
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
