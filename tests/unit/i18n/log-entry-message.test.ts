import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { logEntryMessage } from '../../../lib/i18n/log-entry-message';
import type { LogEntry } from '../../../lib/vault/log-entry';

const messages = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string }
>;
const fill = (key: string, params: readonly string[]) =>
  messages[key]!.message.replace(/\$(\d)/g, (_, n: string) => params[Number(n) - 1] ?? '');

const ref = { accountId: 'a1', issuer: 'Acme', label: 'alice' };
const ALL: LogEntry[] = [
  { type: 'account-added', time: 1, ...ref },
  { type: 'account-edited', time: 1, ...ref },
  { type: 'account-deleted', time: 1, ...ref },
  { type: 'account-restored', time: 1, ...ref },
  { type: 'code-copied', time: 1, ...ref },
  { type: 'code-filled', time: 1, ...ref, site: 'acme.example' },
  { type: 'imported', time: 1, count: 3 },
  { type: 'exported', time: 1, kind: 'aegis-plain' },
  { type: 'unlocked', time: 1 },
  { type: 'unlock-failed', time: 1 },
  { type: 'passphrase-changed', time: 1 },
  { type: 'unlocked-passkey', time: 1 },
  { type: 'unlocked-recovery-key', time: 1 },
  { type: 'recovery-key-created', time: 1 },
  { type: 'passkey-added', time: 1, name: 'YubiKey' },
  { type: 'passkey-removed', time: 1, name: 'YubiKey' },
];

describe('logEntryMessage', () => {
  it.each(ALL)('has a message in _locales/en for $type, with every substitution used', (entry) => {
    const { key, params, count } = logEntryMessage(entry);
    // A message that counts has plural forms (lib/i18n/plural-message.ts): check each English one.
    for (const form of count === undefined ? [key] : [`${key}_one`, `${key}_other`]) {
      expect(messages[form], form).toBeDefined();
      const text = fill(form, params);
      for (const p of params) expect(text).toContain(p);
      expect(text).not.toMatch(/\$\d/);
    }
  });
  it('names the account as "issuer (label)"', () => {
    expect(logEntryMessage({ type: 'code-filled', time: 1, ...ref, site: 'acme.example' })).toEqual({
      key: 'log_code_filled',
      params: ['Acme (alice)', 'acme.example'],
    });
    expect(logEntryMessage({ type: 'code-copied', time: 1, ...ref, issuer: '' }).params).toEqual(['alice']);
  });
});
