import { describe, expect, it } from 'vitest';
import {
  ASK_BACKGROUND,
  buildPopupSnapshots,
  FIRST_SCREEN_ACCOUNTS,
  MAX_SNAPSHOT_CHARS,
  readPopupSnapshot,
} from '../../../lib/vault-service/popup-snapshot';
import type { Account } from '../../../lib/otp/account';

const base = {
  label: 'alice',
  secret: new Uint8Array([1, 2, 3, 250]),
  note: 'my backup phone',
  tags: ['work'],
  pinned: false,
  order: 'a0',
  sites: ['https://acme.example'],
  recoveryCodes: [{ code: 'RECOV-1234', used: false }],
  createdAt: 1,
  updatedAt: 2,
};
const ACCOUNTS: Account[] = [
  { ...base, id: 't', issuer: 'Acme', type: 'totp', algorithm: 'SHA256', digits: 8, period: 60, order: 'a2' },
  { ...base, id: 'h', issuer: 'Counter', type: 'hotp', algorithm: 'SHA1', digits: 6, counter: 7, order: 'a1' },
  { ...base, id: 's', issuer: 'Steam', type: 'steam', pinned: true, order: 'a3' },
];

describe('popup snapshot', () => {
  it("keeps what the list needs, in the list's order (pinned first), and reads back the same", () => {
    const stored = buildPopupSnapshots(ACCOUNTS, 2).whole;
    const read = readPopupSnapshot(stored);
    expect(read).toEqual({
      kind: 'ready',
      unreadable: 2,
      more: 0,
      accounts: [
        {
          id: 's',
          issuer: 'Steam',
          label: 'alice',
          secret: new Uint8Array([1, 2, 3, 250]),
          tags: ['work'],
          pinned: true,
          order: 'a3',
          type: 'steam',
        },
        {
          id: 'h',
          issuer: 'Counter',
          label: 'alice',
          secret: new Uint8Array([1, 2, 3, 250]),
          tags: ['work'],
          pinned: false,
          order: 'a1',
          type: 'hotp',
          algorithm: 'SHA1',
          digits: 6,
          counter: 7,
        },
        {
          id: 't',
          issuer: 'Acme',
          label: 'alice',
          secret: new Uint8Array([1, 2, 3, 250]),
          tags: ['work'],
          pinned: false,
          order: 'a2',
          type: 'totp',
          algorithm: 'SHA256',
          digits: 8,
          period: 60,
        },
      ],
    });
  });

  it("keeps a conflict copy's mark (for its badge), and no mark on other accounts", () => {
    const copy: Account = { ...ACCOUNTS[0]!, id: 'c', conflictOf: { id: 't', clock: '0001:0002:dev' } };
    const read = readPopupSnapshot(buildPopupSnapshots([ACCOUNTS[0]!, copy], 0).whole);
    expect(read.kind === 'ready' && read.accounts.map((a) => [a.id, a.conflictOf])).toEqual([
      ['t', undefined],
      ['c', { id: 't', clock: '0001:0002:dev' }],
    ]);
    expect(read.kind === 'ready' && 'conflictOf' in read.accounts[0]!).toBe(false);
  });

  it('leaves out notes, recovery codes, saved sites and timestamps', () => {
    const stored = buildPopupSnapshots(ACCOUNTS, 0).whole;
    for (const left of ['my backup phone', 'RECOV-1234', 'acme.example', 'createdAt', 'updatedAt', 'note', 'sites', 'recoveryCodes']) {
      expect(stored).not.toContain(left);
    }
  });

  it('is "ask the background" when too long to keep', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ ...ACCOUNTS[0]!, id: `id-${i}`, issuer: 'x'.repeat(MAX_SNAPSHOT_CHARS / 150) }));
    expect(buildPopupSnapshots(many, 0)).toEqual({ whole: ASK_BACKGROUND, firstScreen: ASK_BACKGROUND });
    expect(readPopupSnapshot(ASK_BACKGROUND)).toEqual({ kind: 'ask' });
  });

  it('nothing stored is "none"; anything it cannot read is "ask", never a half-read list', () => {
    expect(readPopupSnapshot(undefined)).toEqual({ kind: 'none' });
    const good = JSON.parse(buildPopupSnapshots(ACCOUNTS, 0).whole) as { secrets: string; accounts: Record<string, unknown>[] };
    const broken = (change: (a: Record<string, unknown>, s: typeof good) => void) => {
      const copy = structuredClone(good);
      change(copy.accounts[1]!, copy);
      return JSON.stringify(copy);
    };
    for (const stored of [
      'not json',
      42,
      { v: 2 },
      JSON.stringify({ v: 1, accounts: [], unreadable: 0, secrets: '' }),
      JSON.stringify({ v: 2, accounts: {}, unreadable: 0, secrets: '' }),
      JSON.stringify({ v: 2, accounts: [], unreadable: 0 }),
      broken((a) => void (a.secret = 0)),
      broken((a) => void (a.secret = 5)),
      broken((a) => void (a.secret = 100)),
      broken((_, s) => void (s.secrets = 'not*base64')),
      broken((_, s) => void (s.secrets += 'AAAA')),
      broken((a) => void (a.algorithm = 'MD5')),
      broken((a) => void (a.digits = 9)),
      broken((a) => void (a.type = 'totp')),
      broken((a) => void delete a.id),
      broken((a) => void (a.counter = -1)),
      broken((a) => void (a.order = 1)),
      broken((a) => void (a.conflictOf = { id: 'h' })),
      broken((a) => void (a.conflictOf = null)),
    ]) {
      expect(readPopupSnapshot(stored), JSON.stringify(stored)).toEqual({ kind: 'ask' });
    }
  });

  it("the first screen holds the list's first accounts and says how many follow; the whole list holds them all", () => {
    const many: Account[] = Array.from({ length: FIRST_SCREEN_ACCOUNTS + 12 }, (_, i) => ({
      ...base,
      id: `id${i}`,
      issuer: `Svc ${i}`,
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      secret: new Uint8Array([i, i + 1, i + 2]),
      order: `b${String(i).padStart(3, '0')}`,
      pinned: i === 40,
    }));
    const { whole, firstScreen } = buildPopupSnapshots(many, 1);
    const all = readPopupSnapshot(whole);
    const first = readPopupSnapshot(firstScreen);
    if (all.kind !== 'ready' || first.kind !== 'ready') throw new Error('not ready');
    expect(all.accounts).toHaveLength(FIRST_SCREEN_ACCOUNTS + 12);
    expect(all.more).toBe(0);
    expect(first.more).toBe(12);
    expect(first.unreadable).toBe(1);
    // The same accounts, in the same (list) order: the pinned one first.
    expect(first.accounts).toEqual(all.accounts.slice(0, FIRST_SCREEN_ACCOUNTS));
    expect(first.accounts[0]!.id).toBe('id40');
    expect(first.accounts[1]!.secret).toEqual(new Uint8Array([0, 1, 2]));
  });

  it('a short list is its own first screen; a count that says fewer than it holds means "ask"', () => {
    const { whole, firstScreen } = buildPopupSnapshots(ACCOUNTS, 0);
    expect(firstScreen).toBe(whole);
    const parsed = JSON.parse(whole) as Record<string, unknown>;
    expect(readPopupSnapshot(JSON.stringify({ ...parsed, total: 2 }))).toEqual({ kind: 'ask' });
    expect(readPopupSnapshot(JSON.stringify({ ...parsed, total: -1 }))).toEqual({ kind: 'ask' });
    expect(readPopupSnapshot(JSON.stringify({ ...parsed, total: 5 }))).toMatchObject({ kind: 'ready', more: 2 });
  });
});
