import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { offsetFromDateHeader, siteOrigin } from '@/lib/clock/date-header-offset';
import { problemText, t, tCount } from '../shared/t';

/** storage.local key of the opt-in (not secret). Off unless the user turns it on. */
const ENABLED_KEY = 'clockCheckEnabled';

/**
 * Optional, off by default: compares this computer's clock with the `Date` header of a site the
 * user names. The host permission for that one origin is requested at that moment (an optional
 * host permission, see wxt.config.ts), used for a single credential-less HEAD request, and removed.
 */
export function ClockCheck() {
  const [enabled, setEnabled] = useState(false);
  const [site, setSite] = useState('');
  const [result, setResult] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void browser.storage.local.get(ENABLED_KEY).then((items) => setEnabled(items[ENABLED_KEY] === true));
  }, []);

  const toggle = (on: boolean) => {
    setEnabled(on);
    void browser.storage.local.set({ [ENABLED_KEY]: on });
  };

  const check = async (event: Event) => {
    event.preventDefault();
    const origin = siteOrigin(site);
    if (!origin.ok) return setResult(problemText(origin.problem));
    const host = new URL(origin.value).host;
    const origins = [`${origin.value}/*`];
    setBusy(true);
    try {
      // Asked while handling the click (a user gesture), as permissions.request requires.
      if (!(await browser.permissions.request({ origins }))) return setResult(t('err_clock_permission_denied', host));
      const sentAt = Date.now();
      const response = await fetch(`${origin.value}/`, {
        method: 'HEAD',
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
      const receivedAt = Date.now();
      const offset = offsetFromDateHeader(response.headers.get('date'), sentAt, receivedAt);
      if (!offset.ok) return setResult(problemText(offset.problem));
      const s = offset.value;
      setResult(
        s === 0 ? t('clock_check_same', host) : tCount(s > 0 ? 'clock_check_behind' : 'clock_check_ahead', Math.abs(s), host, Math.abs(s)),
      );
    } catch {
      setResult(t('err_clock_fetch_failed', host));
    } finally {
      await browser.permissions.remove({ origins }).catch(() => false);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="clock-check-heading">
      <h2 id="clock-check-heading">{t('clock_check_heading')}</h2>
      <label class="check">
        <input
          type="checkbox"
          data-testid="clock-check-enable"
          checked={enabled}
          onChange={(e) => toggle(e.currentTarget.checked)}
          aria-describedby="clock-check-explain"
        />
        {t('clock_check_enable')}
      </label>
      <p id="clock-check-explain" class="hint">
        {t('clock_check_explain')}
      </p>
      {enabled && (
        <form onSubmit={check} class="grid">
          <label for="clock-check-site">{t('clock_check_site_label')}</label>
          <input
            id="clock-check-site"
            data-testid="clock-check-site"
            type="text"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="example.com"
            value={site}
            onInput={(e) => setSite(e.currentTarget.value)}
          />
          <button type="submit" data-testid="clock-check-submit" disabled={busy}>
            {busy ? t('working') : t('clock_check_submit')}
          </button>
          <p role="status" data-testid="clock-check-result">
            {result}
          </p>
        </form>
      )}
    </section>
  );
}
