import { installFillAgent } from '@/page/autofill/fill-agent';

/**
 * Injected by the background with `scripting.executeScript({ files })` into the active tab, only
 * after the user asked for a fill (activeTab, no host permissions). Runs in the isolated world and
 * only defines the agent; the code arrives later, in a separate call. See docs/autofill.md.
 */
export default defineUnlistedScript(() => {
  installFillAgent(globalThis, document);
});
