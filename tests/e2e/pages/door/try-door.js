// What a hostile page (or a frame in it) can try: message the extension by id. Without
// `externally_connectable` the page has no chrome.runtime.sendMessage at all; with it, the message
// goes to onMessageExternal, which Sesame does not listen to.
window.tryDoor = async (extensionId, messages) => {
  const results = [];
  for (const message of messages) {
    const runtime = typeof chrome === 'object' && chrome ? chrome.runtime : undefined;
    if (!runtime || typeof runtime.sendMessage !== 'function') {
      results.push({ type: message.type, outcome: 'no-runtime' });
      continue;
    }
    try {
      const reply = await runtime.sendMessage(extensionId, message);
      results.push({ type: message.type, outcome: 'reply', reply: reply === undefined ? null : reply });
    } catch (error) {
      results.push({ type: message.type, outcome: 'error', error: String((error && error.message) || error) });
    }
  }
  return results;
};
window.tryConnect = (extensionId) =>
  new Promise((resolve) => {
    const runtime = typeof chrome === 'object' && chrome ? chrome.runtime : undefined;
    if (!runtime || typeof runtime.connect !== 'function') return resolve('no-runtime');
    try {
      const port = runtime.connect(extensionId);
      port.onMessage.addListener((m) => resolve({ message: m }));
      port.onDisconnect.addListener(() => resolve('disconnected'));
      port.postMessage({ type: 'state' });
    } catch (error) {
      resolve(`error: ${(error && error.message) || error}`);
    }
  });
