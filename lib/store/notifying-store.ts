import type { KeyValueStore } from './key-value-store';

/**
 * `store`, calling `written` once a write (a set or a removal) of one of `keys` has completed; other
 * keys pass through unheard. The background tells the popup this way that its next first screen
 * changed (lib/messaging/first-screen-notice.ts).
 */
export function notifyingStore(store: KeyValueStore, keys: readonly string[], written: () => void): KeyValueStore {
  const heard = (key: string) => {
    if (keys.includes(key)) written();
  };
  return {
    get: (key) => store.get(key),
    set: async (key, value) => {
      await store.set(key, value);
      heard(key);
    },
    remove: async (key) => {
      await store.remove(key);
      heard(key);
    },
  };
}
