// What a sign-in page's own scripts can observe. Tests read window.pageLog: before the user asks
// for a fill it must stay empty (no messages, no events, no new DOM nodes from the extension).
window.pageLog = [];
const log = (entry) => window.pageLog.push(entry);
window.addEventListener('message', (e) => log({ kind: 'message', data: String(JSON.stringify(e.data)) }));
for (const type of ['input', 'change', 'keydown', 'keyup', 'paste', 'focusin']) {
  window.addEventListener(type, (e) => log({ kind: type, value: e.target && 'value' in e.target ? e.target.value : '' }), true);
}
document.addEventListener('DOMContentLoaded', () => {
  new MutationObserver((records) => {
    for (const r of records) log({ kind: 'mutation', type: r.type, nodes: r.addedNodes.length });
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['value'] });
});
