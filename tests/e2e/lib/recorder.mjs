// Records every request a launched browser makes, whatever the context: tabs (the page
// and the content scripts in it), extension pages, and — in Chromium — the extension's
// service worker.
//
// Chromium: a CDP session with Network.enable on every target (pages, service workers,
//   background pages, workers), including targets created later.
// Firefox: the WebDriver BiDi event network.beforeRequestSent, which puppeteer already
//   subscribes to for all browsing contexts; plus each page's 'request' event.
//
// Combine with the test server's own log (server.requests), which sees every request
// that reached the "Facebook" hosts no matter which context sent it.
import { browserInfo } from './browsers.mjs';

const NETWORK_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

/** True when `url` would leave the browser over the network (not data:, blob:, extension files…). */
export function isNetworkUrl(url) {
  try { return NETWORK_SCHEMES.has(new URL(url).protocol); } catch { return false; }
}

/**
 * Starts recording. Returns { requests, settle(), stop(), byExtension() }:
 * requests: [{url, method, context, contextUrl, resourceType, initiator}] (de-duplicated by id).
 */
export async function recordRequests(browser) {
  const meta = browserInfo(browser);
  const requests = [];
  const seen = new Set();
  const disposers = [];
  const pending = new Set();
  const push = (id, r) => {
    const key = id ? `${r.context}|${id}|${r.url}` : null;
    if (key && seen.has(key)) return;
    if (key) seen.add(key);
    requests.push(r);
  };

  if (meta.kind === 'chromium') {
    const attached = new WeakSet();
    const attach = async (target) => {
      const type = target.type();
      if (!['page', 'service_worker', 'background_page', 'shared_worker', 'worker', 'other'].includes(type)) return;
      if (attached.has(target)) return;
      attached.add(target);
      try {
        const s = await target.createCDPSession();
        s.on('Network.requestWillBeSent', (e) => push(e.requestId, {
          url: e.request.url, method: e.request.method, context: type, contextUrl: target.url(),
          resourceType: e.type || '', initiator: e.initiator?.url || e.initiator?.type || '',
        }));
        await s.send('Network.enable');
        disposers.push(() => s.detach().catch(() => {}));
      } catch { /* target went away while attaching */ }
    };
    const onTarget = (t) => {
      const p = attach(t);
      pending.add(p);
      p.finally(() => pending.delete(p));
    };
    for (const t of browser.targets()) onTarget(t);
    browser.on('targetcreated', onTarget);
    disposers.push(() => browser.off('targetcreated', onTarget));
  } else {
    const conn = browser.connection;
    const onBidi = (p) => push(p.request?.request, {
      url: p.request?.url, method: p.request?.method, context: 'bidi', contextUrl: p.context || '',
      resourceType: p.request?.destination || '', initiator: p.initiator?.type || '',
    });
    conn.on('network.beforeRequestSent', onBidi);
    disposers.push(() => conn.off('network.beforeRequestSent', onBidi));
    const watch = async (page) => {
      if (!page) return;
      const onReq = (r) => push(r.id, {
        url: r.url(), method: r.method(), context: 'page', contextUrl: page.url(),
        resourceType: '', initiator: '', // r.resourceType() is not supported over BiDi
      });
      page.on('request', onReq);
      disposers.push(() => page.off('request', onReq));
    };
    for (const page of await browser.pages()) await watch(page);
    const onTarget = (t) => { const p = t.page().then(watch).catch(() => {}); pending.add(p); p.finally(() => pending.delete(p)); };
    browser.on('targetcreated', onTarget);
    disposers.push(() => browser.off('targetcreated', onTarget));
  }
  await Promise.all([...pending]);

  const rec = {
    requests,
    /** Waits until targets that appeared so far are being recorded. */
    async settle() { await Promise.all([...pending]); },
    stop() { for (const d of disposers.splice(0)) d(); meta.recorders = meta.recorders.filter((x) => x !== rec); },
    /**
     * Network requests (http/https/ws) seen, minus those whose URL is in `allowed`
     * (a Set or array of exact URLs, e.g. the fixture documents the test itself opened).
     */
    networkRequests({ allowed = [] } = {}) {
      const ok = new Set(allowed);
      return requests.filter((r) => isNetworkUrl(r.url) && !ok.has(r.url));
    },
  };
  meta.recorders.push(rec);
  return rec;
}
