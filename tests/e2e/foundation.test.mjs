// Foundation end-to-end tests: the BUILT extension (dist/chrome, dist/firefox) in real
// headless Chromium and Firefox ESR, against the local HTTPS "www.facebook.com".
// One browser launch per describe block; the same tests run in both browsers.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, closeBrowser, browserInfo, openFixture, openExtensionPage,
  waitForBanner, banners, waitForProtection, readDebug, pageErrors, screenshot, recordRequests,
  waitForTabState, readExtensionStorage,
} from './lib/index.mjs';

const WHATSAPP_THREAD = '/messages/t/100090000000001';
const BENIGN_THREAD = '/messages/t/100090000000002';
const STRICT_CSP_THREAD = '/messages/t/100090000000003';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Requests browsers make on their own for a page (not the extension's doing). */
const BROWSER_OWN_PATHS = new Set(['/favicon.ico']);
/** Files the fixture pages themselves load (the strict-CSP page's own script). */
const PAGE_OWN_PATHS = new Set(['/foundation/page-script.js']);

for (const kind of ['chromium', 'firefox']) {
  describe(`foundation e2e in ${kind}`, { timeout: 240_000 }, () => {
    let server;
    let browser;
    let recorder;
    const opened = new Set(); // fixture URLs the tests themselves opened
    const open = async (p, opts) => {
      const page = await openFixture(browser, p, opts);
      opened.add(page.url());
      return page;
    };

    before(async () => {
      server = await startServer();
      const t0 = Date.now();
      browser = await launchBrowser(kind, { server });
      recorder = await recordRequests(browser);
      console.log(`# ${kind}: launched with the extension in ${Date.now() - t0} ms (${browserInfo(browser).extensionOrigin})`);
    });

    after(async () => {
      await closeBrowser(browser);
      await server?.close();
    });

    it('starts WebAssembly on a Messenger thread: the background marks the tab protected', async () => {
      const page = await open(WHATSAPP_THREAD);
      const tab = await waitForTabState(browser, page, (s) => s.state && s.state.state !== undefined);
      assert.equal(tab.state.state, 'active', `tab state ${JSON.stringify(tab.state)}`);
      assert.deepEqual(pageErrors(page).filter((e) => e.kind === 'pageerror'), []);
      await page.close();
    });

    it('shows a warning banner when a non-friend asks for the WhatsApp number', async () => {
      const page = await open(WHATSAPP_THREAD);
      const banner = await waitForBanner(page, { level: 'warning' });
      assert.equal(banner.level, 'warning');
      assert.ok(banner.stage, 'the banner host carries data-saavdhan-stage');
      assert.equal((await banners(page)).length, 1, 'exactly one banner');
      const file = await screenshot(page, 'foundation-whatsapp-thread');
      console.log(`# ${kind}: screenshot ${file}`);
      assert.deepEqual(pageErrors(page).filter((e) => e.kind === 'pageerror'), []);
      await page.close();
    });

    it('shows no banner when a friend of nine years shares his own number', async () => {
      const page = await open(BENIGN_THREAD);
      const protection = await waitForProtection(page);
      assert.equal(protection, 'active', `protection ${JSON.stringify(protection)}`);
      await sleep(1500); // the controller re-reads on mutations; give it time to (wrongly) warn
      assert.deepEqual(await banners(page), []);
      await page.close();
    });

    it(kind === 'chromium'
      ? 'strict page CSP (no wasm-unsafe-eval): page untouched, badge and state say paused'
      : 'strict page CSP: content scripts are not bound by it, protection still works',
    async () => {
      const page = await open(STRICT_CSP_THREAD);
      assert.equal(await page.evaluate(() => window.__pageScriptRan === true), true, "the page's own script ran");
      if (kind === 'chromium') {
        const tab = await waitForTabState(browser, page, (s) => s.state && s.state.state !== undefined);
        assert.equal(tab.state.state, 'paused_wasm', `tab state ${JSON.stringify(tab.state)}`);
        assert.equal(tab.badge, '!', 'badge shows the paused mark');
        await sleep(1000);
        assert.deepEqual(await banners(page), [], 'no banner');
        // Only the test-only debug attribute on <html> may have changed (fixtures only).
        const foreign = (await page.evaluate(() => window.__foreignMutations))
          .filter((m) => !/^attribute data-saavdhan-[a-z-]+ on <html>$/.test(m));
        assert.deepEqual(foreign, [], 'no DOM change by the extension');
        const dbg = await readDebug(page);
        assert.equal(dbg.protection, 'paused_wasm');
      } else {
        const banner = await waitForBanner(page, { level: 'warning' });
        assert.equal(banner.level, 'warning');
        const tab = await waitForTabState(browser, page, (s) => s.state && s.state.state !== undefined);
        assert.equal(tab.state.state, 'active');
      }
      // The page's own script still works.
      await page.click('#page-counter');
      await page.click('#page-counter');
      await page.waitForFunction(() => document.getElementById('page-counter').textContent === '2', { timeout: 5000 });
      await page.close();
    });

    it('makes no network request beyond its own package files', async () => {
      // Exercise the extension once more: a warning thread, a benign thread, the popup.
      const warn = await open(WHATSAPP_THREAD);
      await waitForBanner(warn, { level: 'warning' });
      const benign = await open(BENIGN_THREAD);
      await waitForProtection(benign);
      const popup = await openExtensionPage(browser, 'pages/popup.html');
      await sleep(1500);
      await recorder.settle();
      const origin = browserInfo(browser).extensionOrigin;

      const seen = recorder.requests.length;
      assert.ok(seen > 0, 'the recorder saw requests (it works)');
      const extensionFiles = recorder.requests.filter((r) => r.url.startsWith(origin + '/'));
      const offending = recorder.networkRequests({ allowed: [...opened] })
        .filter((r) => !BROWSER_OWN_PATHS.has(safePath(r.url)) && !PAGE_OWN_PATHS.has(safePath(r.url)));
      assert.deepEqual(offending.map((r) => `${r.context} ${r.contextUrl} → ${r.url}`), [],
        'network requests other than the fixture pages the test opened');
      const served = server.requests.filter((r) => !opened.has(`https://${r.host}:${server.port}${r.url}`)
        && !BROWSER_OWN_PATHS.has(r.path) && !PAGE_OWN_PATHS.has(r.path));
      assert.deepEqual(served.map((r) => `${r.method} ${r.host}${r.url}`), [],
        'the "Facebook" server received requests the tests did not make');
      console.log(`# ${kind}: ${seen} requests recorded, ${extensionFiles.length} to the extension's own files, ` +
        `${server.requests.length} served by the test server, 0 elsewhere`);
      for (const p of [warn, benign, popup]) await p.close();
      // Storage holds no message text.
      const local = JSON.stringify(await readExtensionStorage(browser));
      for (const phrase of ['WhatsApp number', 'Good morning ji', 'save my new number']) {
        assert.ok(!local.includes(phrase), `chrome.storage.local must not hold message text ("${phrase}")`);
      }
    });
  });
}

function safePath(u) {
  try { return new URL(u).pathname; } catch { return ''; }
}
