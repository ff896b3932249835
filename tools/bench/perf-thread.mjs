// The bench's 5,000-message thread opened in a browser with the extension, for the
// developer tools that step through its appends (warmup-trace.mjs, first-calls.mjs).
// The page is the e2e server's Messenger fixture in its bench mode; `fed(n)` waits until
// the extension has fed n messages to the engine (its `data-saavdhan-perf` attribute).

export const PAGE = '/messages/t/100090000000700?n=5000&test=1&nocopy=1&bench=1';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function openThread(browser, server) {
  const page = await browser.newPage();
  await page.goto(server.url(PAGE), { waitUntil: 'load', timeout: 60_000 });
  await page.waitForFunction(() => window.__saavdhanPerf && window.__saavdhanPerf.ready, { timeout: 60_000, polling: 50 });
  const fed = async (want) => {
    const end = Date.now() + 30_000;
    for (;;) {
      const n = await page.evaluate(() => (JSON.parse(document.documentElement.getAttribute('data-saavdhan-perf') || 'null') || {}).fed || 0);
      if (n >= want) return;
      if (Date.now() > end) throw new Error(`reader fed ${n} of ${want} messages within 30 s`);
      await sleep(100);
    }
  };
  await fed(5000);
  return { page, fed };
}
