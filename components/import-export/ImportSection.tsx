import { useEffect, useRef, useState } from 'preact/hooks';
import type { Account } from '@/lib/otp/account';
import { IMPORT_FORMATS } from '@/lib/import/import-formats';
import { IMPORT_LIMITS } from '@/lib/import/import-limits';
import type { ImportFormat, ImportInput, SkippedEntry } from '@/lib/import/import-types';
import {
  chosenDrafts,
  defaultSelection,
  planImport,
  summarizeImport,
  type ImportSummary,
  type PlannedImport,
} from '@/lib/import/plan-import';
import { toWire } from '@/lib/messaging/account-wire';
import type { Problem } from '@/lib/result';
import { send } from '../../lib/messaging/client';
import { ImportPreview } from './ImportPreview';
import { importInWorker, type ImportJob } from './import-in-worker';
import { problemText, t, tCount } from '../shared/t';
import { PasswordInput } from '../shared/PasswordInput';

// The file picker offers what the registry's formats are saved as (detection never looks at names).
const ACCEPT = [...new Set(IMPORT_FORMATS.flatMap((f) => f.extensions)), 'text/plain', 'application/json'].join(',');

interface Preview {
  readonly format: ImportFormat;
  readonly plan: PlannedImport[];
  readonly unreadable: SkippedEntry[];
}

/** Reads a picked or dropped file; refuses one over the import limit before reading it. */
async function readInput(file: File): Promise<ImportInput | Problem> {
  if (file.size > IMPORT_LIMITS.maxFileBytes)
    return { code: 'err_import_too_large', params: [String(IMPORT_LIMITS.maxFileBytes / 1024 / 1024)] };
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { name: file.name, bytes, text: new TextDecoder().decode(bytes) };
}

/**
 * Import from another authenticator (or a Sesame backup): choose or drop a file, give its
 * password if it is encrypted, review the accounts (duplicates unchecked) and add the checked
 * ones in one all-or-nothing write. Nothing reaches the vault before "Import".
 */
export function ImportSection({
  accounts,
  offsetSeconds,
  onImported,
}: {
  accounts: readonly Account[];
  offsetSeconds: number;
  onImported: () => void;
}) {
  const [input, setInput] = useState<ImportInput | null>(null);
  const [encrypted, setEncrypted] = useState<ImportFormat | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [selected, setSelected] = useState<boolean[]>([]);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [reading, setReading] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const [dragging, setDragging] = useState(false);
  const job = useRef<ImportJob | null>(null);
  // Leaving the page (or a lock removing this section) stops a read in progress.
  useEffect(() => () => job.current?.cancel(), []);

  const reset = () => {
    setEncrypted(null);
    setPassword('');
    setError('');
    setPreview(null);
    setSelected([]);
    setCancelled(false);
  };

  const read = async (data: ImportInput, pass?: string) => {
    job.current?.cancel();
    const current = importInWorker(data, pass);
    job.current = current;
    setBusy(true);
    setReading(true);
    setCancelled(false);
    const outcome = await current.done;
    if (job.current !== current) return; // a newer read (or a cancel) took over
    job.current = null;
    setBusy(false);
    setReading(false);
    if (outcome === null) return;
    if ('needsPassword' in outcome) {
      setEncrypted(outcome.format);
      return;
    }
    if (!outcome.ok) {
      setPreview(null);
      setError(problemText(outcome.problem));
      return;
    }
    const plan = planImport(outcome.value.accounts, accounts);
    setEncrypted(null);
    setPassword('');
    setError('');
    setPreview({ format: outcome.value.format, plan, unreadable: outcome.value.skipped });
    setSelected(defaultSelection(plan));
  };

  const pick = async (file: File | undefined) => {
    reset();
    setSummary(null);
    setInput(null);
    if (!file) return;
    const data = await readInput(file);
    if ('code' in data) return setError(problemText(data));
    setInput(data);
    await read(data);
  };

  /** Stops the read (and its key derivation) at once; nothing was added, the password can be tried again. */
  const cancel = () => {
    const current = job.current;
    job.current = null;
    current?.cancel();
    setBusy(false);
    setReading(false);
    setCancelled(true);
  };

  const tryPassword = async (event: Event) => {
    event.preventDefault();
    if (input) await read(input, password);
  };

  const submit = async () => {
    if (!preview) return;
    const drafts = chosenDrafts(preview.plan, selected);
    setBusy(true);
    const reply = drafts.length ? await send({ type: 'add', drafts: drafts.map((d) => toWire(d)), source: 'import' }) : null;
    setBusy(false);
    if (reply && !reply.ok) {
      // The vault writes all or nothing: a refused write added no account.
      setError(problemText(reply.problem));
      return;
    }
    setSummary(summarizeImport(preview.plan, selected, preview.unreadable));
    reset();
    setInput(null);
    onImported();
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void pick(event.dataTransfer?.files[0]);
  };

  return (
    <section aria-labelledby="import-heading" class="import-section">
      <h2 id="import-heading">{t('importHeading')}</h2>
      <p class="hint">{t('importIntro')}</p>
      <details data-testid="import-formats">
        <summary>{t('importFormatsSummary')}</summary>
        <ul class="hint">
          {IMPORT_FORMATS.map((f) => (
            <li key={f.id}>{t(f.label)}</li>
          ))}
        </ul>
      </details>
      <div
        class={`drop-zone${dragging ? ' dragging' : ''}`}
        data-testid="import-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label for="import-file">{t('importFileLabel')}</label>
        <input
          id="import-file"
          data-testid="import-file"
          type="file"
          accept={ACCEPT}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            // Cleared so that choosing the same file again (e.g. after a wrong password) reads it again.
            e.currentTarget.value = '';
            void pick(file);
          }}
        />
        <p class="hint">{t('importDropHint')}</p>
        {input && <p data-testid="import-file-name">{t('importFileChosen', input.name)}</p>}
      </div>

      {encrypted && (
        <form onSubmit={tryPassword} class="grid">
          <label for="import-password">{t('importPasswordLabel', encrypted.name)}</label>
          <PasswordInput
            id="import-password"
            autoComplete="off"
            autoFocus
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'import-error' : undefined}
            value={password}
            onValue={setPassword}
          />
          {encrypted.id === 'sesame-backup' && <p class="hint">{t('importSesameRecoveryHint')}</p>}
          <button type="submit" data-testid="import-password-submit" disabled={busy}>
            {busy ? t('working') : t('importPasswordSubmit')}
          </button>
        </form>
      )}

      {reading && (
        <p class="button-row">
          {!encrypted && (
            <span class="hint" role="status">
              {t('working')}
            </span>
          )}
          <button type="button" data-testid="import-cancel" onClick={cancel}>
            {t('importCancel')}
          </button>
        </p>
      )}
      {cancelled && (
        <p role="status" data-testid="import-cancelled">
          {t('import_cancelled')}
        </p>
      )}
      {error && (
        <p id="import-error" class="error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}

      {preview && (
        <ImportPreview
          format={preview.format}
          plan={preview.plan}
          unreadable={preview.unreadable}
          selected={selected}
          offsetSeconds={offsetSeconds}
          onToggle={(i, on) => setSelected(selected.map((s, j) => (j === i ? on : s)))}
          onSubmit={() => void submit()}
          busy={busy}
        />
      )}

      <div role="status" data-testid="import-result" class="import-result">
        {summary && <ImportResult summary={summary} />}
      </div>
    </section>
  );
}

function ImportResult({ summary }: { summary: ImportSummary }) {
  return (
    <>
      <p class="success">{tCount('importResultAdded', summary.added)}</p>
      {summary.duplicates > 0 && <p>{tCount('importResultDuplicates', summary.duplicates)}</p>}
      {summary.leftOut > 0 && <p>{tCount('importResultLeftOut', summary.leftOut)}</p>}
      {summary.unreadable.length > 0 && (
        <>
          <p class="error">{tCount('importResultUnreadable', summary.unreadable.length)}</p>
          <ul>
            {summary.unreadable.map((s, i) => (
              <li key={i} data-testid="import-unreadable">
                {s.name}: {problemText(s.problem)}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
