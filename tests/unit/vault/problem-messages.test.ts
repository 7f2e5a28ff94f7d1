import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const messages = JSON.parse(readFileSync(path.join(root, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string }
>;

describe('problem codes of lib/vault and lib/vault-service have messages', () => {
  const sources = ['lib/vault', 'lib/vault-service'].flatMap((dir) =>
    readdirSync(path.join(root, dir))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(path.join(root, dir, file), 'utf8')),
  );
  const codes = new Set(sources.flatMap((source) => [...source.matchAll(/'(err_[a-z0-9_]+)'/g)].map((m) => m[1]!)));

  it('finds the codes', () => expect(codes.size).toBeGreaterThan(30));
  it.each([...codes])('%s is in _locales/en/messages.json', (code) => {
    // A problem that counts names its plural forms by a base (lib/i18n/plural-message.ts).
    expect(messages[code]?.message ?? messages[`${code}_other`]?.message).toBeTruthy();
  });
  it('the recovery key length message takes both counts', () => {
    expect(messages['err_recovery_key_length']!.message).toMatch(/\$1/);
    expect(messages['err_recovery_key_length']!.message).toMatch(/\$2/);
  });
});
