import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const messages = JSON.parse(readFileSync(path.join(root, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string }
>;

describe('problem codes of lib/sync have messages', () => {
  const sources = readdirSync(path.join(root, 'lib/sync'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(path.join(root, 'lib/sync', file), 'utf8'));
  const codes = new Set(sources.flatMap((source) => [...source.matchAll(/'(err_[a-z0-9_]+)'/g)].map((m) => m[1]!)));

  it('finds the codes', () => expect(codes.size).toBeGreaterThan(12));
  // A message that counts has plural forms instead (lib/i18n/plural-message.ts): `_one`, `_other`.
  it.each([...codes])('%s is in _locales/en/messages.json', (code) => {
    expect(messages[code]?.message ?? messages[`${code}_other`]?.message).toBeTruthy();
  });
  it('the messages that take numbers name them', () => {
    expect(messages['err_sync_too_large']!.message).toMatch(/\$1.*\$2/);
    expect(messages['err_sync_records_unreadable_one']!.message).toMatch(/\$1 piece of/);
    expect(messages['err_sync_records_unreadable_other']!.message).toMatch(/\$1 pieces of/);
  });
});
