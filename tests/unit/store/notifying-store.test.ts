import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../../lib/store/key-value-store';
import { notifyingStore } from '../../../lib/store/notifying-store';

describe('notifyingStore', () => {
  it('tells of a completed set or removal of a watched key, and of nothing else', async () => {
    const inner = memoryStore();
    const heard: string[] = [];
    const store = notifyingStore(inner, ['watched'], () => heard.push(String(inner.data.get('watched'))));
    await store.set('other', 1);
    await store.remove('other');
    await store.get('watched');
    expect(heard).toEqual([]);
    await store.set('watched', 'a');
    // Told after the write: what it hears is already stored.
    expect(heard).toEqual(['a']);
    await store.remove('watched');
    expect(heard).toEqual(['a', 'undefined']);
    expect(await store.get('other')).toBeUndefined();
  });

  it('tells nothing of a write that failed', async () => {
    const heard: number[] = [];
    const failing = { ...memoryStore(), set: () => Promise.reject(new Error('quota')) };
    const store = notifyingStore(failing, ['watched'], () => heard.push(1));
    await expect(store.set('watched', 'x')).rejects.toThrow('quota');
    expect(heard).toEqual([]);
  });
});
