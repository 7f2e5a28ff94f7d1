import { useState } from 'preact/hooks';
import { AUTO_LOCK_RANGE, TIME_OFFSET_RANGE, type Settings } from '@/lib/settings/settings';
import { FIREFOX_IDLE_LOCK_MINUTES } from '@/lib/vault-service/computer-lock';
import { send } from '../../lib/messaging/client';
import { problemText, t } from '../shared/t';

export function SettingsForm({ initial }: { initial: Settings }) {
  const [autoLock, setAutoLock] = useState(String(initial.autoLockMinutes));
  const [offset, setOffset] = useState(String(initial.timeOffsetSeconds));
  const [message, setMessage] = useState('');

  const save = async (event: Event) => {
    event.preventDefault();
    const reply = await send({ type: 'set-settings', settings: { autoLockMinutes: Number(autoLock), timeOffsetSeconds: Number(offset) } });
    if (!reply.ok) return setMessage(problemText(reply.problem));
    setAutoLock(String(reply.value.autoLockMinutes));
    setOffset(String(reply.value.timeOffsetSeconds));
    setMessage(t('settingsSaved'));
  };

  return (
    <form onSubmit={save}>
      <fieldset class="grid">
        <legend>{t('settingsHeading')}</legend>
        <label for="auto-lock">{t('autoLockLabel')}</label>
        <input
          id="auto-lock"
          data-testid="auto-lock"
          type="number"
          min={AUTO_LOCK_RANGE.min}
          max={AUTO_LOCK_RANGE.max}
          required
          value={autoLock}
          onInput={(e) => setAutoLock(e.currentTarget.value)}
          aria-describedby="auto-lock-hint"
        />
        {/* Firefox has no "computer locked" state: say what Sesame does instead (lib/vault-service/computer-lock.ts). */}
        <p id="auto-lock-hint" class="hint" data-testid="auto-lock-hint">
          {import.meta.env.FIREFOX ? t('autoLockHintFirefox', FIREFOX_IDLE_LOCK_MINUTES) : t('autoLockHint')}
        </p>
        <label for="time-offset">{t('timeOffsetLabel')}</label>
        <input
          id="time-offset"
          data-testid="time-offset"
          type="number"
          min={TIME_OFFSET_RANGE.min}
          max={TIME_OFFSET_RANGE.max}
          required
          value={offset}
          onInput={(e) => setOffset(e.currentTarget.value)}
          aria-describedby="time-offset-hint"
        />
        <p id="time-offset-hint" class="hint">
          {t('timeOffsetHint')}
        </p>
        <button type="submit" class="primary" data-testid="settings-save">
          {t('save')}
        </button>
        <p role="status" data-testid="settings-result">
          {message}
        </p>
      </fieldset>
    </form>
  );
}
