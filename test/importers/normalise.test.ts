import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseUrl, parseDate, parseSize } from '../../src/importers/normalise.js';

describe('cell values', () => {
  it.each([
    ['12 Mar 2024', '2024-03-12'],
    ['4/11/18, 9:32 AM', '2018-04-11'],
    ['4/11/2018 21:32:05', '2018-04-11'],
    ['9-Apr-24', '2024-04-09'],
    ['1-Jan-00', '2000-01-01'],
    ['2024-03-12', '2024-03-12'],
    ['12 March 2024', '2024-03-12'],
    ['Mar 12, 2024', '2024-03-12'],
    ['31 Feb 2024', null],
    ['#VALUE!', null],
    ['', null],
  ])('reads the date %j as %j', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each([
    ['120', 120],
    ['1.200', 1200],
    ['1,200', 1200],
    ['51-200', 126],
    ['201 – 500 employees', 351],
    ['10,001+', 10001],
    ['1.5', null],
    ['many', null],
    ['', null],
  ])('reads the size %j as %j', (text, size) => {
    expect(parseSize(text)).toBe(size);
  });

  it.each([
    ['https://www.linkedin.com/in/ada-lee/', 'https://www.linkedin.com/in/ada-lee'],
    ['HTTPS://WWW.LINKEDIN.COM/in/Ada-Lee?trk=people#x', 'https://www.linkedin.com/in/Ada-Lee'],
    ['linkedin.com/in/ada-lee', 'https://linkedin.com/in/ada-lee'],
    ['n/a', null],
    ['javascript://alert(1)', null],
    ['', null],
  ])('normalises the URL %j to %j', (text, url) => {
    expect(normaliseUrl(text)).toBe(url);
  });

  it('reads "day month year" dates as date-fns does', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'mar', 'MAY'];
    const text = fc
      .tuple(fc.integer({ min: 0, max: 40 }), fc.boolean(), fc.constantFrom(...months), fc.integer({ min: 0, max: 12000 }), fc.boolean())
      .map(([day, zero, month, year, pad]) => `${zero ? String(day).padStart(2, '0') : day} ${month} ${pad ? String(year).padStart(4, '0') : year}`);
    const dateFns = (t: string) => {
      const date = parse(t, 'd MMM yyyy', new Date(2050, 0, 1));
      return isValid(date) ? format(date, 'yyyy-MM-dd') : null;
    };
    expect(parseDate('1 Jan 2024')).toBe('2024-01-01');
    fc.assert(
      fc.property(text, (t) => {
        expect(parseDate(t)).toBe(dateFns(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('normalises LinkedIn-like URLs as the URL parser does', () => {
    const segment = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '_', '.', '%', 'é', '~'), minLength: 1, maxLength: 8 });
    const text = fc
      .tuple(
        fc.constantFrom('https://', 'http://', 'HTTPS://', ''),
        fc.constantFrom('www.linkedin.com', 'linkedin.com', 'nl.linkedin.com', 'WWW.LinkedIn.com', 'xn--a.linkedin.com', 'linkedin.com.', '1.2.3'),
        fc.array(segment, { maxLength: 3 }),
        fc.constantFrom('', '/', '//', '?trk=x', '#top'),
      )
      .map(([scheme, host, path, tail]) => `${scheme}${host}${path.map((p) => `/${p}`).join('')}${tail}`);
    const urlParser = (t: string) => {
      let url: URL;
      try {
        url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(t) ? t : `https://${t}`);
      } catch {
        return null;
      }
      return url.hostname.includes('.') ? `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}` : null;
    };
    fc.assert(
      fc.property(text, (t) => {
        expect(normaliseUrl(t)).toBe(urlParser(t));
      }),
      { numRuns: 3000 },
    );
  });
});
