/**
 * Percent-decoding (RFC 3986 §2.1) that never throws: valid UTF-8 runs of `%XX` are decoded, a
 * stray `%` (as in "100%") or an invalid sequence stays as written. With `plusIsSpace`, `+` means a
 * space first, as in query strings (application/x-www-form-urlencoded, WHATWG URL §5.1); in a path
 * (an otpauth label) `+` is a literal plus, so "me+tag@example.com" survives.
 */
export function percentDecode(text: string, plusIsSpace: boolean): string {
  const spaced = plusIsSpace ? text.replace(/\+/g, ' ') : text;
  return spaced.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}
