/**
 * Who may ask the background for anything: Sesame's own pages (the popup, a popped-out popup in a
 * tab or window, the options page, the offscreen document), and nobody else.
 *
 * - A web page has no `runtime.sendMessage` to us: Sesame declares no `externally_connectable`,
 *   and the background listens to no `onMessageExternal` / `onConnectExternal`.
 * - Another extension has a different `sender.id`.
 * - A script Sesame itself injects into a tab (the fill agent, the scan probe, the area overlay)
 *   runs with our extension id but with the page's URL and origin: it lives inside a page we do
 *   not trust, so it is refused like the page. Those scripts never need to ask anything.
 * - A sender without a URL cannot be placed, so it is refused.
 *
 * Firefox sets `url` but not `origin`; Chrome sets both, and both must then be ours.
 */
export interface MessageSender {
  readonly id?: string | undefined;
  readonly url?: string | undefined;
  readonly origin?: string | undefined;
}

/**
 * `scheme://host[:port]` of a URL, or null. Spelled out rather than `URL.origin`, which is the
 * string "null" for schemes the URL standard does not know (`chrome-extension:` outside Chrome).
 */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
}

/** True when `sender` is one of our own extension pages (`ownOrigin` is `chrome-extension://<id>`). */
export function isOwnPageSender(sender: MessageSender | undefined, ownId: string, ownOrigin: string): boolean {
  if (!sender || !ownId || sender.id !== ownId || typeof sender.url !== 'string') return false;
  if (sender.origin !== undefined && sender.origin !== ownOrigin) return false;
  return originOf(sender.url) === ownOrigin;
}
