import { describe, expect, it } from 'vitest';
import { parseConnectionsFile } from '../../src/importers/index.js';
import { detectDelimiter } from '../../src/importers/plain.js';
import { fixture, row } from './fixtures.js';

describe('plain CSV with a header', () => {
  it('reads every column, with head counts and URLs normalised', () => {
    expect(parseConnectionsFile(fixture('plain/contacts.csv'))).toEqual({
      format: 'csv',
      rows: [
        row(2, 'Lotte Bakker', {
          title: 'CFO',
          company: 'Bakker Wegtransport',
          industry: 'Logistics',
          size: 120,
          location: 'Rotterdam, Netherlands',
          linkedin: 'https://www.linkedin.com/in/lotte-bakker-fict',
          email: 'lotte@example.nl',
        }),
        row(3, 'Gérard Lambert', {
          title: 'Directeur Général',
          company: 'Lambert, Frères & Cie',
          industry: 'Transportation/Trucking/Railroad',
          size: 126, // the middle of the band 51-200
          location: 'Liège, Belgium',
          linkedin: 'https://www.linkedin.com/in/gerard-lambert-fict',
        }),
        row(4, 'Kasia Nowak', {
          title: 'Finance Manager',
          company: 'Vistula Parcel',
          industry: 'Logistics & Supply Chain',
          size: 1200,
          location: 'Poland',
          email: 'kasia.nowak@example.pl',
        }),
        row(6, 'Jens Madsen', {
          title: 'Head of Finance',
          company: 'Øresund Freight',
          industry: 'Maritime',
          size: 300,
          location: 'Copenhagen, Denmark',
          linkedin: 'https://dk.linkedin.com/in/jens-madsen-fict',
        }),
        row(7, 'Eline Peeters', { title: 'Zaakvoerder', company: 'Peeters Koeltransport', industry: 'Logistics', location: 'Antwerpen, België' }),
        row(8, 'Yusuf Arslan', {
          title: 'Account Manager',
          company: 'Arslan Gıda',
          industry: 'Food Production',
          size: 10001,
          location: 'İstanbul, Türkiye',
        }),
        row(9, 'Mirjam Kok', { title: 'Office Manager', company: 'Kok Accountants', industry: 'Accounting', size: 12, location: 'De Bilt, Utrecht' }),
      ],
      skipped: 1,
      errors: [],
    });
  });

  it('reads a ";"-separated save of a Dutch spreadsheet, first and last name in two columns', () => {
    const result = parseConnectionsFile(fixture('plain/contacts-semicolon.csv'));
    expect(result.format).toBe('csv');
    expect(result.skipped).toBe(1);
    expect(result.rows).toHaveLength(7);
    expect(result.rows.slice(0, 2)).toEqual([
      row(2, 'Joost Vermeulen', {
        title: 'CFO',
        company: 'Vermeulen Transport, Opslag & Distributie',
        industry: 'Logistiek',
        size: 1200,
        location: 'Noord-Brabant, NL',
        linkedin: 'https://www.linkedin.com/in/joost-vermeulen-fict',
      }),
      row(3, 'Saskia de Boer', {
        title: 'Hoofd Financiën',
        company: 'De Boer; Koel & Vries',
        industry: 'Transport',
        size: 126,
        location: 'Utrecht',
        email: 'saskia@example.nl',
      }),
    ]);
    expect(result.rows.map((r) => r.name)).toEqual([
      'Joost Vermeulen',
      'Saskia de Boer',
      'Łukasz Zieliński',
      'Fleur van Dam',
      'Thijs Kuipers',
      'Marloes Brink',
      'Niels Postma',
    ]);
  });

  it('knows Dutch and alternative header names, in any case', () => {
    const file = 'NAAM,Functie,Bedrijf,Branche,Grootte,Regio,E-mail\nEva Jong,CFO,Jong BV,Logistiek,40,Utrecht,eva@example.nl\n';
    expect(parseConnectionsFile(file).rows).toEqual([
      row(2, 'Eva Jong', { title: 'CFO', company: 'Jong BV', industry: 'Logistiek', size: 40, location: 'Utrecht', email: 'eva@example.nl' }),
    ]);
    const other = 'Full Name\tJob Title\tOrganisation\tCompany Size\tCountry\nOla Berg\tCOO\tBerg AS\t"1 200 employees"\tNorway\n';
    expect(parseConnectionsFile(other).rows).toEqual([
      row(2, 'Ola Berg', { title: 'COO', company: 'Berg AS', size: 1200, location: 'Norway' }),
    ]);
  });

  it('takes the delimiter that occurs most often outside quotes on the header line', () => {
    expect(detectDelimiter('name;title;company')).toBe(';');
    expect(detectDelimiter('"name, full";title')).toBe(';');
    expect(detectDelimiter('name\ttitle\tcompany')).toBe('\t');
    expect(detectDelimiter('name,title;company,size')).toBe(',');
    expect(detectDelimiter('name')).toBe(',');
  });
});
