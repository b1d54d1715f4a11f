import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { buildTemplateVars, TEMPLATE_VARIABLES } from '../../src/templates/variables.js';
import { askInput, CONNECTIONS } from './fixtures.js';

describe('buildTemplateVars', () => {
  it('builds first names, the joined connection names and the follow-up text in the script language', () => {
    const en = buildTemplateVars({ ...askInput('en'), lang: 'en' });
    expect(en.rep.firstName).toBe('Jan');
    expect(en.relation).toEqual({ name: 'Lotte van Dijk', firstName: 'Lotte', company: 'Noordhaven Logistics' });
    expect(en.connectionNames).toBe('Anna de Vries, Bart Hendriks, Carla Smit, Dirk Mulder and Eva Jacobs');
    expect(en.severalConnections).toBe(true);
    expect(en.followUp).toEqual({ date: 'Thursday 3 December', text: 'Thursday 3 December at 10:00', minutes: 15 });
    expect(en.moment?.date).toBe('12 November 2026');
    const nl = buildTemplateVars({ ...askInput('nl'), lang: 'nl', followUpMinutes: 20 });
    expect(nl.connectionNames).toBe('Anna de Vries, Bart Hendriks, Carla Smit, Dirk Mulder en Eva Jacobs');
    expect(nl.followUp).toEqual({ date: 'donderdag 3 december', text: 'donderdag 3 december om 10:00', minutes: 20 });
  });

  it('leaves the time out of a follow-up booked for a day', () => {
    const vars = buildTemplateVars({ ...askInput('en'), lang: 'en', followUpAt: new Date(2026, 11, 3) });
    expect(vars.followUp.text).toBe('Thursday 3 December');
  });

  it('drops the quote marks the rep typed and ends the moment with punctuation', () => {
    const moment = (text: string) => buildTemplateVars({ ...askInput('en', { moment: { text, occurredAt: '2026-11-12T11:00:00Z' } }), lang: 'en' }).moment?.text;
    expect(moment('"Best decision we made this year"')).toBe('Best decision we made this year.');
    expect(moment('“Finally calm!”')).toBe('Finally calm!');
    expect(buildTemplateVars({ ...askInput('en', { moment: { text: '  ', occurredAt: '2026-11-12' } }), lang: 'en' }).moment).toBeUndefined();
  });

  it('drops the closing full stop of the value, which templates follow with their own punctuation', () => {
    const vars = buildTemplateVars({ ...askInput('en'), lang: 'en', profile: { name: 'Jan Peeters', company: null, offer: 'planning', value: 'calm weeks. ' } });
    expect(vars.rep).toEqual({ name: 'Jan Peeters', firstName: 'Jan', company: undefined, offer: 'planning', value: 'calm weeks' });
  });

  it.each(['name', 'offer', 'value'] as const)('asks for the missing profile %s with the flag that sets it', (field) => {
    const profile = { name: 'Jan Peeters', company: 'Planwise', offer: 'planning', value: 'calm weeks', [field]: null };
    expect(() => buildTemplateVars({ ...askInput('en'), lang: 'en', profile })).toThrow(UsageError);
    expect(() => buildTemplateVars({ ...askInput('en'), lang: 'en', profile })).toThrow(`--${field}`);
  });
});

describe('connectionNames', () => {
  it.each([
    ['en', 'en-GB'],
    ['nl', 'nl'],
  ] as const)('joins any number of names as Intl.ListFormat does for %s', (lang, locale) => {
    const intl = new Intl.ListFormat(locale, { type: 'conjunction' });
    const people = [...CONNECTIONS, { name: 'Frank, Jr.' }];
    for (let n = 0; n <= people.length; n++) {
      const connections = people.slice(0, n);
      expect(buildTemplateVars({ ...askInput(lang, { connections }), lang }).connectionNames).toBe(intl.format(connections.map((c) => c.name)));
    }
  });
});

describe('TEMPLATE_VARIABLES', () => {
  it('lists every variable, list fields included, with a description', () => {
    const names = TEMPLATE_VARIABLES.map((v) => v.name);
    expect(names).toEqual(
      expect.arrayContaining(['rep.value', 'relation.firstName', 'moment.text', 'connections[].title', 'connectionNames', 'followUp.text', 'forwardMessage', 'lang']),
    );
    expect(TEMPLATE_VARIABLES.every((v) => v.description.length > 0)).toBe(true);
  });
});
