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
});
