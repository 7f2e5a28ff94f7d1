import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const messages = JSON.parse(readFileSync(path.join(root, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string }
>;

describe('problem codes of lib/otp have messages', () => {
  const sources = readdirSync(path.join(root, 'lib/otp'))
    .filter((file) => file.endsWith('.ts') && file !== 'account.ts')
    .map((file) => readFileSync(path.join(root, 'lib/otp', file), 'utf8'));
  const codes = new Set(sources.flatMap((source) => [...source.matchAll(/fail\(\s*'([a-z0-9_]+)'/g)].map((m) => m[1]!)));

  it('finds the codes', () => expect(codes.size).toBeGreaterThan(15));
  it.each([...codes])('%s is in _locales/en/messages.json', (code) => {
    expect(messages[code]?.message).toBeTruthy();
  });
});
