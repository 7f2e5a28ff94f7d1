/**
 * What the "a lock reaches every page" tests check in each page, shared by the Chromium
 * (Playwright) and Firefox (puppeteer) suites, which read the page each with its own driver.
 */
import { base32Decode, oathtoolCode, type OathOptions } from './oracles';

/**
 * Runs in a page (pass it to `page.evaluate`): the time (`Date.now()`) at which the page's unlock
 * form is there, at once if it is already, else when it appears.
 */
export function unlockFormShownAt(): Promise<number> {
  return new Promise<number>((resolve) => {
    const shown = () => document.querySelector('[data-testid="unlock-passphrase"]') !== null;
    if (shown()) return resolve(Date.now());
    new MutationObserver((_, observer) => {
      if (!shown()) return;
      observer.disconnect();
      resolve(Date.now());
    }).observe(document, { subtree: true, childList: true });
  });
}

export interface LockedAccount extends OathOptions {
  readonly secret: string;
  /** The issuer and label, which must not be on screen either. */
  readonly names: readonly string[];
}

/**
 * What a locked page still shows of `accounts`: each secret in the HTML as Base32 (either case),
 * hex, Base64 or a byte list, and a name or a current code (the previous, this and the next step)
 * in its text. Empty when nothing is left.
 */
export function accountTraces(html: string, text: string, accounts: readonly LockedAccount[], now = Date.now()): string[] {
  const traces: string[] = [];
  for (const { secret, names, ...options } of accounts) {
    const bytes = Buffer.from(base32Decode(secret));
    for (const needle of [secret, secret.toLowerCase(), bytes.toString('hex'), bytes.toString('base64'), Array.from(bytes).join(',')]) {
      if (html.includes(needle)) traces.push(`secret ${secret} as ${needle.slice(0, 12)}…`);
    }
    for (const name of names) if (text.includes(name)) traces.push(`name ${name}`);
    for (const t of [now - 30_000, now, now + 30_000]) {
      const code = oathtoolCode(secret, t, options);
      if (text.includes(code)) traces.push(`code ${code} of ${secret}`);
    }
  }
  return traces;
}
