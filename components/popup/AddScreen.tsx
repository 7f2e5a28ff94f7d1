import { useState } from 'preact/hooks';
import { Icon } from '../shared/Icon';
import type { AccountDraft } from '@/lib/otp/account';
import { parseOtpauthUriList } from '@/lib/otp/parse-otpauth-uri';
import { interpretQrTexts } from '@/lib/scan/interpret-qr-texts';
import { draftFromForm } from '@/lib/otp/draft-from-form';
import { randomSecret } from '@/lib/otp/random-secret';
import { encodeBase32 } from '@/lib/otp/base32';
import { formatOtpauthUri } from '@/lib/otp/format-otpauth-uri';
import { toWire } from '@/lib/messaging/account-wire';
import { send } from '../../lib/messaging/client';
import { problemText, t, tCount } from '../shared/t';
import { QrCode } from '../shared/QrCode';
import '../shared/screens.css';

type Tab = 'uri' | 'form' | 'generate';
type Outcome = { kind: 'ok' | 'error'; text: string } | null;

/** Adds accounts by pasted URIs, by a form, or by generating a new secret. Nothing is saved unless all of it is valid. */
export function AddScreen({ onClose, onAdded }: { onClose: () => void; onAdded: () => void }) {
  const [tab, setTab] = useState<Tab>('uri');
  const [outcome, setOutcome] = useState<Outcome>(null);

  const save = async (drafts: AccountDraft[]) => {
    const reply = await send({ type: 'add', drafts: drafts.map(toWire) });
    if (!reply.ok) return setOutcome({ kind: 'error', text: problemText(reply.problem) });
    setOutcome({ kind: 'ok', text: tCount('addedCount', reply.value.length) });
    onAdded();
  };

  const tabs: [Tab, string][] = [
    ['uri', t('addTabUri')],
    ['form', t('addTabForm')],
    ['generate', t('addTabGenerate')],
  ];
  return (
    <main class="screen">
      <header class="bar">
        <button type="button" class="icon" onClick={onClose} aria-label={t('back')} data-testid="back">
          <Icon name="back" />
        </button>
        <h1>{t('addTitle')}</h1>
      </header>
      <div role="tablist" class="tabs" aria-label={t('addTitle')}>
        {tabs.map(([id, label]) => (
          <button
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            data-testid={`add-tab-${id}`}
            onClick={() => {
              setTab(id);
              setOutcome(null);
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} class="panel">
        {tab === 'uri' && <UriTab save={save} setOutcome={setOutcome} />}
        {tab === 'form' && <FormTab save={save} setOutcome={setOutcome} />}
        {tab === 'generate' && <GenerateTab save={save} setOutcome={setOutcome} />}
      </section>
      <p class={outcome?.kind === 'error' ? 'error' : 'success'} role="status" aria-live="polite" data-testid="add-result">
        {outcome?.text ?? ''}
      </p>
    </main>
  );
}

interface TabProps {
  save: (drafts: AccountDraft[]) => Promise<void>;
  setOutcome: (o: Outcome) => void;
}

function UriTab({ save, setOutcome }: TabProps) {
  const [text, setText] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    // Google Authenticator export links (otpauth-migration://), all parts of an export at once.
    if (/^\s*otpauth-migration:\/\//im.test(text)) {
      const r = interpretQrTexts(
        text
          .split(/\r\n|\r|\n/)
          .map((l) => l.trim())
          .filter((l) => l !== '' && !l.startsWith('#')),
      );
      const problem = r.problems[0];
      if (problem) return setOutcome({ kind: 'error', text: problemText(problem) });
      if (r.waiting)
        return setOutcome({ kind: 'error', text: tCount('err_add_migration_parts', r.waiting.scanned, r.waiting.scanned, r.waiting.size) });
      await save(r.drafts);
      return setText('');
    }
    const { accounts, problems } = parseOtpauthUriList(text);
    const first = problems[0];
    if (first) return setOutcome({ kind: 'error', text: t('errOnLine', first.line, problemText(first.problem)) });
    if (accounts.length === 0) return setOutcome({ kind: 'error', text: t('err_uri_none') });
    await save(accounts);
    setText('');
  };
  return (
    <form onSubmit={submit}>
      <label for="add-uri">{t('addUriLabel')}</label>
      {/* autocomplete="off" on every field that can hold a secret: besides autofill, it keeps
          Firefox's session restore from saving the field's text to disk (sessionstore.jsonlz4)
          while the popup is open in a window or tab. */}
      <textarea
        id="add-uri"
        data-testid="add-uri"
        rows={5}
        autoFocus
        spellcheck={false}
        autoComplete="off"
        value={text}
        placeholder="otpauth://totp/Example:alice@example.com?secret=…&issuer=Example"
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <button type="submit" class="primary" data-testid="add-uri-submit">
        {t('addSubmit')}
      </button>
    </form>
  );
}

const FORM_DEFAULTS = { issuer: '', label: '', secret: '', type: 'totp', algorithm: 'SHA1', digits: '6', period: '30', counter: '0' };

function FormTab({ save, setOutcome }: TabProps) {
  const [f, setF] = useState(FORM_DEFAULTS);
  const field = (name: keyof typeof FORM_DEFAULTS) => ({
    id: `add-${name}`,
    'data-testid': `add-${name}`,
    value: f[name],
    onInput: (e: Event) => setF({ ...f, [name]: (e.currentTarget as HTMLInputElement).value }),
  });
  const submit = async (event: Event) => {
    event.preventDefault();
    const draft = draftFromForm(f);
    if (!draft.ok) return setOutcome({ kind: 'error', text: problemText(draft.problem) });
    await save([draft.value]);
    setF(FORM_DEFAULTS);
  };
  return (
    <form onSubmit={submit} class="grid">
      <label for="add-issuer">{t('issuerLabel')}</label>
      <input {...field('issuer')} autoFocus autoComplete="off" />
      <label for="add-label">{t('accountLabel')}</label>
      <input {...field('label')} autoComplete="off" />
      <label for="add-secret">{t('secretLabel')}</label>
      <input {...field('secret')} autoComplete="off" spellcheck={false} class="mono" />
      <details>
        <summary>{t('advanced')}</summary>
        <div class="grid">
          <label for="add-type">{t('typeLabel')}</label>
          <select {...field('type')}>
            <option value="totp">{t('typeTotp')}</option>
            <option value="hotp">{t('typeHotp')}</option>
            <option value="steam">{t('typeSteam')}</option>
          </select>
          {f.type !== 'steam' && (
            <>
              <label for="add-algorithm">{t('algorithmLabel')}</label>
              <select {...field('algorithm')}>
                <option>SHA1</option>
                <option>SHA256</option>
                <option>SHA512</option>
              </select>
              <label for="add-digits">{t('digitsLabel')}</label>
              <select {...field('digits')}>
                <option>6</option>
                <option>7</option>
                <option>8</option>
              </select>
            </>
          )}
          {f.type === 'totp' && (
            <>
              <label for="add-period">{t('periodLabel')}</label>
              <input {...field('period')} type="number" min={1} inputMode="numeric" />
            </>
          )}
          {f.type === 'hotp' && (
            <>
              <label for="add-counter">{t('counterLabel')}</label>
              <input {...field('counter')} type="number" min={0} inputMode="numeric" />
            </>
          )}
        </div>
      </details>
      <button type="submit" class="primary" data-testid="add-form-submit">
        {t('addSubmit')}
      </button>
    </form>
  );
}

function GenerateTab({ save, setOutcome }: TabProps) {
  const [secret] = useState(() => encodeBase32(randomSecret(20)));
  const [issuer, setIssuer] = useState('');
  const [label, setLabel] = useState('');
  const draft = draftFromForm({ ...FORM_DEFAULTS, issuer, label: label || 'user', secret });
  const uri = draft.ok ? formatOtpauthUri(draft.value) : '';
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!draft.ok) return setOutcome({ kind: 'error', text: problemText(draft.problem) });
    await save([draft.value]);
  };
  return (
    <form onSubmit={submit} class="grid">
      <p class="hint">{t('generateIntro')}</p>
      <label for="gen-issuer">{t('issuerLabel')}</label>
      <input id="gen-issuer" data-testid="gen-issuer" value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} />
      <label for="gen-label">{t('accountLabel')}</label>
      <input id="gen-label" data-testid="gen-label" value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
      <label for="gen-secret">{t('secretLabel')}</label>
      <input id="gen-secret" data-testid="gen-secret" class="mono" readOnly autoComplete="off" value={secret} />
      <label for="gen-uri">{t('uriLabel')}</label>
      <textarea id="gen-uri" data-testid="gen-uri" class="mono" readOnly rows={3} autoComplete="off" value={uri} />
      {uri && <QrCode text={uri} label={t('qrFor', issuer || label || 'user')} />}
      <button type="submit" class="primary" data-testid="gen-submit">
        {t('saveToSesame')}
      </button>
    </form>
  );
}
