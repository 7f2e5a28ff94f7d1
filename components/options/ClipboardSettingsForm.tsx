import { useEffect, useState } from 'preact/hooks';
import { CLIPBOARD_CLEAR_RANGE } from '@/lib/clipboard/clipboard-settings';
import { send } from '../../lib/messaging/client';
import { problemText, t, tCount } from '../shared/t';

/** How long a copied code stays on the clipboard (30 s by default; 0 never clears it). */
export function ClipboardSettingsForm() {
  const [seconds, setSeconds] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    void send({ type: 'clipboard-settings' }).then((reply) => reply.ok && setSeconds(String(reply.value.clearAfterSeconds)));
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    const value = Number(seconds);
    if (seconds.trim() === '' || !Number.isFinite(value))
      return setMessage(t('err_clipboard_seconds', CLIPBOARD_CLEAR_RANGE.min, CLIPBOARD_CLEAR_RANGE.max));
    const reply = await send({ type: 'clipboard-set-settings', clearAfterSeconds: value });
    if (!reply.ok) return setMessage(problemText(reply.problem));
    setSeconds(String(reply.value.clearAfterSeconds));
    setMessage(reply.value.clearAfterSeconds === 0 ? t('clipboardClearOff') : tCount('clipboardClearSaved', reply.value.clearAfterSeconds));
  };

  return (
    <form onSubmit={save}>
      <fieldset class="grid">
        <legend>{t('clipboardHeading')}</legend>
        <label for="clipboard-clear-seconds">{t('clipboardClearLabel')}</label>
        <input
          id="clipboard-clear-seconds"
          data-testid="clipboard-clear-seconds"
          type="number"
          min={0}
          max={CLIPBOARD_CLEAR_RANGE.max}
          required
          value={seconds}
          onInput={(e) => setSeconds(e.currentTarget.value)}
          aria-describedby="clipboard-clear-hint"
        />
        <p id="clipboard-clear-hint" class="hint">
          {t('clipboardClearHint', CLIPBOARD_CLEAR_RANGE.min)}
        </p>
        <button type="submit" class="primary" data-testid="clipboard-save">
          {t('save')}
        </button>
        <p role="status" data-testid="clipboard-result">
          {message}
        </p>
      </fieldset>
    </form>
  );
}
