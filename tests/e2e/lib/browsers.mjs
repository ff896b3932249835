// Launches real headless Chromium and Firefox ESR with the BUILT extension loaded,
// pointed at the local "Facebook" server (see server.mjs). Flags and prefs follow
// what was measured on this project's machine.
//
//   const server = await startServer();
//   const browser = await launchChromium({ extension: DIST_CHROME, server });
//   const page = await openFixture(browser, '/messages/t/100090000000001');
//   await waitForBanner(page, { level: 'warning' });
//   await closeBrowser(browser);
//
// Each launch gets a fresh profile folder (removed on close). Information about a
// launched browser (which engine, extension id/origin, server, recorder) is kept in a
// WeakMap and read with browserInfo(browser).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import puppeteer from 'puppeteer-core';
import { DIST_CHROME, DIST_FIREFOX } from './paths.mjs';

export const CHROMIUM_PATH = process.env.SAAVDHAN_CHROMIUM || '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.SAAVDHAN_FIREFOX || '/usr/bin/firefox-esr';

const info = new WeakMap();

/** {kind: 'chromium'|'firefox', extensionId, extensionOrigin, geckoId?, server, profileDir, recorders} */
export function browserInfo(browser) {
  const i = info.get(browser);
  if (!i) throw new Error('browserInfo: this browser was not launched by tests/e2e/lib/browsers.mjs');
  return i;
}
export const extensionOrigin = (browser) => browserInfo(browser).extensionOrigin;
export const extensionId = (browser) => browserInfo(browser).extensionId;
export const browserKind = (browser) => browserInfo(browser).kind;

function checkExtensionDir(dir) {
  const manifest = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifest)) {
    throw new Error(`no built extension at ${dir} (manifest.json missing): run \`make build\` first`);
  }
  return JSON.parse(fs.readFileSync(manifest, 'utf8'));
}

function freshProfile(kind) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `saavdhan-${kind}-`));
}

/**
 * Chromium with the unpacked extension at `extension` (default dist/chrome).
 * The facebook.com / messenger.com names resolve to 127.0.0.1 (the test server).
 */
export async function launchChromium({ extension = DIST_CHROME, server = null, headless = true, args = [] } = {}) {
  const dir = path.resolve(extension);
  checkExtensionDir(dir);
  const profileDir = freshProfile('chromium');
  const started = Date.now();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless,
    userDataDir: profileDir,
    acceptInsecureCerts: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    timeout: 60_000,
    protocolTimeout: 90_000,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--ignore-certificate-errors',
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
      `--disable-extensions-except=${dir}`, `--load-extension=${dir}`,
      '--host-resolver-rules=MAP *.facebook.com 127.0.0.1, MAP facebook.com 127.0.0.1, ' +
        'MAP *.messenger.com 127.0.0.1, MAP messenger.com 127.0.0.1',
      '--window-size=1280,900',
      // Extra switches (tools/bench/warmup-trace.mjs: V8's --js-flags for its log).
      ...args,
    ],
  });
  const meta = { kind: 'chromium', server, profileDir, recorders: [], extensionId: null, extensionOrigin: null, dir };
  info.set(browser, meta);
  try {
    const sw = await browser.waitForTarget(
      (t) => (t.type() === 'service_worker' || t.type() === 'background_page') && t.url().startsWith('chrome-extension://'),
      { timeout: 30_000 },
    );
    meta.extensionId = new URL(sw.url()).host;
    meta.extensionOrigin = `chrome-extension://${meta.extensionId}`;
  } catch (e) {
    await closeBrowser(browser);
    throw new Error(`Chromium started but the extension's service worker never appeared (${e.message}); is dist/chrome a valid MV3 build?`);
  }
  meta.launchMs = Date.now() - started;
  return browser;
}

/**
 * Firefox ESR with the extension at `extension` (default dist/firefox) installed as a
 * temporary add-on over WebDriver BiDi. The moz-extension UUID is chosen by us up front
 * (pref extensions.webextensions.uuids), so extension pages can be opened by URL.
 */
export async function launchFirefox({ extension = DIST_FIREFOX, server = null, headless = true, prefs = {} } = {}) {
  const dir = path.resolve(extension);
  const manifest = checkExtensionDir(dir);
  const geckoId = manifest?.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error(`${dir}/manifest.json has no browser_specific_settings.gecko.id`);
  const uuid = crypto.randomUUID();
  const profileDir = freshProfile('firefox');
  const started = Date.now();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless,
    userDataDir: profileDir,
    acceptInsecureCerts: true,
    timeout: 90_000,
    protocolTimeout: 90_000,
    // Lets BiDi open moz-extension:// pages (extension pages for storage / popup checks).
    args: ['--width=1280', '--height=900', '--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': 'www.facebook.com,facebook.com,www.messenger.com,messenger.com,web.facebook.com,m.facebook.com',
      'network.stricttransportsecurity.preloadlist': false,
      'dom.security.https_first': false,
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
      ...prefs, // e.g. the default font size (tests/e2e/warning.test.mjs)
      // MV3 host permissions granted at install, as for a user who clicks "Add".
      'extensions.originControls.grantByDefault': true,
      'xpinstall.signatures.required': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'app.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  const meta = { kind: 'firefox', server, profileDir, recorders: [], geckoId, extensionId: null, extensionOrigin: null, dir };
  info.set(browser, meta);
  try {
    const id = await browser.installExtension(dir);
    meta.extensionId = id || geckoId;
    meta.extensionOrigin = `moz-extension://${uuid}`;
  } catch (e) {
    await closeBrowser(browser);
    throw new Error(`Firefox could not install ${dir} as a temporary add-on: ${e.message}`);
  }
  meta.launchMs = Date.now() - started;
  return browser;
}

/** Launch by name: 'chromium' | 'firefox'. */
export function launchBrowser(kind, opts = {}) {
  if (kind === 'chromium') return launchChromium(opts);
  if (kind === 'firefox') return launchFirefox(opts);
  throw new Error(`unknown browser ${kind}`);
}

/** Closes the browser (never hangs longer than ~15 s) and removes its profile folder. */
export async function closeBrowser(browser) {
  if (!browser) return;
  const meta = info.get(browser);
  const proc = browser.process?.();
  try {
    await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 15_000))]);
  } catch { /* already gone */ }
  if (proc && proc.exitCode === null && proc.pid) {
    try { process.kill(proc.pid, 'SIGKILL'); } catch { /* gone */ }
  }
  if (meta?.profileDir) {
    try { fs.rmSync(meta.profileDir, { recursive: true, force: true, maxRetries: 3 }); } catch { /* best effort */ }
  }
}
