/**
 * Clock drift from a web server's `Date` response header (RFC 9110 §6.6.1: the origin's time when
 * it generated the response, as an IMF-fixdate, one-second resolution). The request's round trip is
 * split in half: the server's clock is compared with the local time midway between sending and
 * receiving. Only used when the user turns it on and names a site (issue 6).
 */
import { fail, ok, type Result } from '../result';

const ERR_CLOCK_SITE_INVALID = 'err_clock_site_invalid';
const ERR_CLOCK_NO_DATE = 'err_clock_no_date';

/**
 * The `https://` origin of what the user typed ("example.com", "https://example.com/login").
 * Plain `http:` is refused: an attacker on the network could fake the header.
 */
export function siteOrigin(input: string): Result<string> {
  const text = input.trim();
  if (!text) return fail(ERR_CLOCK_SITE_INVALID);
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return fail(ERR_CLOCK_SITE_INVALID);
  }
  if (url.protocol !== 'https:' || (!url.hostname.includes('.') && url.hostname !== 'localhost')) return fail(ERR_CLOCK_SITE_INVALID);
  return ok(url.origin);
}

/**
 * Seconds to add to the local clock to match the server's (positive: the local clock is behind),
 * rounded to whole seconds. `sentAt` and `receivedAt` are local times (ms) around the request.
 */
export function offsetFromDateHeader(dateHeader: string | null, sentAt: number, receivedAt: number): Result<number> {
  const serverMs = dateHeader ? Date.parse(dateHeader) : NaN;
  if (!Number.isFinite(serverMs)) return fail(ERR_CLOCK_NO_DATE);
  // The header has whole seconds, truncated: the server's true time was within [serverMs, serverMs + 1000).
  const localMs = (sentAt + receivedAt) / 2;
  return ok(Math.round((serverMs + 500 - localMs) / 1000));
}
