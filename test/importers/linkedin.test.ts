import { describe, expect, it } from 'vitest';
import { parseConnectionsFile } from '../../src/importers/index.js';
import { fixture, row } from './fixtures.js';

const url = (slug: string) => `https://www.linkedin.com/in/${slug}-fict`;

/** The people of current-with-notes.csv, on their lines in that file. */
const CURRENT = [
  row(6, 'Maartje Verbeek', { title: 'CFO', company: 'Kroonhof Logistiek', linkedin: url('maartje-verbeek'), connectedOn: '2024-03-12' }),
  row(7, 'Jérôme Lefèvre', {
    title: 'Head of Finance',
    company: 'Vandermeer, Bosch & Partners',
    linkedin: url('jerome-lefevre'),
    email: 'jerome.lefevre@example.org',
    connectedOn: '2024-02-03',
  }),
  row(8, 'Søren Kjærgaard', { title: 'Chief Executive Officer', company: 'Nordlys Fragt ApS', linkedin: url('soren-kjaergaard'), connectedOn: '2024-01-28' }),
  row(10, 'Paweł Wiśniewski', { title: 'Operations Director', company: 'Wisła Cargo Sp. z o.o.', linkedin: url('pawel-wisniewski'), connectedOn: '2023-12-09' }),
  row(11, 'Ayşe Şahin', { title: 'Eigenaar', company: 'Boğaz Trading', linkedin: url('ayse-sahin'), connectedOn: '2023-11-30' }),
  row(12, '李 明', { title: 'VP Supply Chain', company: 'Dragon Gate Imports', linkedin: url('li-ming'), email: 'li.ming@example.com', connectedOn: '2023-11-01' }),
  row(13, 'Tobias van den Akker', {
    title: 'Projectmanager',
    company: 'Akker Bouw, Installatie en Onderhoud',
    linkedin: url('tobias-vdakker'),
    connectedOn: '2023-10-17',
  }),
  row(14, 'Noor El Amrani', { title: 'Senior Associate', company: 'Zuidas Advocaten', linkedin: url('noor-elamrani'), connectedOn: '2023-10-02' }),
  row(15, 'Femke Hoekstra', { title: 'Oprichter', company: 'Hoekstra Koeltransport', linkedin: url('femke-hoekstra'), connectedOn: '2023-09-21' }),
];
const WITHOUT_PREAMBLE = CURRENT.map((r) => ({ ...r, line: r.line - 4 }));

describe("LinkedIn's Connections.csv", () => {
  it('reads the current layout after its Notes preamble, skipping the member without a name', () => {
    expect(parseConnectionsFile(fixture('linkedin/current-with-notes.csv'))).toEqual({
      format: 'linkedin',
      rows: CURRENT,
      skipped: 1,
      errors: [],
    });
  });

  it('reads the current layout without the preamble', () => {
    expect(parseConnectionsFile(fixture('linkedin/current.csv'))).toEqual({
      format: 'linkedin',
      rows: WITHOUT_PREAMBLE,
      skipped: 1,
      errors: [],
    });
  });

  it('maps columns by name: another order, another case, an extra column', () => {
    expect(parseConnectionsFile(fixture('linkedin/reordered.csv'))).toEqual({
      format: 'linkedin',
      rows: WITHOUT_PREAMBLE,
      skipped: 1,
      errors: [],
    });
  });

  it('reads the older layout without URL and with "4/11/18, 9:32 AM" dates', () => {
    expect(parseConnectionsFile(fixture('linkedin/older-2018.csv'))).toEqual({
      format: 'linkedin',
      rows: [
        row(2, 'Hendrik Brouwer', { title: 'Managing Director', company: 'Brouwer & Zonen Expeditie', connectedOn: '2018-04-11' }),
        row(3, 'Lærke Østergaard', {
          title: 'CFO',
          company: 'Fjord Shipping, Aarhus',
          email: 'laerke.ostergaard@example.dk',
          connectedOn: '2018-03-02',
        }),
        row(5, 'Zofia Kowalczyk', { title: 'Finance Manager', company: 'Łódź Freight', connectedOn: '2017-12-31' }),
        row(6, 'Émile Dubois', { title: 'Directeur Financier', company: 'Dubois, Martin et Fils', connectedOn: '2017-11-05' }),
        row(7, 'Kemal Yıldız', { title: 'Owner', company: 'Anadolu Lojistik', connectedOn: '2017-10-09' }),
        row(8, 'Ingrid de Graaf', { title: 'Head of Operations', company: 'Graaf Koel- en Vriestransport', connectedOn: '2017-09-14' }),
        row(9, 'Bram Pieters', { title: 'Eigenaar', company: 'Pieters Verhuizingen', email: 'bram@example.nl', connectedOn: '2017-08-01' }),
        row(10, '王 芳', { title: 'Chief Financial Officer', company: 'Silk Road Cargo', connectedOn: '2017-07-07' }),
      ],
      skipped: 1,
      errors: [],
    });
  });

  it('reads a spreadsheet re-save: "9-Apr-24" dates, a quoted line break, trailing empty records', () => {
    const result = parseConnectionsFile(fixture('linkedin/resaved.csv'));
    expect(result.rows.map((r) => [r.line, r.name, r.title, r.company, r.connectedOn])).toEqual([
      [2, 'Sanne Mulder', 'CFO', 'Mulder Distributie', '2024-04-09'],
      [3, 'Dirk Jansen', 'Director Finance', 'Jansen, de Wit & Co', '2024-02-23'],
      [5, 'Marek Dvořák', 'Head of Sales Benelux', 'Vltava Transit', '2023-12-05'],
      // an unreadable date keeps the row
      [7, 'Ilse Smit', 'Owner', 'Smit Havenlogistiek', null],
      [8, 'Ömer Çelik', 'Operations Manager', 'Çelik Nakliyat', '2023-09-30'],
      [9, 'Anouk Visser', 'Financieel Directeur', 'Visser Koeriers', '2023-08-14'],
      [10, 'Jakob Lindqvist', 'COO', 'Nordic Reefer AB', '2023-07-01'],
    ]);
    expect(result.skipped).toBe(1);
    expect(result.errors).toEqual([]);
  });

  it.each([
    ['a UTF-8 BOM', (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['a BOM in a string', (text: string) => `\uFEFF${text}`],
    ['CRLF line ends', (text: string) => text.replaceAll('\n', '\r\n')],
    ['a BOM and CRLF', (text: string) => Buffer.from(`\uFEFF${text.replaceAll('\n', '\r\n')}`)],
    ['old Mac CR line ends', (text: string) => text.replaceAll('\n', '\r')],
  ])('reads the same rows from a file with %s', (_, variant) => {
    const result = parseConnectionsFile(variant(fixture('linkedin/current-with-notes.csv').toString('utf8')));
    expect(result.rows).toEqual(CURRENT);
    expect(result.skipped).toBe(1);
  });

  it('cleans names, URLs and e-mail addresses', () => {
    const file = [
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      '\u202BNadia\u202C,"  Haddad\t ",HTTP://NL.LinkedIn.com/in/nadia-haddad-fict/?trk=x#top,mailto:nadia@example.org,  Haddad   Holding ,\u200ECFO\u200F,1 May 2024',
      'Rik,\u0007Bos,n/a,not an email,,,',
    ].join('\n');
    expect(parseConnectionsFile(file).rows).toEqual([
      row(2, 'Nadia Haddad', {
        title: 'CFO',
        company: 'Haddad Holding',
        linkedin: 'http://nl.linkedin.com/in/nadia-haddad-fict',
        email: 'nadia@example.org',
        connectedOn: '2024-05-01',
      }),
      row(3, 'Rik Bos'),
    ]);
  });
});
