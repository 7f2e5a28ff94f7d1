/**
 * The host permission a WebDAV folder needs: its scheme and host name, any port. Match patterns
 * carry no port in Firefox (MDN, "Match patterns"), and in Chrome a pattern without one matches
 * every port, so the one pattern works in both. `wxt.config.ts` lists what may be asked for.
 */
export function originPermission(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}/*`;
}
