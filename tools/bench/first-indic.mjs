// The first message in an Indic script builds that script's automaton (lazy1). In Chromium,
// with the test build (dist-test/, or SAAVDHAN_DIST_CHROME):
//  1. appended: a log thread read in Latin letters (layout-log-en), then one message appended at
//     a time: a Latin one, the first Devanagari one (its automaton built in that step), a second
//     Devanagari one, a Latin one; each append's step (perf.last_ms) and its feed part;
//  2. first: the first step of a thread whose first message is Devanagari (layout-log-hi)
//     against one in Latin letters (layout-log-en), pages alternating.
// Long tasks (> 50 ms) of the page are listed with each. Not part of `make bench`.
//   node tools/bench/first-indic.mjs [reps]
import { startServer, launchBrowser, closeBrowser, openFixture, readDebug } from '../../tests/e2e/lib/index.mjs';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const reps = Number(process.argv[2] || 5);
const server = await startServer();
const browser = await launchBrowser('chromium', { server });
const watchLongTasks = (pg) => pg.evaluateOnNewDocument(() => {
  window.__lt = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
});
const rows = [];
async function append(page, text) {
  const before = (await readDebug(page)).perf.steps;
  await page.evaluate((t) => {
    window.__lt = [];
    const log = document.querySelector('[role=log]');
    const v = document.createElement('div');
    v.setAttribute('data-virtualized', 'false');
    const m = document.createElement('div');
    m.setAttribute('aria-roledescription', 'message');
    m.setAttribute('data-scope', 'messages_table');
    m.setAttribute('aria-label', `At 18:45, Rahul Mehta: ${t}`);
    const d = document.createElement('div');
    d.setAttribute('dir', 'auto');
    d.textContent = t;
    m.append(d); v.append(m); log.append(v);
  }, text);
  let d;
  for (let i = 0; i < 100; i++) { await sleep(100); d = await readDebug(page); if (d.perf.steps > before) break; }
  await sleep(600);
  d = await readDebug(page);
  return { steps: d.perf.steps - before, last_ms: d.perf.last_ms, feed_ms: d.perf.feed_ms, longtasks: await page.evaluate(() => window.__lt) };
}
for (let i = 0; i < reps; i++) {
  const page = await openFixture(browser, '/messages/t/100090000000041', {
    prepare: watchLongTasks,
  });
  for (let t = 0; t < 60; t++) { const d = await readDebug(page); if (d.read?.conversations?.[0]?.conversation?.messages?.length) break; await sleep(100); }
  await sleep(1500);
  // Warm the append path with Latin messages first.
  for (let j = 0; j < 3; j++) await append(page, `See you at the station at ${5 + j} pm`);
  let feed0 = (await readDebug(page)).perf.feed_ms;
  const r = {};
  for (const [k, t] of [['latin', 'Did you eat? Call me when you reach'], ['deva1', 'नमस्ते जी, आप कैसे हैं? कल मंदिर चलेंगे'], ['deva2', 'ठीक है, शाम को मिलते हैं'], ['latin2', 'Okay, see you in the evening']]) {
    const a = await append(page, t);
    const f = (await readDebug(page)).perf.feed_ms;
    a.feed_ms = +(f - feed0).toFixed(2); feed0 = f;
    r[k] = a;
  }
  rows.push(r);
  await page.close();
}
const out = { hi: [], en: [] };
for (let i = 0; i < reps; i++) {
  for (const [k, p] of [['hi', '/messages/t/100090000000045'], ['en', '/messages/t/100090000000041']]) {
    const page = await openFixture(browser, p, {
      prepare: watchLongTasks,
    });
    let d;
    for (let t = 0; t < 60; t++) { d = await readDebug(page); if (d.perf && d.read?.conversations?.[0]?.conversation?.messages?.length) break; await sleep(100); }
    await sleep(1000);
    d = await readDebug(page);
    const lt = await page.evaluate(() => window.__lt);
    const f = d.perf;
    out[k].push({ steps: f.steps, max_ms: f.max_ms, total_ms: f.total_ms, feed_ms: f.feed_ms, read_ms: f.read_ms, fed: f.fed, startup: d.startup?.total_ms, longtasks: lt });
    await page.close();
  }
}
await closeBrowser(browser);
await server.close();
console.log('appended, one line a page:');
for (const r of rows) console.log(Object.entries(r).map(([k, a]) => `${k}: step ${a.last_ms.toFixed(1)} ms (feed ${a.feed_ms}; long tasks ${JSON.stringify(a.longtasks)})`).join(' | '));
console.log('first step of a page:');
for (const k of ['hi', 'en']) for (const r of out[k]) console.log(k, `step ${r.max_ms.toFixed(1)} ms (feed ${r.feed_ms.toFixed(1)}, read ${r.read_ms.toFixed(1)}; ${r.fed} messages; start-up ${r.startup?.toFixed(1)} ms; long tasks ${JSON.stringify(r.longtasks)})`);
