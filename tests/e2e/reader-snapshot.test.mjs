// The snapshot helper (extension/content/snapshot.js: one walk per row, one string
// per batch) must read every grid row as the reader's own queries do
// (src/web/reader/snapshot.rs, view_dom): same messages — sender, kind, text — in the
// same order. bench_read_rows (test build) reads the page's first grid both ways and
// says whether they agree. In Chromium it runs in the content script's world through
// the DevTools protocol; in Firefox (no protocol reaches a content script's world) the
// test build runs it when the page sends a `saavdhan-bench-rows` event, and writes
// its figures to `data-saavdhan-bench-rows` (src/web/bench.rs `listen_rows`). Until
// 11-30 the helper was never found in Firefox (src/web/reader/snapshot.rs
// SNAPSHOT_JS): there the helper's side read no message, and this check fails.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchChromium, launchFirefox, closeBrowser, openFixture, waitForProtection } from './lib/index.mjs';

// Grid-layout fixtures: English and Hindi threads, date separators, replies and
// media kinds, a danger thread, a 5,000-message thread.
const FIXTURES = [
  '/messages/t/100090000000011',
  '/messages/e2ee/t/100090000000012',
  '/messages/t/100090000000043',
  '/messages/t/100090000000503',
  '/messages/t/100090000000601',
  '/messages/t/100090000000016',
];

// How each browser reaches bench_read_rows in the content script's world.
async function readViaProtocol(page) {
  const cdp = await page.createCDPSession();
  const worlds = [];
  cdp.on('Runtime.executionContextCreated', (e) => {
    const c = e.context;
    if (c.auxData && c.auxData.type === 'isolated' && String(c.origin).startsWith('chrome-extension://')) worlds.push(c.id);
  });
  await cdp.send('Runtime.enable');
  let r = null;
  for (const id of worlds) {
    const ev = await cdp.send('Runtime.evaluate', {
      contextId: id, returnByValue: true,
      expression: 'typeof wasm_bindgen === "function" && wasm_bindgen.bench_read_rows ? wasm_bindgen.bench_read_rows() : null',
    });
    if (ev.result && typeof ev.result.value === 'string' && ev.result.value !== 'null') r = JSON.parse(ev.result.value);
  }
  return r;
}

function readViaEvent(page) {
  return page.evaluate(() => {
    document.dispatchEvent(new CustomEvent('saavdhan-bench-rows', { detail: 'isolated' }));
    const v = document.documentElement.getAttribute('data-saavdhan-bench-rows');
    return v && JSON.parse(v);
  });
}

const BROWSERS = [
  ['chromium', launchChromium, readViaProtocol],
  ['firefox', launchFirefox, readViaEvent],
];

for (const [kind, launch, read] of BROWSERS) {
  describe(`snapshot helper agrees with the queries (${kind})`, { timeout: 300_000 }, () => {
    let server;
    let browser;
    before(async () => {
      server = await startServer();
      browser = await launch({ server });
    });
    after(async () => {
      await closeBrowser(browser);
      await server?.close();
    });

    for (const fixture of FIXTURES) {
      it(`same messages both ways on ${fixture}`, async () => {
        const page = await openFixture(browser, fixture);
        assert.equal(await waitForProtection(page), 'active');
        const r = await read(page);
        await page.close();
        assert.ok(r, 'bench_read_rows ran in the content script');
        assert.ok(r.messages > 0, `messages read with queries: ${r.messages}`);
        assert.equal(r.snap_messages, r.messages, 'as many messages through the helper');
        assert.equal(r.snap_same, true, 'the same messages through the helper');
      });
    }
  });
}
