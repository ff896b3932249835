// Local HTTPS server that answers as www.facebook.com / www.messenger.com.
//
// * A self-signed certificate for *.facebook.com, facebook.com, *.messenger.com,
//   messenger.com is made with openssl at start-up, in a fresh folder under out/e2e/
//   (ignored by git), and removed again by close().
// * What is served comes from tests/fixtures/routes.json (see loadRoutes below).
// * Every response carries Facebook's real Content-Security-Policy header unless the
//   route says otherwise ("csp": "strict" | "none").
// * Every request received is recorded in server.requests, so a test can assert what
//   was (and was not) fetched from the "Facebook" hosts.
import https from 'node:https';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO_ROOT, OUT_DIR } from './paths.mjs';

export const FIXTURES_DIR = path.join(REPO_ROOT, 'tests', 'fixtures');
export const ROUTES_FILE = path.join(FIXTURES_DIR, 'routes.json');

/** Facebook's header as publicly recorded (2020–2023): script-src allows 'unsafe-eval', so a content script may compile WebAssembly. */
export const FACEBOOK_CSP =
  "default-src data: blob: 'self' https://*.fbsbx.com 'unsafe-inline' *.facebook.com 'unsafe-eval' *.fbcdn.net;" +
  "script-src *.facebook.com *.fbcdn.net *.facebook.net *.google-analytics.com *.google.com 127.0.0.1:* 'unsafe-inline' 'unsafe-eval' blob: data: 'self' connect.facebook.net;" +
  "style-src fonts.googleapis.com *.fbcdn.net data: *.facebook.com 'unsafe-inline';" +
  "connect-src *.facebook.com facebook.com *.fbcdn.net *.facebook.net wss://*.facebook.com:* attachment.fbsbx.com blob: 'self'";

/** A page that allows only its own script files: no 'unsafe-eval', no 'wasm-unsafe-eval'. */
export const STRICT_CSP = "script-src 'self'; object-src 'none'";

export const CSP_BY_NAME = { facebook: FACEBOOK_CSP, strict: STRICT_CSP, none: null };

export const FACEBOOK_HOSTS = ['www.facebook.com', 'facebook.com', 'web.facebook.com', 'm.facebook.com',
  'www.messenger.com', 'messenger.com'];

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

/** True for facebook.com, messenger.com and their subdomains (port ignored). */
export function isFacebookHost(host) {
  const h = String(host || '').toLowerCase().replace(/:\d+$/, '');
  return h === 'facebook.com' || h.endsWith('.facebook.com') || h === 'messenger.com' || h.endsWith('.messenger.com');
}

/**
 * Reads and checks the routing map. Format (tests/fixtures/routes.json):
 *
 *   { "routes": [
 *       { "path": "/messages/t/100090000000001", "file": "foundation-whatsapp-thread.html" },
 *       { "path": "/strict/*", "host": "www.messenger.com", "file": "x.html", "csp": "strict" } ] }
 *
 * path  — exact URL path (query string ignored); a trailing "*" makes it a prefix.
 * host  — optional; when given only that host matches (e.g. "www.messenger.com"),
 *         otherwise any facebook/messenger host does. Host-specific routes win.
 * file  — relative to tests/fixtures/.
 * csp   — "facebook" (default: Facebook's real header) | "strict" | "none".
 * status, headers — optional status code and extra response headers.
 * Exact paths win over prefixes; among prefixes the longest wins.
 * Throws a clear Error naming the bad entry.
 */
export function loadRoutes(file = ROUTES_FILE) {
  let data;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`routes: cannot read ${file}: ${e.message}`);
  }
  const list = Array.isArray(data) ? data : data && data.routes;
  if (!Array.isArray(list)) throw new Error(`routes: ${file} must hold {"routes": [...]}`);
  const seen = new Set();
  return list.map((r, i) => {
    const where = `routes[${i}] in ${path.basename(file)}`;
    if (!r || typeof r !== 'object') throw new Error(`${where}: not an object`);
    if (typeof r.path !== 'string' || !r.path.startsWith('/')) throw new Error(`${where}: "path" must start with "/"`);
    if (typeof r.file !== 'string' || r.file.includes('..') || path.isAbsolute(r.file)) {
      throw new Error(`${where}: "file" must be a path inside tests/fixtures`);
    }
    const csp = r.csp === undefined ? 'facebook' : r.csp;
    if (!(csp in CSP_BY_NAME)) throw new Error(`${where}: "csp" must be facebook | strict | none, not ${JSON.stringify(r.csp)}`);
    if (r.host !== undefined && !isFacebookHost(r.host)) throw new Error(`${where}: "host" must be a facebook.com or messenger.com host`);
    const key = `${r.host || '*'} ${r.path}`;
    if (seen.has(key)) throw new Error(`${where}: duplicate route ${key}`);
    seen.add(key);
    const prefix = r.path.endsWith('*');
    return {
      path: prefix ? r.path.slice(0, -1) : r.path,
      prefix,
      host: r.host ? r.host.toLowerCase() : null,
      file: r.file,
      csp,
      status: r.status || 200,
      headers: r.headers || {},
    };
  });
}

/** The route serving `host` + `pathname`, or null. */
export function matchRoute(routes, host, pathname) {
  const h = String(host || '').toLowerCase().replace(/:\d+$/, '');
  let best = null;
  let bestScore = -1;
  for (const r of routes) {
    if (r.host && r.host !== h) continue;
    const hit = r.prefix ? pathname.startsWith(r.path) : pathname === r.path;
    if (!hit) continue;
    // exact beats prefix, longer prefix beats shorter, host-specific beats any-host
    const score = (r.prefix ? 0 : 1e6) + r.path.length * 2 + (r.host ? 1 : 0);
    if (score > bestScore) { best = r; bestScore = score; }
  }
  return best;
}

/** Makes a fresh self-signed key + certificate; returns {dir, key, cert}. */
export function makeCertificate() {
  fs.mkdirSync(path.join(OUT_DIR, 'e2e'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(OUT_DIR, 'e2e', 'cert-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-days', '7', '-subj', '/CN=www.facebook.com',
      '-addext', 'subjectAltName=DNS:*.facebook.com,DNS:facebook.com,DNS:*.messenger.com,DNS:messenger.com',
      '-keyout', keyFile, '-out', certFile,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    throw new Error(`openssl could not make the test certificate: ${e.stderr ? e.stderr.toString() : e.message}`);
  }
  return { dir, key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile) };
}

/**
 * Starts the server. Options: port (0 = random, default), routesFile.
 * Returns { port, url(path, host?), requests, routes, close() }.
 * requests: [{ method, host, path, url, at, status, userAgent }] in arrival order.
 */
export async function startServer({ port = 0, routesFile = ROUTES_FILE } = {}) {
  const routes = loadRoutes(routesFile);
  const { dir, key, cert } = makeCertificate();
  const requests = [];
  const server = https.createServer({ key, cert }, (req, res) => {
    const host = (req.headers.host || '').toLowerCase();
    let pathname = '/';
    try {
      pathname = decodeURIComponent(new URL(req.url, 'https://x').pathname);
    } catch { /* keep "/" */ }
    const entry = {
      method: req.method, host: host.replace(/:\d+$/, ''), path: pathname, url: req.url,
      at: Date.now(), status: 0, userAgent: req.headers['user-agent'] || '',
    };
    requests.push(entry);
    const send = (status, type, body, csp, extra = {}) => {
      entry.status = status;
      const headers = { 'content-type': type, 'cache-control': 'no-store', ...extra };
      if (csp && isFacebookHost(host)) headers['content-security-policy'] = csp;
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (!isFacebookHost(host)) {
      send(421, 'text/plain; charset=utf-8', `not served here: ${host}\n`, null);
      return;
    }
    const route = matchRoute(routes, host, pathname);
    if (!route) {
      send(404, 'text/plain; charset=utf-8', `no route for ${host}${pathname}\n`, FACEBOOK_CSP);
      return;
    }
    const file = path.join(FIXTURES_DIR, route.file);
    let body;
    try {
      body = fs.readFileSync(file);
    } catch (e) {
      send(500, 'text/plain; charset=utf-8', `route ${route.path}: cannot read fixture ${route.file}: ${e.code}\n`, FACEBOOK_CSP);
      return;
    }
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    send(route.status, type, body, CSP_BY_NAME[route.csp], route.headers);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  let closed = false;
  return {
    port: actualPort,
    routes,
    requests,
    /** Full URL for `p` on `host` (default www.facebook.com), e.g. https://www.facebook.com:41234/messages/t/1 */
    url(p, host = 'www.facebook.com') {
      return `https://${host}:${actualPort}${p.startsWith('/') ? p : '/' + p}`;
    },
    async close() {
      if (closed) return;
      closed = true;
      server.closeAllConnections?.();
      await new Promise((r) => server.close(() => r()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
