import type { ImportFormat, SkippedEntry } from '@/lib/import/import-types';
import type { PlannedImport } from '@/lib/import/plan-import';
import type { MessageKey } from '@/lib/i18n/message-key';
import type { AccountDraft } from '@/lib/otp/account';
import { codeAt } from '@/lib/otp/generate-code';
import { groupCode } from '@/lib/otp/group-code';
import { problemText, t, tCount } from '../shared/t';
import { useNow } from '../shared/use-now';

const TYPE_NAMES: Record<AccountDraft['type'], MessageKey> = {
  totp: 'importType_totp',
  hotp: 'importType_hotp',
  steam: 'importType_steam',
};
const typeName = (type: AccountDraft['type']): string => t(TYPE_NAMES[type]);

/**
 * The accounts a file holds, before anything is written: a check box each (duplicates of
 * accounts already in Sesame are marked and start unchecked), issuer, name, type and the live code
 * so the user can compare with the other app. Entries that could not be read are listed with why.
 */
export function ImportPreview({
  format,
  plan,
  unreadable,
  selected,
  offsetSeconds,
  onToggle,
  onSubmit,
  busy,
}: {
  format: ImportFormat;
  plan: readonly PlannedImport[];
  unreadable: readonly SkippedEntry[];
  selected: readonly boolean[];
  offsetSeconds: number;
  onToggle: (index: number, on: boolean) => void;
  onSubmit: () => void;
  busy: boolean;
}) {
  const now = useNow(offsetSeconds);
  const count = selected.filter(Boolean).length;
  return (
    <div class="import-preview" data-testid="import-preview">
      <p>{tCount('importPreviewFound', plan.length, format.name, plan.length)}</p>
      {plan.length > 0 && (
        <table class="import-table">
          <caption class="visually-hidden">{t('importPreviewCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('importColumnImport')}</th>
              <th scope="col">{t('importColumnIssuer')}</th>
              <th scope="col">{t('importColumnLabel')}</th>
              <th scope="col">{t('importColumnType')}</th>
              <th scope="col">{t('importColumnCode')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.map((p, i) => {
              const name = [p.draft.issuer, p.draft.label].filter(Boolean).join(': ') || '?';
              return (
                <tr
                  key={i}
                  data-testid="import-row"
                  data-issuer={p.draft.issuer}
                  data-label={p.draft.label}
                  data-duplicate={p.duplicate ? 'true' : 'false'}
                  class={p.duplicate ? 'duplicate' : undefined}
                >
                  <td>
                    <input
                      type="checkbox"
                      data-testid="import-row-check"
                      checked={selected[i] === true}
                      aria-label={t('importChoose', name)}
                      onChange={(e) => onToggle(i, e.currentTarget.checked)}
                    />
                  </td>
                  <td>
                    {p.draft.issuer}
                    {p.duplicate && (
                      <span class="badge" data-testid="import-duplicate">
                        {' '}
                        {t('importDuplicate')}
                      </span>
                    )}
                  </td>
                  <td>{p.draft.label}</td>
                  <td>{typeName(p.draft.type)}</td>
                  <td class="code-cell mono" data-testid="import-code">
                    {groupCode(codeAt(p.draft, now))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {unreadable.length > 0 && (
        <>
          <p class="error">{tCount('importResultUnreadable', unreadable.length)}</p>
          <ul data-testid="import-skipped">
            {unreadable.map((s, i) => (
              <li key={i}>
                {s.name}: {problemText(s.problem)}
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" class="primary" data-testid="import-submit" disabled={busy} onClick={onSubmit}>
        {busy ? t('working') : tCount('importSubmit', count)}
      </button>
    </div>
  );
}
