import { startStoreReads } from '@/components/popup/read-stores';

/**
 * Loaded by popup.html as an async classic script, first in its head: it starts the two reads the
 * popup's first screen is made from (components/popup/read-stores.ts), so they run while the
 * browser fetches and evaluates the popup's modules instead of after (docs/design.md, "Popup
 * start-up"). Reads only; the popup's main module takes what they return, or reads itself if
 * this script comes too late.
 */
export default defineUnlistedScript(() => {
  startStoreReads();
});
