// Scores the field finder (page/autofill/find-otp-field.ts) on the real-world page corpus
// (tests/fixtures/otp-pages/, expected.json), in both modes: a passive probe and an explicit fill
// (the user asked). Prints one line per page and the totals. Usage: npm run score:autofill
import { createServer } from 'vite';

const server = await createServer({
  configFile: false,
  logLevel: 'error',
  server: { middlewareMode: true, hmr: false },
  appType: 'custom',
  optimizeDeps: { noDiscovery: true },
});
try {
  const { scoreCorpus, passes } = await server.ssrLoadModule('/tests/unit/page/autofill/otp-corpus.ts');
  const { findOtpField } = await server.ssrLoadModule('/page/autofill/find-otp-field.ts');
  const scores = scoreCorpus((doc, mode) => findOtpField(doc, { focused: null, explicit: mode === 'explicit' }));
  const byFile = new Map();
  for (const s of scores) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  const pad = (t, n) => String(t).padEnd(n);
  console.log(`${pad('page', 42)}${pad('kind', 30)}${pad('passive', 12)}${pad('explicit', 12)}got (explicit)`);
  for (const [file, [p, e]] of byFile) {
    const mark = passes(p) && passes(e) ? ' ' : '✗';
    console.log(`${mark}${pad(file, 41)}${pad(p.meta.kind, 30)}${pad(p.outcome, 12)}${pad(e.outcome, 12)}${e.got}`);
  }
  console.log('');
  for (const mode of ['passive', 'explicit']) {
    const of = scores.filter((s) => s.mode === mode);
    const count = (o) => of.filter((s) => s.outcome === o).length;
    const positives = of.filter((s) => s.meta.expect !== null).length;
    const negatives = of.length - positives;
    console.log(
      `${pad(mode, 9)} code pages ${positives}: found ${count('found')}, wrong ${count('wrong')}, missed ${count('missed')}` +
        (count('not-asked') ? `, explicit-only ${count('not-asked')}` : '') +
        ` | must-not pages ${negatives}: false fills ${count('false-fill')}`,
    );
  }
  const failing = scores.filter((s) => !passes(s)).length;
  console.log(`\n${scores.length - failing} passed, ${failing} failed`);
} finally {
  await server.close();
}
