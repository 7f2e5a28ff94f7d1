import { describe, expect, it } from 'vitest';
import { isDuplicate } from '../../../lib/import/find-duplicates';

const s = (...b: number[]) => new Uint8Array(b);

describe('isDuplicate', () => {
  const existing = [{ issuer: 'GitHub', secret: s(1, 2, 3) }];

  it('finds the same secret bytes under the same issuer, ignoring case and surrounding spaces', () => {
    expect(isDuplicate({ issuer: 'github ', secret: s(1, 2, 3) }, existing)).toBe(true);
  });

  it('does not match a different secret, a longer secret or another issuer', () => {
    expect(isDuplicate({ issuer: 'GitHub', secret: s(1, 2, 4) }, existing)).toBe(false);
    expect(isDuplicate({ issuer: 'GitHub', secret: s(1, 2, 3, 0) }, existing)).toBe(false);
    expect(isDuplicate({ issuer: 'GitLab', secret: s(1, 2, 3) }, existing)).toBe(false);
    expect(isDuplicate({ issuer: 'GitHub', secret: s(1, 2, 3) }, [])).toBe(false);
  });
});
