// Helpers for the family/privacy end-to-end tests: open and use the extension's own
// pages in both browsers. In Firefox, a WebDriver BiDi navigation to a moz-extension://
// page never reports "load" to puppeteer (measured: the page is complete and usable,
// page.goto still times out), so the navigation is started, then the document itself
// is polled. (Not a test file: node --test runs only *.test.mjs.)
import { browserInfo, trackPageErrors } from './lib/index.mjs';

export async function openExtensionPage(browser, rel, { timeout = 30_000 } = {}) {
  const { extensionOrigin, kind } = browserInfo(browser);
  const page = await browser.newPage();
  trackPageErrors(page);
  const url = `${extensionOrigin}/${rel.replace(/^\//, '')}`;
  if (kind !== 'firefox') {
    await page.goto(url, { waitUntil: 'load', timeout });
    return page;
  }
  await page.goto(url, { waitUntil: 'load', timeout: 3000 }).catch(() => {});
  const end = Date.now() + timeout;
  for (;;) {
    const ok = await page.evaluate((u) => location.href === u && document.readyState === 'complete', url).catch(() => false);
    if (ok) return page;
    if (Date.now() > end) throw new Error(`openExtensionPage: ${url} did not load within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs fn(arg) in a fresh extension page (chrome.* available); returns its JSON result. */
export async function evaluateInExtension(browser, fn, arg = null) {
  const page = await openExtensionPage(browser, 'pages/popup.html?tab=-1');
  try {
    return await page.evaluate(fn, arg);
  } finally {
    await page.close().catch(() => {});
  }
}

/** The whole of chrome.storage.<area> ('local' by default). */
export function readExtensionStorage(browser, { area = 'local' } = {}) {
  return evaluateInExtension(browser, (a) => chrome.storage[a].get(null), area);
}

/** Polls what the background keeps for the tab showing `page` until it has a state: {tabId, state}. */
export async function waitForTabState(browser, page, { timeout = 20_000 } = {}) {
  const url = page.url();
  const end = Date.now() + timeout;
  let last = null;
  for (;;) {
    last = await evaluateInExtension(browser, async (u) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
      if (!tab) return { error: `no tab with url ${u}` };
      const key = `tab:${tab.id}`;
      return { tabId: tab.id, state: (await chrome.storage.session.get(key))[key] ?? null };
    }, url).catch((e) => ({ error: e.message }));
    if (!last.error && last.state && last.state.state) return last;
    if (Date.now() > end) throw new Error(`no tab state within ${timeout} ms; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
