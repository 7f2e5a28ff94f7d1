import { describe, expect, it } from 'vitest';
import { offsetFromDateHeader, siteOrigin } from '../../../lib/clock/date-header-offset';

describe('siteOrigin', () => {
  it('accepts a host or a URL and answers its https origin', () => {
    expect(siteOrigin(' example.com ')).toEqual({ ok: true, value: 'https://example.com' });
    expect(siteOrigin('https://www.example.com/login?x=1')).toEqual({ ok: true, value: 'https://www.example.com' });
  });
  it('refuses plain http, other schemes, and words that are not a host', () => {
    for (const bad of ['', 'http://example.com', 'ftp://example.com', 'chrome://settings', 'hello', 'exa mple.com']) {
      expect(siteOrigin(bad), bad).toMatchObject({ ok: false, problem: { code: 'err_clock_site_invalid' } });
    }
  });
});

describe('offsetFromDateHeader (RFC 9110 §6.6.1 IMF-fixdate)', () => {
  const server = Date.UTC(2024, 4, 1, 12, 0, 0);
  const header = 'Wed, 01 May 2024 12:00:00 GMT';
  it('is zero when the clocks agree (the header truncates to whole seconds)', () => {
    expect(offsetFromDateHeader(header, server + 300, server + 700)).toEqual({ ok: true, value: 0 });
  });
  it('is positive when the local clock is behind, negative when ahead', () => {
    expect(offsetFromDateHeader(header, server - 90_000, server - 89_000)).toEqual({ ok: true, value: 90 });
    expect(offsetFromDateHeader(header, server + 120_000, server + 121_000)).toEqual({ ok: true, value: -120 });
  });
  it('reports a missing or unreadable header', () => {
    expect(offsetFromDateHeader(null, 0, 1)).toMatchObject({ ok: false, problem: { code: 'err_clock_no_date' } });
    expect(offsetFromDateHeader('yesterday', 0, 1)).toMatchObject({ ok: false, problem: { code: 'err_clock_no_date' } });
  });
});
