import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds } from '../../../lib/import/json-depth';

describe('jsonDepthExceeds', () => {
  it('counts arrays and objects', () => {
    expect(jsonDepthExceeds('[[{"a":[1]}]]', 4)).toBe(false);
    expect(jsonDepthExceeds('[[{"a":[1]}]]', 3)).toBe(true);
  });

  it('ignores brackets inside strings, including after escaped quotes', () => {
    expect(jsonDepthExceeds('["[[[[", "\\"[[[[["]', 1)).toBe(false);
  });
});
