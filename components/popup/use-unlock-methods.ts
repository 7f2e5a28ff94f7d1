import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../../lib/messaging/client';
import { readUnlockHints } from '../../lib/vault-service/client';
import type { UnlockHints } from '../../lib/vault-service/unlock-methods';
import type { UnlockOptionsReply } from '@/lib/vault-service/protocol';
import type { Result } from '@/lib/result';
import { unlockHintsAtStart } from './initial-state';

/**
 * The unlock methods the locked vault has, for the unlock screen. `hints` comes first from
 * `storage.local` (no round trip to the background, so the passkey button is in the first paint):
 * what the popup's start-up read found (initial-state.ts), else a read of its own. It is then
 * replaced by the background's answer to `unlock-options`, which the passkey ceremony needs anyway
 * (credential ids, PRF inputs); `options()` returns that answer.
 */
export function useUnlockMethods(): { hints: UnlockHints | undefined; options: () => Promise<Result<UnlockOptionsReply>> } {
  const [hints, setHints] = useState<UnlockHints | undefined>(unlockHintsAtStart);
  const asked = useRef<Promise<Result<UnlockOptionsReply>> | null>(null);
  const ask = () => {
    const pending = send({ type: 'unlock-options' });
    asked.current = pending;
    void pending.then((reply) => reply.ok && setHints({ passkey: reply.value.passkeys.length > 0, recoveryKey: reply.value.recoveryKey }));
    return pending;
  };

  useEffect(() => {
    let answered = false;
    if (!unlockHintsAtStart()) void readUnlockHints().then((stored) => !answered && stored && setHints(stored));
    void ask().then(() => (answered = true));
  }, []);

  return {
    hints,
    // The first answer serves the first ceremony; a later one (after a failure) asks again.
    options: () => {
      const first = asked.current;
      asked.current = null;
      return first ?? ask();
    },
  };
}
