import { STEAM, type AccountDraft } from '../otp/account';
import { encodeBase32 } from '../otp/base32';
import { appendRecoveryCodes } from './recovery-codes-note';

/** Version of Aegis' vault content this writes (`Vault.VERSION`: entries with group UUIDs). */
const AEGIS_DB_VERSION = 3;

function info(a: AccountDraft): Record<string, unknown> {
  const secret = encodeBase32(a.secret);
  switch (a.type) {
    case 'totp':
      return { secret, algo: a.algorithm, digits: a.digits, period: a.period };
    case 'hotp':
      return { secret, algo: a.algorithm, digits: a.digits, counter: a.counter };
    case 'steam':
      return { secret, algo: STEAM.algorithm, digits: STEAM.digits, period: STEAM.period };
  }
}

/**
 * An unencrypted Aegis vault export (beemdevelopment/Aegis docs/vault.md: `{version: 1, header:
 * {slots: null, params: null}, db: {version: 3, entries, groups}}`), which Aegis imports and so
 * does Sesame. Carried: type, issuer, name, secret, algorithm, digits, period/counter, Steam,
 * note, pinned (`favorite`) and tags (Aegis groups). Recovery codes are appended to the note,
 * marked "as of" `now` (see recovery-codes-note.ts). Sites are left out (Aegis has no such field).
 * `newUuid` gives each entry and group its UUID (random by default).
 */
export function exportAegisPlain(
  accounts: readonly AccountDraft[],
  now: number | Date,
  newUuid: () => string = () => crypto.randomUUID(),
): string {
  const date = new Date(now);
  const groups = new Map<string, string>();
  for (const a of accounts) for (const tag of a.tags) if (!groups.has(tag)) groups.set(tag, newUuid());
  const entries = accounts.map((a) => ({
    type: a.type,
    uuid: newUuid(),
    name: a.label,
    issuer: a.issuer,
    note: appendRecoveryCodes(a.note, a.recoveryCodes, date),
    favorite: a.pinned,
    icon: null,
    icon_mime: null,
    icon_hash: null,
    info: info(a),
    groups: a.tags.map((t) => groups.get(t)),
  }));
  const vault = {
    version: 1,
    header: { slots: null, params: null },
    db: {
      version: AEGIS_DB_VERSION,
      entries,
      groups: [...groups].map(([name, uuid]) => ({ uuid, name })),
    },
  };
  return `${JSON.stringify(vault, null, 4)}\n`;
}
