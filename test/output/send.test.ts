import { describe, expect, it } from 'vitest';
import { mailtoUrl, splitSubject } from '../../src/output/send.js';

describe('splitSubject', () => {
  it('takes the subject line in any language of the templates, and the rest as the body', () => {
    for (const word of ['Subject', 'Onderwerp', 'Betreff', 'Emne']) {
      expect(splitSubject(`${word}: Een vraag\n\nHi Zoë,\n\nText.\n`)).toEqual({ subject: 'Een vraag', body: 'Hi Zoë,\n\nText.\n' });
    }
  });

  it('without a subject line keeps the first line as subject and the whole text as body', () => {
    expect(splitSubject('Hi Bram,\nA call script.')).toEqual({ subject: 'Hi Bram,', body: 'Hi Bram,\nA call script.\n' });
  });
});

describe('mailtoUrl', () => {
  it('encodes address, subject and body (line ends as CRLF) so that a mail client reads them back', () => {
    const url = new URL(mailtoUrl({ to: 'zoë+ask@example.nl', subject: 'A & B?', body: 'Hi Zoë,\n\n100% yes' }));
    expect(url.protocol).toBe('mailto:');
    expect(decodeURIComponent(url.pathname)).toBe('zoë+ask@example.nl');
    expect(url.searchParams.get('subject')).toBe('A & B?');
    expect(url.searchParams.get('body')).toBe('Hi Zoë,\r\n\r\n100% yes');
  });

  it('leaves the address empty when it is unknown', () => {
    expect(mailtoUrl({ to: null, subject: 's', body: 'b' })).toBe('mailto:?subject=s&body=b');
  });
});
