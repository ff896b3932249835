// Helpers that act like the user (open a page, look at it) and look at the extension
// from its own pages (storage, per-tab state). Work with browsers launched by browsers.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { browserInfo } from './browsers.mjs';
import { SCREENSHOT_DIR } from './paths.mjs';

const BANNER = '[data-saavdhan-level]';

/**
 * Opens `urlPath` of the test server in a new tab (host www.facebook.com unless
 * `host` is given) and waits for the load event. The page records its errors in
 * pageErrors(page). Returns the puppeteer Page.
 */
export async function openFixture(browser, urlPath, { host = 'www.facebook.com', server = null, timeout = 30_000, prepare = null } = {}) {
  const meta = browserInfo(browser);
  const srv = server || meta.server;
  if (!srv) throw new Error('openFixture: no server (pass {server} to the launcher or to openFixture)');
  const page = await browser.newPage();
  trackPageErrors(page);
  for (const r of meta.recorders) await r.settle?.();
  // prepare(page): before the page loads (e.g. a script of the page's own that runs first).
  if (prepare) await prepare(page);
  const url = srv.url(urlPath, host);
  const res = await page.goto(url, { waitUntil: 'load', timeout });
  if (!res) throw new Error(`openFixture: no response for ${url}`);
  if (res.status() !== 200) throw new Error(`openFixture: ${url} answered ${res.status()} (missing from tests/fixtures/routes.json?)`);
  return page;
}

const errorsOf = new WeakMap();

/** Starts collecting uncaught page errors and console errors of `page` (idempotent). */
export function trackPageErrors(page) {
  if (errorsOf.has(page)) return errorsOf.get(page);
  const list = [];
  errorsOf.set(page, list);
  page.on('pageerror', (e) => list.push({ kind: 'pageerror', text: String(e?.message || e) }));
  page.on('console', (m) => { if (m.type() === 'error') list.push({ kind: 'console', text: m.text() }); });
  return list;
}
/** Errors seen on `page` so far: [{kind: 'pageerror'|'console', text}]. */
export const pageErrors = (page) => errorsOf.get(page) || [];

/** Every Saavdhan warning host on the page: [{level, stage}]. */
export async function banners(page) {
  return page.$$eval(BANNER, (els) => els.map((e) => ({
    level: e.getAttribute('data-saavdhan-level'), stage: e.getAttribute('data-saavdhan-stage'),
  })));
}

/**
 * Waits until a warning host element is on the page (with `level`, when given) and
 * returns {level, stage}. The shadow root is closed, so only the host's attributes
 * are read. On timeout the error says what the page showed instead.
 */
export async function waitForBanner(page, { level = null, timeout = 20_000 } = {}) {
  try {
    const h = await page.waitForFunction((sel, lvl) => {
      for (const el of document.querySelectorAll(sel)) {
        const l = el.getAttribute('data-saavdhan-level');
        if (!lvl || l === lvl) return { level: l, stage: el.getAttribute('data-saavdhan-stage') };
      }
      return null;
    }, { timeout, polling: 100 }, BANNER, level);
    return await h.jsonValue();
  } catch (e) {
    const seen = await banners(page).catch(() => '?');
    const dbg = await readDebug(page).catch(() => ({}));
    throw new Error(`no Saavdhan banner${level ? ` with level "${level}"` : ''} within ${timeout} ms ` +
      `(${e.message}); banners on page: ${JSON.stringify(seen)}; debug attributes: ${JSON.stringify(dbg)}; ` +
      `page errors: ${JSON.stringify(pageErrors(page))}`);
  }
}

/**
 * The test-only debug surface: every data-saavdhan-* attribute on <html>, JSON-parsed
 * where possible ({test, read, protection, ...}). Facebook never sets data-saavdhan-test,
 * so this is only filled on fixtures.
 */
export async function readDebug(page) {
  const raw = await page.evaluate(() => {
    const out = {};
    for (const a of document.documentElement.attributes) {
      if (a.name.startsWith('data-saavdhan-')) out[a.name.slice('data-saavdhan-'.length)] = a.value;
    }
    return out;
  });
  for (const k of Object.keys(raw)) {
    try { raw[k] = JSON.parse(raw[k]); } catch { /* keep the string */ }
  }
  return raw;
}

/**
 * A debug read with each contact's `first_seen` (when the extension first saw the contact,
 * contract v2) checked — a readable time, never in the future — and taken out, so that a
 * read can be compared with fixed expectations.
 */
export function withoutFirstSeen(read) {
  if (!read) return read;
  const out = structuredClone(read);
  const convs = [...(out.conversations ?? []), ...(out.requests ?? []), ...(out.profile ? [out.profile] : [])];
  for (const c of convs.map((x) => x.conversation?.contact).filter(Boolean)) {
    const t = Date.parse(c.first_seen);
    if (!(t <= Date.now() + 60_000)) throw new Error(`first_seen of ${c.name} is not a time up to now: ${c.first_seen}`);
    delete c.first_seen;
  }
  return out;
}

/**
 * Waits until the content script has published its protection state on the fixture
 * (attribute data-saavdhan-protection on <html>) and returns it. Use before asserting
 * "no banner", so the absence means the extension looked and found nothing.
 */
export async function waitForProtection(page, { timeout = 20_000 } = {}) {
  try {
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-saavdhan-protection'),
      { timeout, polling: 100 });
  } catch (e) {
    throw new Error(`the content script never published data-saavdhan-protection within ${timeout} ms (${e.message}); ` +
      `page errors: ${JSON.stringify(pageErrors(page))}`);
  }
  return (await readDebug(page)).protection;
}

/** Saves a PNG of the page's viewport to out/screenshots/<browser>-<name>.png; returns the path. */
export async function screenshot(page, name) {
  const kind = browserInfo(page.browser()).kind;
  const safe = String(name).replace(/[^A-Za-z0-9._-]+/g, '-');
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${kind}-${safe}.png`);
  await page.screenshot({ path: file, type: 'png' });
  return file;
}

/**
 * Opens `rel` (e.g. 'pages/popup.html') of the extension in a new tab; returns a puppeteer
 * Page in both browsers.
 * Firefox: WebDriver BiDi sends no navigation events for extension-process tabs (bug
 * 1755014), so page.goto never sees "load"; the navigation is started with a short
 * timeout and the document is then polled until complete (the Page works normally
 * afterwards). If that fails, a minimal handle {url(), evaluate(fn, arg), close()} driven
 * by raw BiDi commands is returned. Both need --remote-allow-system-access (launchFirefox).
 */
export async function openExtensionPage(browser, rel, { timeout = 30_000 } = {}) {
  const meta = browserInfo(browser);
  const url = `${meta.extensionOrigin}/${rel.replace(/^\//, '')}`;
  const page = await browser.newPage();
  trackPageErrors(page);
  if (meta.kind !== 'firefox') {
    const res = await page.goto(url, { waitUntil: 'load', timeout });
    if (res && !res.ok()) throw new Error(`openExtensionPage: ${url} answered ${res.status()}`);
    return page;
  }
  await page.goto(url, { waitUntil: 'load', timeout: 3000 }).catch(() => {});
  const end = Date.now() + timeout;
  for (;;) {
    const ok = await page.evaluate((u) => location.href === u && document.readyState === 'complete', url)
      .catch(() => false);
    if (ok === true) return page;
    if (Date.now() > end) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.close().catch(() => {});
  return openFirefoxExtensionTab(browser, url, timeout);
}

async function openFirefoxExtensionTab(browser, url, timeout) {
  const conn = browser.connection;
  const send = async (method, params) => {
    const r = await conn.send(method, params);
    return r.result;
  };
  const { context } = await send('browsingContext.create', { type: 'tab' });
  const close = () => send('browsingContext.close', { context }).catch(() => {});
  const evaluateRaw = async (expression) => {
    const r = await send('script.evaluate', { expression, target: { context }, awaitPromise: true });
    if (r.type === 'exception') throw new Error(`in ${url}: ${r.exceptionDetails?.text || 'exception'}`);
    return r.result?.value;
  };
  try {
    await send('browsingContext.navigate', { context, url, wait: 'none' });
    const end = Date.now() + timeout;
    for (;;) {
      const ready = await evaluateRaw(
        `String(location.href === ${JSON.stringify(url)} && document.readyState === 'complete' && typeof chrome !== 'undefined' && !!chrome.storage)`,
      ).catch(() => 'false');
      if (ready === 'true') break;
      if (Date.now() > end) throw new Error(`openExtensionPage: ${url} did not load within ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (e) {
    await close();
    throw e;
  }
  return {
    url: () => url,
    /** Runs fn(arg) in the page; the result must be JSON-serialisable. */
    async evaluate(fn, arg = null) {
      const json = await evaluateRaw(
        `Promise.resolve((${fn.toString()})(${JSON.stringify(arg)})).then((v) => JSON.stringify(v === undefined ? null : v))`,
      );
      return JSON.parse(json);
    },
    close,
  };
}

const STORAGE_PAGES = ['pages/popup.html', 'pages/options.html'];

/**
 * Runs `fn(arg)` inside a privileged extension page (chrome.* available) and returns
 * its JSON result. The first of pages/popup.html, pages/options.html that loads with
 * chrome.storage is used; the tab is closed afterwards.
 */
export async function evaluateInExtension(browser, fn, arg = null) {
  let lastErr = null;
  for (const rel of STORAGE_PAGES) {
    let page = null;
    try {
      page = await openExtensionPage(browser, rel);
      const ok = await page.evaluate(() => typeof chrome !== 'undefined' && !!chrome.storage);
      if (!ok) { lastErr = new Error(`${rel}: no chrome.storage`); continue; }
      return await page.evaluate(fn, arg);
    } catch (e) {
      lastErr = e;
    } finally {
      if (page) await page.close().catch(() => {});
    }
  }
  throw new Error(`evaluateInExtension: no extension page usable (${lastErr && lastErr.message})`);
}

/** The whole of chrome.storage.<area> ('local' by default) as a plain object. */
export async function readExtensionStorage(browser, { area = 'local' } = {}) {
  return evaluateInExtension(browser, (a) => chrome.storage[a].get(null), area);
}

/**
 * What the background knows about the tab showing `page`: {tabId, state, badge}
 * where state is chrome.storage.session["tab:<id>"] ({state, detail} or null) and
 * badge the toolbar badge text for that tab.
 */
export async function readTabState(browser, page) {
  const url = page.url();
  const r = await evaluateInExtension(browser, async (u) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === u);
    if (!tab) return { error: `no tab with url ${u} among ${JSON.stringify(tabs.map((t) => t.url || '?'))}` };
    const key = `tab:${tab.id}`;
    const got = chrome.storage.session ? await chrome.storage.session.get(key) : {};
    let badge = null;
    try { badge = await chrome.action.getBadgeText({ tabId: tab.id }); } catch { /* no action API */ }
    return { tabId: tab.id, state: got[key] ?? null, badge };
  }, url);
  if (r.error) throw new Error(`readTabState: ${r.error}`);
  return r;
}

/** Polls readTabState until `pred(state)` holds; returns the last reading. */
export async function waitForTabState(browser, page, pred, { timeout = 20_000, interval = 500 } = {}) {
  const end = Date.now() + timeout;
  let last = null;
  for (;;) {
    last = await readTabState(browser, page).catch((e) => ({ error: e.message }));
    if (!last.error && pred(last)) return last;
    if (Date.now() > end) throw new Error(`tab state never matched within ${timeout} ms; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Waits until the extension's local storage satisfies `pred` (polled every 150 ms) and
 * returns it; fails naming `what` with the last value seen.
 */
export async function waitStored(browser, pred, what, { timeout = 10_000 } = {}) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeout) {
    last = await readExtensionStorage(browser);
    if (pred(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${what} never stored; last: ${JSON.stringify(last).slice(0, 2000)}`);
}
