import { useEffect, useRef, useState } from 'preact/hooks';
import type { Account } from '@/lib/otp/account';
import { toWire } from '@/lib/messaging/account-wire';
import { send } from '../../lib/messaging/client';
import { decodeImageFiles } from './decode-image-files';
import { ScanConfirmation } from './ScanConfirmation';
import { useNow } from '../shared/use-now';
import { usePastedImages } from './use-pasted-images';
import { useScanCandidates } from './use-scan-candidates';
import { useLatestOperation } from './use-latest-operation';
import { problemText, t, tCount } from '../shared/t';
import { SCAN_IMAGES_HASH } from './file-picker-closes-popup';
import '../shared/screens.css';

/**
 * "Scan QR code images" on the options page: choose, drop or paste pictures (PNG, JPEG, WebP, a
 * screenshot with several codes); every code in them is read in a worker
 * (./decode-image-files.ts), then the same confirmation as the popup's scan (./ScanConfirmation.tsx,
 * duplicates unchecked) adds the checked accounts in one `add` request. Shown only while the vault
 * is unlocked (./ImportExportSection.tsx).
 */
export function ScanImagesSection({
  accounts,
  offsetSeconds,
  onAdded,
}: {
  accounts: readonly Account[];
  offsetSeconds: number;
  onAdded: () => void;
}) {
  const now = useNow(offsetSeconds);
  const found = useScanCandidates(accounts);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  const [result, setResult] = useState('');
  const operations = useLatestOperation();

  const readFiles = async (files: readonly Blob[]) => {
    if (files.length === 0) return;
    const operation = operations.start();
    setBusy(true);
    setResult('');
    const decoded = await decodeImageFiles(files);
    const { problems } = found.take(decoded.texts);
    const fresh = [...decoded.problems, ...problems].map(problemText);
    setMessages((shown) => operations.merge(operation, shown, fresh));
    if (operations.isLatest(operation)) setBusy(false);
  };
  usePastedImages((files) => void readFiles(files));

  // Firefox's toolbar popup sends the user here to choose files (./file-picker-closes-popup.ts).
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (location.hash !== SCAN_IMAGES_HASH) return;
    section.current?.scrollIntoView({ block: 'start' });
    section.current?.querySelector<HTMLInputElement>('input[type="file"]')?.focus();
  }, []);

  const confirm = async () => {
    const drafts = found.checked;
    if (drafts.length === 0) return;
    setBusy(true);
    const reply = await send({ type: 'add', drafts: drafts.map(toWire), ...(drafts.length > 1 ? { source: 'import' as const } : {}) });
    setBusy(false);
    // The vault writes all or nothing: a refused write added no account.
    if (!reply.ok) return setMessages([problemText(reply.problem)]);
    found.clear();
    setMessages([]);
    setResult(tCount('addedCount', reply.value.length));
    onAdded();
  };

  return (
    <section
      ref={section}
      id={SCAN_IMAGES_HASH.slice(1)}
      aria-labelledby="scan-images-heading"
      class="scan-images-section"
      aria-busy={busy}
    >
      <h2 id="scan-images-heading">{t('scan_images_heading')}</h2>
      <p class="hint">{t('scan_images_intro')}</p>
      <div
        class={`drop-zone${dragging ? ' dragging' : ''}`}
        data-testid="scan-image-drop"
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
        <label for="scan-image-file">{t('scan_images_file_label')}</label>
        <input
          id="scan-image-file"
          data-testid="scan-image-file"
          type="file"
          multiple
          accept="image/png,image/jpeg,image/webp,image/gif,image/bmp"
          disabled={busy}
          onChange={(e) => {
            const input = e.currentTarget;
            void readFiles([...(input.files ?? [])]).then(() => {
              input.value = '';
            });
          }}
        />
        <p class="hint">{t('scan_images_drop_hint')}</p>
      </div>
      <p class="status" role="status" aria-live="polite" data-testid="scan-status">
        {busy && found.rows.length === 0 ? t('scan_busy_files') : ''}
      </p>
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
        rows={found.rows}
        waiting={found.waiting}
        now={now}
        progressNext={t('scan_images_progress_next')}
        busy={busy}
        headingLevel={3}
        onToggle={found.toggle}
        onConfirm={() => void confirm()}
      />
      <p role="status" class="success" data-testid="scan-image-result">
        {result}
      </p>
    </section>
  );
}
