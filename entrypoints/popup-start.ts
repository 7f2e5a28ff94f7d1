import { startStoreReads } from '@/components/popup/read-stores';

/**
 * Loaded by popup.html as a classic script before anything else: it starts the two reads the
 * popup's first screen is made from (components/popup/read-stores.ts), so they run while the
 * browser fetches and evaluates the popup's modules instead of after (docs/design.md, "Popup
 * start-up"). Reads only; the popup's main module takes what they return.
 */
export default defineUnlistedScript(() => {
  startStoreReads();
});
