import { useState } from 'preact/hooks';
import { Icon } from '../shared/Icon';
import type { Account } from '@/lib/otp/account';
import { toWire } from '@/lib/messaging/account-wire';
import { checkCode, type CodeCheck } from '@/lib/otp/check-code';
import { offsetAfterCheck } from '@/lib/clock/offset-from-check';
import { send } from '../../lib/messaging/client';
import { problemText, t, tCount } from '../shared/t';
import '../shared/screens.css';

/** What the user is offered after a check: a new time offset, or a new HOTP counter. */
type Offer = { kind: 'offset'; seconds: number } | { kind: 'counter'; counter: number } | null;

/** Sesame's current settings (fresh, so a change made meanwhile on the options page is kept). */
async function currentSettings() {
  const reply = await send({ type: 'state' });
  return reply.ok ? reply.value.settings : null;
}

function describe(check: CodeCheck, account: Account): string {
  switch (check.kind) {
    case 'now':
      return t('check_now');
    case 'offset':
      return tCount(
        check.steps > 0 ? 'check_later' : 'check_earlier',
        Math.abs(check.steps),
        Math.abs(check.steps),
        Math.abs(check.seconds),
      );
    case 'counter':
      return t('check_counter', check.counter, account.type === 'hotp' ? account.counter : 0);
    case 'none':
      return t('check_none');
  }
}

/**
 * "Check a code": compares a code typed by the user with this account's codes near Sesame's time
 * (system clock plus the offset), and offers the fix a match implies (lib/otp/check-code.ts).
 */
export function CheckCodeScreen({ account, onClose, onChanged }: { account: Account; onClose: () => void; onChanged: () => void }) {
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState('');
  const [offer, setOffer] = useState<Offer>(null);
  const [done, setDone] = useState('');
  const name = account.issuer || account.label;

  const check = async (event: Event) => {
    event.preventDefault();
    setDone('');
    const settings = await currentSettings();
    if (!settings) return setResult(t('err_internal'));
    const found = checkCode(account, typed, Date.now() + settings.timeOffsetSeconds * 1000);
    setResult(describe(found, account));
    if (found.kind === 'offset') setOffer({ kind: 'offset', seconds: offsetAfterCheck(settings.timeOffsetSeconds, found.seconds) });
    else if (found.kind === 'counter' && account.type === 'hotp' && found.counter !== account.counter)
      setOffer({ kind: 'counter', counter: found.counter });
    else setOffer(null);
  };

  const apply = async () => {
    if (!offer) return;
    if (offer.kind === 'offset') {
      const settings = await currentSettings();
      if (!settings) return setDone(t('err_internal'));
      const reply = await send({ type: 'set-settings', settings: { ...settings, timeOffsetSeconds: offer.seconds } });
      if (!reply.ok) return setDone(problemText(reply.problem));
      setDone(tCount('check_offset_set', reply.value.timeOffsetSeconds));
    } else {
      if (account.type !== 'hotp') return;
      const reply = await send({ type: 'update', account: toWire({ ...account, counter: offer.counter }) });
      if (!reply.ok) return setDone(problemText(reply.problem));
      setDone(t('check_counter_set', offer.counter));
    }
    setOffer(null);
    onChanged();
  };

  return (
    <main class="screen">
      <header class="bar">
        <button type="button" class="icon" onClick={onClose} aria-label={t('back')} data-testid="back">
          <Icon name="back" />
        </button>
        <h1>
          {t('check_open')}: {name}
        </h1>
      </header>
      <div class="panel grid sub-panel">
        <p class="hint" id="check-code-intro">
          {t('check_intro')}
        </p>
        <form onSubmit={check} class="grid">
          <label for="check-code-input">{t('check_input_label')}</label>
          <input
            id="check-code-input"
            data-testid="check-code-input"
            class="mono"
            autoComplete="off"
            spellcheck={false}
            autoFocus
            inputMode={account.type === 'steam' ? 'text' : 'numeric'}
            required
            value={typed}
            aria-describedby="check-code-intro"
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
          <button type="submit" class="primary" data-testid="check-code-submit">
            {t('check_submit')}
          </button>
        </form>
        <div role="status" aria-live="polite" class="grid">
          <p data-testid="check-code-result">{result}</p>
          {offer && (
            <>
              <p class="hint">
                {offer.kind === 'offset' ? tCount('check_offer_offset', offer.seconds) : t('check_offer_counter', offer.counter)}
              </p>
              <button type="button" data-testid="check-code-apply" onClick={() => void apply()}>
                {offer.kind === 'offset' ? t('check_apply_offset', offer.seconds) : t('check_apply_counter', offer.counter)}
              </button>
            </>
          )}
          {done && (
            <p class="success" data-testid="check-code-done">
              {done}
            </p>
          )}
        </div>
      </div>
    </main>
  );
}
