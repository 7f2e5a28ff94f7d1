/**
 * Which frame of the tab gets the code. Runs in the extension. The injected agent reports, per
 * frame, whether it found a field and the frame's origin (read in the isolated world, so the page
 * cannot lie about it).
 *
 * The top frame wins (it also covers same-origin child frames and shadow roots, see
 * `find-otp-field.ts`); then frames of the same site as the page; a frame of another site only
 * when that site is one of the account's own sites. A code is never typed into a third-party
 * frame the user did not see named in the address bar.
 */
import { accountMatchesSite, registrableDomain, type SiteAccount } from './site-match';
import { hostOf } from './host-of';

export { hostOf };

export interface FrameProbe {
  readonly frameId: number;
  /** The frame's origin (`location.origin`; a srcdoc/about:blank frame reports its parent's). */
  readonly origin: string;
  readonly found: boolean;
}

/** The frame to fill, or null when no frame the code may go to has a field. */
export function chooseFillFrame(probes: readonly FrameProbe[], pageHost: string, account: SiteAccount): FrameProbe | null {
  const pageSite = registrableDomain(pageHost);
  const allowed = probes.filter((p) => {
    if (!p.found) return false;
    const host = hostOf(p.origin);
    if (!host) return false;
    return registrableDomain(host) === pageSite || accountMatchesSite(account, host) === 'site';
  });
  const rank = (p: FrameProbe): number => (p.frameId === 0 ? 0 : registrableDomain(hostOf(p.origin) ?? '') === pageSite ? 1 : 2);
  return [...allowed].sort((a, b) => rank(a) - rank(b) || a.frameId - b.frameId)[0] ?? null;
}
