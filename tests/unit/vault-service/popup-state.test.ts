import { describe, expect, it } from 'vitest';
import { popupStateFromReply, popupStateFromStores } from '../../../lib/vault-service/popup-state';
import { ASK_BACKGROUND, buildPopupSnapshots } from '../../../lib/vault-service/popup-snapshot';
import { DEFAULT_SETTINGS } from '../../../lib/settings/settings';
import { FIRST_DELAY_MS, FREE_FAILURES } from '../../../lib/vault/unlock-throttle';
import { DRAFT_DEFAULTS, type Account } from '../../../lib/otp/account';
import { toWire } from '../../../lib/messaging/account-wire';

const NOW = 1_700_000_000_000;
const ACME: Account = {
  ...DRAFT_DEFAULTS,
  id: 'a',
  order: 'a0',
  createdAt: 0,
  updatedAt: 0,
  type: 'totp',
  issuer: 'Acme',
  label: 'alice',
  secret: new Uint8Array([1, 2, 3]),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  note: 'n',
};
const settings = { autoLockMinutes: 5, timeOffsetSeconds: -3 };
const none = { snapshot: undefined, settings, vaultExists: undefined, unlockFailures: undefined };

describe("popupStateFromStores (the popup's first screen, without the background)", () => {
  it('a snapshot: the codes, with the settings from storage.local; the whole accounts still to come', () => {
    const state = popupStateFromStores({ ...none, snapshot: buildPopupSnapshots([ACME], 1).whole }, NOW);
    expect(state).toMatchObject({ phase: 'unlocked', settings, full: null, unreadable: 1, accounts: [{ id: 'a', issuer: 'Acme' }] });
  });

  it('no snapshot and a vault: the unlock form, with the wait after repeated wrong passphrases', () => {
    expect(popupStateFromStores({ ...none, vaultExists: true }, NOW)).toEqual({ phase: 'locked', settings });
    const failures = { count: FREE_FAILURES + 1, lastAt: NOW - 1000 };
    expect(popupStateFromStores({ ...none, vaultExists: true, unlockFailures: failures }, NOW)).toEqual({
      phase: 'locked',
      settings,
      retryAt: NOW - 1000 + FIRST_DELAY_MS,
    });
    // A wait that is over is no wait.
    expect(popupStateFromStores({ ...none, vaultExists: true, unlockFailures: failures }, NOW + FIRST_DELAY_MS)).toEqual({
      phase: 'locked',
      settings,
    });
  });

  it('only the background can tell: no vault flag (first run, or a vault older than the flag), "ask", or opened with the recovery key', () => {
    expect(popupStateFromStores(none, NOW)).toBeNull();
    expect(popupStateFromStores({ ...none, vaultExists: true, recoveryPending: true }, NOW)).toBeNull();
    expect(popupStateFromStores({ ...none, vaultExists: 'yes' }, NOW)).toBeNull();
    expect(popupStateFromStores({ ...none, vaultExists: true, snapshot: ASK_BACKGROUND }, NOW)).toBeNull();
  });

  it('reads missing or odd settings as the defaults', () => {
    expect(popupStateFromStores({ ...none, settings: undefined, vaultExists: true }, NOW)).toEqual({
      phase: 'locked',
      settings: DEFAULT_SETTINGS,
    });
  });
});

describe('popupStateFromReply', () => {
  it('unlocked: the whole accounts, for the list and for edit and scan', () => {
    const state = popupStateFromReply({ phase: 'unlocked', settings, accounts: [toWire(ACME)], unreadable: ['x', 'y'] });
    expect(state).toMatchObject({ phase: 'unlocked', unreadable: 2 });
    expect(state?.phase === 'unlocked' && state.full).toEqual([ACME]);
    expect(state?.phase === 'unlocked' && state.accounts).toBe(state?.phase === 'unlocked' && state.full);
  });

  it("an unlock's list: what the list draws, as from the start-up snapshot; the whole accounts still to come", () => {
    const state = popupStateFromReply({ phase: 'unlocked', settings, list: buildPopupSnapshots([ACME], 1).whole, unreadable: ['x'] });
    expect(state).toMatchObject({ phase: 'unlocked', settings, full: null, unreadable: 1, accounts: [{ id: 'a', issuer: 'Acme' }] });
    const listed = state?.phase === 'unlocked' ? state.accounts[0] : undefined;
    expect(listed && [...listed.secret]).toEqual([1, 2, 3]);
    expect(listed).not.toHaveProperty('note');
  });

  it('a list it cannot read (or "ask") is no state: the popup asks for the whole state instead', () => {
    expect(popupStateFromReply({ phase: 'unlocked', settings, list: ASK_BACKGROUND })).toBeNull();
    expect(popupStateFromReply({ phase: 'unlocked', settings, list: '{"v":2' })).toBeNull();
  });

  it('locked, setup and recovered carry their settings (and the wait)', () => {
    expect(popupStateFromReply({ phase: 'recovered', settings })).toEqual({ phase: 'recovered', settings });
    expect(popupStateFromReply({ phase: 'locked', settings, retryAt: NOW })).toEqual({ phase: 'locked', settings, retryAt: NOW });
    expect(popupStateFromReply({ phase: 'locked', settings })).toEqual({ phase: 'locked', settings });
    expect(popupStateFromReply({ phase: 'setup', settings })).toEqual({ phase: 'setup', settings });
  });
});
