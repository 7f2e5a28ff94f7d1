import { useCallback, useEffect, useState } from 'preact/hooks';
import { send } from '../../lib/messaging/client';
import { problemText, t } from '../shared/t';
import type { SlotSummary } from '@/lib/vault/vault-slots';
import { PasskeySettings } from './PasskeySettings';
import { RecoveryKeySettings } from './RecoveryKeySettings';

/**
 * The options page's "Ways to unlock": passkeys (add, list, remove) and the recovery key (create
 * or replace). Shown only while unlocked; each addition asks for the vault passphrase again.
 */
export function UnlockMethodsSection() {
  const [slots, setSlots] = useState<readonly SlotSummary[] | null>(null);
  const [problem, setProblem] = useState('');
  const load = useCallback(async () => {
    const reply = await send({ type: 'slots' });
    if (reply.ok) setSlots(reply.value);
    else setProblem(problemText(reply.problem));
  }, []);
  useEffect(() => void load(), []);

  return (
    <section aria-labelledby="unlock-methods-heading">
      <h2 id="unlock-methods-heading">{t('unlockMethodsHeading')}</h2>
      <p class="hint">{t('unlockMethodsIntro')}</p>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <PasskeySettings passkeys={(slots ?? []).filter((s) => s.kind === 'passkey')} onChanged={load} />
      <RecoveryKeySettings recoveryKey={slots?.find((s) => s.kind === 'recovery')} onChanged={load} />
    </section>
  );
}
