import type { Account } from '../otp/account';

/** Lower case without accents, so "zurich" finds "Zürich". */
const foldForSearch = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/**
 * The accounts whose issuer, label or tags contain every word of the query, in their original
 * order. An empty query keeps everything.
 */
export function filterAccounts<T extends Pick<Account, 'issuer' | 'label' | 'tags'>>(accounts: readonly T[], query: string): T[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...accounts];
  return accounts.filter((a) => {
    const haystack = foldForSearch([a.issuer, a.label, ...a.tags].join(' '));
    return words.every((w) => haystack.includes(w));
  });
}
