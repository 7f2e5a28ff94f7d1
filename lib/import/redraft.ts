import type { AccountDraft } from '../otp/account';
import type { Result } from '../result';
import { makeDraft, type DraftFields } from './make-draft';

/** A draft's fields as `makeDraft` input. */
function draftFields(d: AccountDraft): DraftFields {
  const common = {
    type: d.type,
    secret: d.secret,
    issuer: d.issuer,
    label: d.label,
    note: d.note,
    tags: d.tags,
    pinned: d.pinned,
    sites: d.sites,
    recoveryCodes: d.recoveryCodes,
  };
  if (d.type === 'totp') return { ...common, algorithm: d.algorithm, digits: d.digits, period: d.period };
  if (d.type === 'hotp') return { ...common, algorithm: d.algorithm, digits: d.digits, counter: d.counter };
  return common;
}

/**
 * A draft from another parser (an otpauth URI, a migration payload) with fields the file adds
 * (a note, tags, pinned...), checked again against the import limits.
 */
export function redraft(d: AccountDraft, extra: Partial<DraftFields> = {}): Result<AccountDraft> {
  const fields = draftFields(d);
  const defined = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
  return makeDraft({ ...fields, ...defined });
}
