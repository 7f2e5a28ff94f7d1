/**
 * True when a runtime message comes from one of our own pages (popup, options, a popped-out
 * popup in a tab) and not from a content script or another extension. Content scripts run with
 * the page's URL as `sender.url`, so the origin check is what tells them apart; `sender.id` alone
 * is the same for both.
 */
export function isExtensionPageSender(
  sender: { id?: string; url?: string },
  ownId: string,
  ownOrigin: string,
): boolean {
  if (sender.id !== ownId || !sender.url) return false;
  try {
    return new URL(sender.url).origin === ownOrigin;
  } catch {
    return false;
  }
}
