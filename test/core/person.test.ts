import { describe, expect, it } from 'vitest';
import { foldText, linkedinKey, nameCompanyKey, samePerson } from '../../src/core/person.js';

describe('the same person', () => {
  it('folds case, accents and spacing', () => {
    expect(foldText('  Émile   DE Vries ')).toBe('emile de vries');
    expect(foldText('Søren Ærø')).toBe('søren ærø');
  });

  it('compares LinkedIn addresses as addresses', () => {
    expect(linkedinKey('https://www.linkedin.com/in/anna-x/')).toBe('linkedin.com/in/anna-x');
    expect(linkedinKey('http://nl.linkedin.com/in/Anna-X?trk=a')).toBe('linkedin.com/in/anna-x');
    expect(linkedinKey('  ')).toBeNull();
  });

  it('lets the URL decide when both sides have one', () => {
    const a = { name: 'Anna de Wit', company: 'Acme', linkedin: 'https://www.linkedin.com/in/anna' };
    expect(samePerson(a, { name: 'A. de Wit', company: 'Other', linkedin: 'linkedin.com/in/anna/' })).toBe(true);
    expect(samePerson(a, { name: 'Anna de Wit', company: 'Acme', linkedin: 'https://www.linkedin.com/in/anna-2' })).toBe(false);
  });

  it('then the e-mail address, then name and company', () => {
    expect(samePerson({ name: 'Jo', email: 'Jo@Acme.nl' }, { name: 'Johanna', email: 'jo@acme.nl' })).toBe(true);
    expect(samePerson({ name: 'Jo', email: 'jo@acme.nl' }, { name: 'Jo', email: 'jo@beta.nl' })).toBe(false);
    expect(samePerson({ name: 'Zoë Müller', company: 'Fränk BV' }, { name: 'zoe muller', company: 'FRANK bv', linkedin: 'x' })).toBe(true);
    expect(samePerson({ name: 'Zoë Müller', company: 'Fränk BV' }, { name: 'Zoë Müller', company: null })).toBe(false);
    expect(nameCompanyKey({ name: 'Zoë', company: null })).toBe(nameCompanyKey({ name: 'zoe', company: '' }));
  });
});
