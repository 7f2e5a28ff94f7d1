import { useState } from 'preact/hooks';
import type { ExportedAccountQr } from '@/lib/export/protocol';
import type { MigrationExport } from '@/lib/import/google-migration-encode';
import { QrCode } from '../shared/QrCode';
import { qrPixelSize } from '../shared/qr-size';
import { problemText, t } from '../shared/t';

const nameOf = (a: ExportedAccountQr): string => [a.issuer, a.label].filter(Boolean).join(': ') || '?';

/** One QR code per account (its otpauth:// URI, built by the background), for any authenticator app's camera. */
export function AccountQrCodes({ codes }: { codes: readonly ExportedAccountQr[] }) {
  return (
    <ul class="qr-list">
      {codes.map((a) => (
        <li key={a.id}>
          <figure data-testid="export-qr" data-issuer={a.issuer} data-label={a.label}>
            <QrCode text={a.uri} label={t('exportQrFor', nameOf(a))} size={qrPixelSize(a.uri)} />
            <figcaption>{nameOf(a)}</figcaption>
          </figure>
        </li>
      ))}
    </ul>
  );
}

/**
 * Google Authenticator "Transfer accounts" QR codes, in batches like Google's own ("1 of 3"), so
 * a phone app takes every account in one scan session. Accounts the format cannot hold are listed.
 * The background encodes them (lib/export/export-service.ts).
 */
export function MigrationQrCodes({ exported }: { exported: MigrationExport }) {
  const [index, setIndex] = useState(0);
  const count = exported.uris.length;
  const current = Math.min(index, Math.max(0, count - 1));
  const uri = exported.uris[current];
  return (
    <div class="migration-qr">
      {uri ? (
        <>
          <figure data-testid="export-migration-qr" data-index={current} data-count={count}>
            <QrCode text={uri} label={t('exportMigrationQrLabel', current + 1, count)} size={qrPixelSize(uri)} />
            <figcaption aria-live="polite" data-testid="export-migration-position">
              {t('exportMigrationPosition', current + 1, count)}
            </figcaption>
          </figure>
          <div class="qr-nav">
            <button type="button" data-testid="export-migration-prev" disabled={current === 0} onClick={() => setIndex(current - 1)}>
              {t('exportMigrationPrev')}
            </button>
            <button type="button" data-testid="export-migration-next" disabled={current >= count - 1} onClick={() => setIndex(current + 1)}>
              {t('exportMigrationNext')}
            </button>
          </div>
        </>
      ) : (
        <p>{t('exportMigrationNone')}</p>
      )}
      {exported.skipped.length + exported.notes.length > 0 && (
        <ul data-testid="export-migration-skipped">
          {[...exported.skipped, ...exported.notes].map((s) => (
            <li key={s.index}>{problemText(s.problem)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
