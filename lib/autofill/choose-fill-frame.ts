/**
 * Which frame of the tab gets the code. Runs in the extension. The injected agent reports, per
 * frame, whether it found a field and the frame's origin (read in the isolated world, so the page
 * cannot lie about it).
 *
 * The top frame wins (it also covers same-origin child frames and shadow roots, see
 * `find-otp-field.ts`); then frames of the same site as the page; a frame of another site only
 * when that site is one of the account's saved sites. A code is never typed into a third-party
 * frame the user did not see named in the address bar (or confirmed).
 */
import { hasSite, type SiteAccount } from './site-decision';
import { sameSite, siteOfUrl, type Site } from './site';
import { hostOf } from './host-of';

export { hostOf };

export interface FrameProbe {
  readonly frameId: number;
  /** The frame's origin (`location.origin`; a srcdoc/about:blank frame reports its parent's). */
  readonly origin: string;
  readonly found: boolean;
}

/** The frame to fill, or null when no frame the code may go to has a field. */
export function chooseFillFrame(probes: readonly FrameProbe[], page: Site, account: SiteAccount): FrameProbe | null {
  const rank = (p: FrameProbe): number | null => {
    const site = p.found ? siteOfUrl(p.origin) : null;
    if (!site) return null;
    if (sameSite(site, page)) return p.frameId === 0 ? 0 : 1;
    // The top frame must be the page the decision was made for (it may have navigated since).
    return p.frameId !== 0 && hasSite(account, site) ? 2 : null;
  };
  const allowed = probes.flatMap((p) => {
    const r = rank(p);
    return r === null ? [] : [{ p, r }];
  });
  return allowed.sort((a, b) => a.r - b.r || a.p.frameId - b.p.frameId)[0]?.p ?? null;
}
