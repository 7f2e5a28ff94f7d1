import { useEffect, useState } from 'preact/hooks';
import { Icon } from '../shared/Icon';
import type { Account } from '@/lib/otp/account';
import { toWire } from '@/lib/messaging/account-wire';
import type { ScanOutcome, ScanReply } from '@/lib/scan/protocol';
import type { Problem } from '@/lib/result';
import { send } from '../../lib/messaging/client';
import { sendScan } from '../../lib/scan/client';
import { targetTabId } from '../popup/target-tab';
import { decodeImageFiles } from './decode-image-files';
import { ScanConfirmation } from './ScanConfirmation';
import { useScanCandidates } from './use-scan-candidates';
import { useLatestOperation } from './use-latest-operation';
import { usePastedImages } from './use-pasted-images';
import { problemText, t, tCount } from '../shared/t';
import { filePickerClosesPopup, openScanImagesPage } from './file-picker-closes-popup';
import '../shared/screens.css';

/** How the screen starts: scan the tab, wait for an image, or show a scan the background already did. */
export type ScanStart = 'page' | 'files' | ScanReply;

type Busy = '' | 'page' | 'area' | 'files';

/**
 * Scan for QR codes (the tab, a selected area, image files), then confirm: a row per account found
 * with a checkbox (duplicates of vault accounts unchecked) and a live code, so the user sees the
 * code works before anything is saved. A Google export split over several codes is collected
 * ("2 of 3 scanned") and its accounts appear only once every code is scanned.
 */
export function ScanScreen({
  tabId,
  accounts,
  now,
  start,
  onClose,
  onDone,
}: {
  tabId: number | null;
  accounts: readonly Account[];
  now: number;
  start: ScanStart;
  onClose: () => void;
  /** After accounts were added, with a message for the list. */
  onDone: (message: string) => void;
}) {
  const [busy, setBusy] = useState<Busy>(start === 'page' ? 'page' : '');
  const found = useScanCandidates(accounts);
  const { rows } = found;
  const [messages, setMessages] = useState<string[]>([]);
  const [nothing, setNothing] = useState<string>('');
  const [dragging, setDragging] = useState(false);
  /** The last scan's time in the background (ms), for `npm run bench` (scripts/bench-scan.mjs). */
  const [scanMs, setScanMs] = useState<{ ms: number; decodeMs?: number | undefined } | null>(null);
  const operations = useLatestOperation();

  const say = (operation: number, fresh: readonly string[]) => setMessages((shown) => operations.merge(operation, shown, fresh));
  const finish = (operation: number) => {
    if (operations.isLatest(operation)) setBusy('');
  };

  const take = (operation: number, texts: readonly string[], extraProblems: readonly Problem[] = [], site?: string) => {
    const { problems } = found.take(texts, site);
    say(operation, [...extraProblems, ...problems].map(problemText));
  };

  const showReply = (operation: number, reply: ScanReply) => {
    if (operations.isLatest(operation)) setNothing('');
    if (!reply.ok) {
      say(operation, reply.problem.code === 'scan_area_cancelled' ? [] : [problemText(reply.problem)]);
      return;
    }
    setScanMs({ ms: reply.value.ms, decodeMs: reply.value.decodeMs });
    if (reply.value.texts.length === 0) {
      say(operation, []);
      if (operations.isLatest(operation)) setNothing(describeTried(reply.value));
      return;
    }
    take(operation, reply.value.texts, [], reply.value.site);
  };

  const scanPage = async () => {
    const operation = operations.start();
    setBusy('page');
    // The popup may still be finding its tab when the scan starts.
    const target = tabId ?? (await targetTabId());
    if (target === null) {
      say(operation, [t('err_scan_no_tab')]);
      return finish(operation);
    }
    performance.mark('sesame:scan-sent');
    const reply = await sendScan({ type: 'scan-page', tabId: target });
    performance.mark('sesame:scan-replied');
    showReply(operation, reply);
    finish(operation);
  };

  const selectArea = async () => {
    if (tabId === null) return;
    const operation = operations.start();
    setBusy('area');
    setNothing('');
    setMessages([t('scan_area_started')]);
    const pending = sendScan({ type: 'scan-select-area', tabId });
    // From the toolbar, the popup must get out of the way for the drag; the background keeps
    // the result and opens the popup again. A popped-out popup (?tab=) stays and gets the reply.
    if (!new URLSearchParams(location.search).has('tab')) setTimeout(() => window.close(), 50);
    showReply(operation, await pending);
    finish(operation);
  };

  const readFiles = async (files: readonly Blob[]) => {
    if (files.length === 0) return;
    const operation = operations.start();
    setBusy('files');
    setNothing('');
    const { texts, problems } = await decodeImageFiles(files);
    take(operation, texts, problems);
    finish(operation);
  };

  useEffect(() => {
    if (start === 'page') void scanPage();
    else if (start !== 'files') showReply(operations.start(), start);
  }, []);
  usePastedImages((files) => void readFiles(files));

  // For `npm run bench` (scripts/bench-scan.mjs): the moment the first rows are painted.
  useEffect(() => {
    if (rows.length > 0 && performance.getEntriesByName('sesame:scan-rows').length === 0) {
      requestAnimationFrame(() => setTimeout(() => performance.mark('sesame:scan-rows'), 0));
    }
  }, [rows.length > 0]);

  const confirm = async () => {
    const drafts = found.checked;
    if (drafts.length === 0) return;
    const reply = await send({ type: 'add', drafts: drafts.map(toWire), ...(drafts.length > 1 ? { source: 'import' as const } : {}) });
    if (!reply.ok) return setMessages([problemText(reply.problem)]);
    onDone(tCount('addedCount', reply.value.length));
  };

  return (
    <main
      class="screen scan-screen"
      aria-busy={busy !== ''}
      data-scan-ms={scanMs?.ms}
      data-decode-ms={scanMs?.decodeMs}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void readFiles([...(e.dataTransfer?.files ?? [])]);
      }}
    >
      <header class="bar">
        <button type="button" class="icon" onClick={onClose} aria-label={t('back')} data-testid="back">
          <Icon name="back" />
        </button>
        <h1>{t('scan_title')}</h1>
      </header>
      <div class="panel scan-panel">
        <div class="scan-actions">
          <button type="button" data-testid="scan-again" disabled={busy !== ''} onClick={() => void scanPage()}>
            {t('scan_page')}
          </button>
          {filePickerClosesPopup() ? (
            // Firefox's toolbar popup: drop and paste work here, a file dialog would close it.
            <div class={`scan-drop${dragging ? ' dragging' : ''}`}>
              <span>{t('scan_file_label_firefox_popup')}</span>
              <button type="button" data-testid="scan-file-options" onClick={() => void openScanImagesPage()}>
                {t('scan_file_open_options')}
              </button>
            </div>
          ) : (
            <label class={`scan-drop${dragging ? ' dragging' : ''}`}>
              <span>{t('scan_file_label')}</span>
              <input
                type="file"
                data-testid="scan-file"
                multiple
                accept="image/png,image/jpeg,image/webp,image/gif,image/bmp"
                disabled={busy !== ''}
                onChange={(e) => {
                  const input = e.currentTarget;
                  void readFiles([...(input.files ?? [])]).then(() => {
                    input.value = '';
                  });
                }}
              />
            </label>
          )}
        </div>
        <p class="status" role="status" aria-live="polite" data-testid="scan-status">
          {busy === 'page' ? t('scan_busy_page') : busy === 'files' ? t('scan_busy_files') : busy === 'area' ? t('scan_area_started') : ''}
        </p>
        {nothing && (
          <div class="warning" data-testid="scan-nothing">
            <p>{nothing}</p>
            {tabId !== null && (
              <button type="button" data-testid="scan-select-area" disabled={busy !== ''} onClick={() => void selectArea()}>
                {t('scan_select_area')}
              </button>
            )}
          </div>
        )}
        {messages.length > 0 && (
          <ul class="scan-messages" data-testid="scan-messages">
            {messages.map((m, i) => (
              <li key={i} class="error">
                {m}
              </li>
            ))}
          </ul>
        )}
        <ScanConfirmation
          rows={rows}
          waiting={found.waiting}
          now={now}
          progressNext={t('scan_progress_next')}
          onToggle={found.toggle}
          onConfirm={() => void confirm()}
        />
      </div>
    </main>
  );
}

/** "Nothing found" with what was tried, so the user knows what else to do. */
function describeTried(outcome: ScanOutcome): string {
  const { tried } = outcome;
  if (tried.area) return t('scan_nothing_area');
  const parts = [tried.elements > 0 ? tCount('scan_tried_visible', tried.elements) : t('scan_tried_screen')];
  if (tried.images > 0) parts.push(tCount('scan_tried_images', tried.images));
  if (tried.unreadable > 0) parts.push(tCount('scan_tried_unreadable', tried.unreadable));
  return `${t('scan_nothing')} ${parts.join(' ')} ${t('scan_nothing_next')}`;
}
