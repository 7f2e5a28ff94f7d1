import type { AccountDraft } from '../otp/account';
import { parseOtpauthUri } from '../otp/parse-otpauth-uri';
import { fail, type Result } from '../result';
import { secretFromBase32 } from './decode-secret';
import { IMPORT_LIMITS } from './import-limits';
import { makeDraft, type DraftFields } from './make-draft';
import { redraft } from './redraft';

/** What a password manager item adds around its TOTP field. */
export type ItemFields = Pick<DraftFields, 'issuer' | 'label' | 'note' | 'tags' | 'pinned' | 'sites'>;

/**
 * A password manager's TOTP field (Bitwarden `login.totp`): an `otpauth://` URI, a `steam://`
 * Base32 secret or a bare Base32 secret (TOTP SHA1/6/30). The item's name and username stand in
 * for an issuer and label the field does not carry.
 */
export function draftFromTotpField(field: string, item: ItemFields): Result<AccountDraft> {
  const text = field.trim();
  if (text.length > IMPORT_LIMITS.maxUriChars) return fail('err_import_field_too_long', IMPORT_LIMITS.maxUriChars);
  if (/^otpauth:\/\//i.test(text)) {
    const parsed = parseOtpauthUri(text);
    if (!parsed.ok) return parsed;
    return redraft(parsed.value, {
      ...item,
      issuer: parsed.value.issuer || item.issuer,
      label: parsed.value.label || item.label,
    });
  }
  const steam = /^steam:\/\//i.test(text);
  const secret = secretFromBase32(steam ? text.slice('steam://'.length) : text);
  if (!secret.ok) return secret;
  return makeDraft({ ...item, type: steam ? 'steam' : 'totp', secret: secret.value });
}

/** Hosts of an item's login URIs, as sites for autofill. */
export function sitesFromUris(uris: readonly string[]): string[] {
  const hosts: string[] = [];
  for (const uri of uris) {
    try {
      const host = new URL(uri.includes('://') ? uri : `https://${uri}`).hostname;
      if (host && !hosts.includes(host)) hosts.push(host);
    } catch {
      // Not a URL (Bitwarden allows any text): no site.
    }
  }
  return hosts.slice(0, IMPORT_LIMITS.maxListItems);
}
