// The snapshot helper (extension/content/snapshot.js: one walk per row, one string
// per batch) must read every grid row as the reader's own queries do
// (src/web/reader/snapshot.rs, view_dom): same messages — sender, kind, text — in the
// same order. bench_read_rows (test build) reads the page's first grid three ways —
// the shipped path (the walk run by the page's main world, content/snapshot-main.js,
// reached by one DOM event per batch), the isolated helper alone, and the queries —
// and says whether they agree and how many batches the main world answered. In
// Chromium it runs in the content script's world through the DevTools protocol; in
// Firefox (no protocol reaches a content script's world) the test build runs it when
// the page sends a `saavdhan-bench-rows` event, and writes its figures to
// `data-saavdhan-bench-rows` (src/web/bench.rs `listen_rows`). Until 11-30 the helper
// was never found in Firefox (src/web/reader/snapshot.rs SNAPSHOT_JS): there the
// helper's side read no message, and this check fails.
//
// The main world's answer is the page's to forge: a page that swallows it (no answer)
// or answers garbage must leave the reader reading the same messages through its own
// helper (src/web/reader/record.rs `Batch::from_main` refuses what is not well-formed).
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
    // Not through getAttribute: one test replaces it in the page and counts its calls.
    const a = document.documentElement.attributes.getNamedItem('data-saavdhan-bench-rows');
    const v = a && a.value;
    return v && JSON.parse(v);
  });
}

// A page script that runs before the page's own: it stops the main world's answers
// (a capture listener on window sees them before the isolated side's on the
// document) and, with `garbage`, answers in their place.
function forge(kind) {
  return (page) => page.evaluateOnNewDocument((k) => {
    let forging = false;
    window.addEventListener('saavdhan-snapshot-answer', (e) => {
      if (forging) return;
      e.stopImmediatePropagation();
      if (k !== 'garbage') return;
      forging = true;
      try {
        for (const detail of ['garbage', '1\u001e\u001e\u001c', null]) {
          document.dispatchEvent(new CustomEvent('saavdhan-snapshot-answer', { detail }));
        }
      } finally {
        forging = false;
      }
    }, true);
  }, kind);
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
      it(`same messages all three ways on ${fixture}`, async () => {
        const page = await openFixture(browser, fixture);
        assert.equal(await waitForProtection(page), 'active');
        const r = await read(page);
        await page.close();
        assert.ok(r, 'bench_read_rows ran in the content script');
        assert.ok(r.messages > 0, `messages read with queries: ${r.messages}`);
        assert.ok(r.main_taken > 0 && r.main_refused === 0, `batches the main world answered: ${r.main_taken}, refused: ${r.main_refused}`);
        assert.equal(r.snap_messages, r.messages, 'as many messages through the main world');
        assert.equal(r.snap_same, true, 'the same messages through the main world');
        assert.equal(r.iso_messages, r.messages, 'as many messages through the isolated helper');
        assert.equal(r.iso_same, true, 'the same messages through the isolated helper');
      });
    }

    it('a page that replaces the DOM methods after loading: the main world answers without calling them', async () => {
      const page = await openFixture(browser, FIXTURES[2]);
      assert.equal(await waitForProtection(page), 'active');
      // Replaced on the prototypes the walk's elements inherit from, and shadowed on
      // HTMLElement's: the main world's walk must call the methods it took at
      // document_start, never these (the isolated world's prototypes are its own).
      await page.evaluate(() => {
        window.__swapped = 0;
        for (const [proto, name] of [[Element.prototype, 'getAttribute'], [Element.prototype, 'hasAttribute'], [HTMLElement.prototype, 'hasAttributes']]) {
          const f = Element.prototype[name];
          proto[name] = function (...a) { window.__swapped++; return f.apply(this, a); };
        }
        for (const [proto, name] of [[Node.prototype, 'textContent'], [Element.prototype, 'nextElementSibling']]) {
          const d = Object.getOwnPropertyDescriptor(proto, name);
          Object.defineProperty(proto, name, { ...d, get() { window.__swapped++; return d.get.call(this); } });
        }
      });
      const r = await read(page);
      const swapped = await page.evaluate(() => window.__swapped);
      await page.close();
      assert.ok(r && r.messages > 0, 'bench_read_rows ran in the content script');
      assert.ok(r.main_taken > 0 && r.main_refused === 0, `batches the main world answered: ${r.main_taken}, refused: ${r.main_refused}`);
      assert.equal(r.snap_same, true, 'the same messages through the main world');
      assert.equal(swapped, 0, 'no replaced method was called');
    });

    for (const how of ['silent', 'garbage']) {
      it(`a page that ${how === 'silent' ? 'swallows the main world\'s answers' : 'answers garbage in its place'}: the reader reads the same messages itself`, async () => {
        const page = await openFixture(browser, FIXTURES[2], { prepare: forge(how) });
        assert.equal(await waitForProtection(page), 'active');
        const r = await read(page);
        const errors = await page.evaluate(() => document.documentElement.getAttribute('data-saavdhan-protection'));
        await page.close();
        assert.equal(errors, 'active');
        assert.ok(r, 'bench_read_rows ran in the content script');
        assert.ok(r.messages > 0, `messages read with queries: ${r.messages}`);
        assert.equal(r.main_taken, 0, 'no answer of the main world taken');
        if (how === 'garbage') assert.ok(r.main_refused > 0, `garbage refused: ${r.main_refused}`);
        assert.equal(r.snap_messages, r.messages, 'as many messages');
        assert.equal(r.snap_same, true, 'the same messages');
      });
    }
  });
}
