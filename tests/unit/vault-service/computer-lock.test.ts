import { describe, expect, it } from 'vitest';
import { computerLockRule, FIREFOX_IDLE_LOCK_MINUTES, locksSesame } from '../../../lib/vault-service/computer-lock';

describe('lock when the computer locks', () => {
  it('Chrome: only the screen lock locks Sesame; a user reading without touching the mouse is not locked out', () => {
    const rule = computerLockRule('chrome');
    expect(locksSesame(rule, 'locked')).toBe(true);
    expect(locksSesame(rule, 'idle')).toBe(false);
    expect(locksSesame(rule, 'active')).toBe(false);
    expect(rule.idleSeconds).toBeNull();
  });

  it('Firefox never reports "locked": five minutes without input anywhere on the computer locks Sesame instead', () => {
    const rule = computerLockRule('firefox');
    expect(FIREFOX_IDLE_LOCK_MINUTES).toBe(5);
    expect(rule.idleSeconds).toBe(300);
    expect(locksSesame(rule, 'idle')).toBe(true);
    expect(locksSesame(rule, 'locked')).toBe(true);
    expect(locksSesame(rule, 'active')).toBe(false);
  });

  it('any other Chromium-based target follows Chrome', () => {
    expect(computerLockRule('edge')).toEqual(computerLockRule('chrome'));
  });
});
