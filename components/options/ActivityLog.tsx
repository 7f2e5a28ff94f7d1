import { useEffect, useState } from 'preact/hooks';
import type { LogEntry } from '@/lib/vault/log-entry';
import { logEntryMessage } from '@/lib/i18n/log-entry-message';
import { send } from '../../lib/messaging/client';
import { problemText, t, tCount } from '../shared/t';

type Loaded = { entries: readonly LogEntry[]; unreadable: number } | { problem: string } | null;

/** The options page's "Activity" section: the encrypted activity log, newest first, and "Clear". */
export function ActivityLog() {
  const [log, setLog] = useState<Loaded>(null);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState('');

  const load = async () => {
    const reply = await send({ type: 'read-log' });
    if (reply.ok) setLog(reply.value);
    else setLog({ problem: reply.problem.code === 'err_locked' ? t('log_locked') : problemText(reply.problem) });
  };
  useEffect(() => void load(), []);

  const clear = async () => {
    const reply = await send({ type: 'clear-log' });
    setConfirming(false);
    if (!reply.ok) return setStatus(problemText(reply.problem));
    setStatus(t('log_cleared'));
    await load();
  };

  return (
    <section aria-labelledby="log-heading" class="activity">
      <h2 id="log-heading">{t('log_heading')}</h2>
      <p class="hint">{t('log_intro')}</p>
      {log && 'problem' in log && <p data-testid="log-problem">{log.problem}</p>}
      {log && 'entries' in log && (
        <>
          {log.unreadable > 0 && (
            <p class="error" role="alert">
              {tCount('log_unreadable', log.unreadable)}
            </p>
          )}
          {log.entries.length === 0 ? (
            <p class="hint" data-testid="log-empty">
              {t('log_empty')}
            </p>
          ) : (
            <ol class="activity-log" aria-labelledby="log-heading" tabIndex={0}>
              {log.entries.map((entry, i) => {
                const { key, params, count } = logEntryMessage(entry);
                return (
                  <li key={`${i}-${entry.time}`} data-testid="log-entry" data-type={entry.type}>
                    <time dateTime={new Date(entry.time).toISOString()}>{new Date(entry.time).toLocaleString()}</time>
                    <span>{count === undefined ? t(key, ...params) : tCount(key, count, ...params)}</span>
                  </li>
                );
              })}
            </ol>
          )}
          {!confirming ? (
            <button
              type="button"
              class="danger"
              data-testid="log-clear"
              onClick={() => setConfirming(true)}
              disabled={log.entries.length === 0}
            >
              {t('log_clear')}
            </button>
          ) : (
            <div role="alertdialog" aria-labelledby="log-clear-question" class="confirm">
              <p id="log-clear-question">{t('log_clear_confirm')}</p>
              <button type="button" class="danger" data-testid="log-clear-confirm" onClick={() => void clear()} autoFocus>
                {t('log_clear_yes')}
              </button>
              <button type="button" data-testid="log-clear-cancel" onClick={() => setConfirming(false)}>
                {t('cancel')}
              </button>
            </div>
          )}
        </>
      )}
      <p role="status" data-testid="log-status">
        {status}
      </p>
    </section>
  );
}
