// Privacy, proven against the BUILT extension:
// * the built manifests ask for exactly "storage" plus host access to facebook.com and
//   messenger.com (no other permission, optional or not);
// * the options page and the popup, used for real, make no network request: every
//   request they cause is to the extension's own package files;
// * after the whole scam chain on a fixture thread, nothing in the extension's storage
//   (local and session) holds any of the message texts, in Chromium and Firefox;
// * PRIVACY.md says the same: the permissions it names are the manifests', every key
//   found in storage is one its table lists, and the page inside the extension
//   (pages/privacy.html) carries its text in English, Hindi and Marathi.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, launchBrowser, closeBrowser, openFixture, waitForBanner, recordRequests, browserInfo,
  DIST_CHROME, DIST_FIREFOX,
} from './lib/index.mjs';
import { openExtensionPage, evaluateInExtension } from './family-lib.mjs';

const SCAM_THREAD = '/messages/t/100090000000601';
/** Every message of tests/fixtures/privacy-scam-thread.html (theirs and his). */
const MESSAGES = [
  'Suprabhat ji, aapka din shubh ho',
  'Good morning',
  'Apna WhatsApp number do na, wahan baat karenge',
  'If you are alone right now, video call me quickly',
  'I recorded everything. Send 15000 rupees to riya.pay@okaxis or this video goes viral to all your relatives tonight.',
];

const HOSTS = ['*://*.facebook.com/*', '*://*.messenger.com/*'];
const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const POLICY = fs.readFileSync(path.join(REPO, 'PRIVACY.md'), 'utf8');
/** The storage keys PRIVACY.md's table lists in its "stored as" column. */
const POLICY_KEYS = [...POLICY.matchAll(/\| `([a-z_:]+)`[^|]*\|\s*$/gm)].map((m) => m[1]);

describe('PRIVACY.md matches the built extension', () => {
  it('lists the storage keys in a table', () => {
    assert.deepEqual(POLICY_KEYS, ['settings', 'contacts', 'warning_ui', 'warnings_log', 'tab:']);
  });
  for (const [name, dir] of [['chrome', DIST_CHROME], ['firefox', DIST_FIREFOX]]) {
    it(`${name}: the policy names exactly the manifest's permissions and sites`, () => {
      const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      for (const p of m.permissions) assert.ok(POLICY.includes(`"${p}"`), `PRIVACY.md names the permission "${p}"`);
      for (const h of m.host_permissions) {
        const site = h.replace(/^\*:\/\/\*\./, '').replace(/\/\*$/, '');
        assert.ok(POLICY.includes(site), `PRIVACY.md names ${site}`);
      }
      if (name === 'firefox') assert.match(POLICY, /data_collection_permissions: none/);
    });
    it(`${name}: pages/privacy.html carries the policy in en, hi and mr`, () => {
      const html = fs.readFileSync(path.join(dir, 'pages', 'privacy.html'), 'utf8');
      for (const [lang, file] of [['en', 'PRIVACY.md'], ['hi', 'PRIVACY.hi.md'], ['mr', 'PRIVACY.mr.md']]) {
        assert.match(html, new RegExp(`<section id="${lang}" lang="${lang}">`));
        const md = fs.readFileSync(path.join(REPO, file), 'utf8');
        for (const [, heading] of md.matchAll(/^#+ (.+)$/gm)) {
          assert.ok(html.includes(heading.replace(/&/g, '&amp;')), `${file}: "${heading}" is on the page`);
        }
      }
      const options = fs.readFileSync(path.join(dir, 'pages', 'options.html'), 'utf8');
      assert.match(options, /href="privacy.html"/, 'the options page links the policy');
      const welcome = fs.readFileSync(path.join(dir, 'pages', 'welcome.html'), 'utf8');
      assert.match(welcome, /href="privacy.html"/, 'the welcome page links the policy');
    });
  }
});

describe('built manifests', () => {
  for (const [name, dir] of [['chrome', DIST_CHROME], ['firefox', DIST_FIREFOX]]) {
    it(`${name}: permissions are exactly storage + facebook.com and messenger.com`, () => {
      const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      assert.deepEqual(m.permissions, ['storage']);
      assert.deepEqual([...m.host_permissions].sort(), HOSTS);
      for (const k of ['optional_permissions', 'optional_host_permissions']) {
        assert.ok(!m[k] || m[k].length === 0, `${k} must be absent`);
      }
      for (const cs of m.content_scripts) assert.deepEqual([...cs.matches].sort(), HOSTS);
      for (const war of m.web_accessible_resources) assert.deepEqual([...war.matches].sort(), HOSTS);
      const csp = m.content_security_policy.extension_pages;
      assert.ok(!/unsafe-eval'/.test(csp.replace("'wasm-unsafe-eval'", '')), `no 'unsafe-eval': ${csp}`);
      assert.ok(!/https?:/.test(csp), 'the pages load no remote script');
      if (name === 'firefox') {
        assert.deepEqual(m.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
      }
    });
  }
});

for (const kind of ['chromium', 'firefox']) {
  describe(`privacy e2e in ${kind}`, { timeout: 240_000 }, () => {
    let server;
    let browser;

    before(async () => {
      server = await startServer();
      browser = await launchBrowser(kind, { server });
    });
    after(async () => {
      await closeBrowser(browser);
      await server?.close();
    });

    it('the options page and the popup, used for real, make no network request', async () => {
      const recorder = await recordRequests(browser);
      const options = await openExtensionPage(browser, 'pages/options.html');
      await options.waitForSelector('#app[aria-busy="false"]', { timeout: 20_000 });
      await options.select('#language', 'hi');
      await options.type('#contact-name', 'Asha');
      await options.type('#contact-phone', '9876543210');
      await options.click('#save');
      await options.waitForFunction(() => document.documentElement.lang === 'hi', { timeout: 10_000 });
      await options.type('#new-pin', '2468');
      await options.type('#new-pin-again', '2468');
      await options.click('#set-pin');
      await options.waitForFunction(() => document.querySelector('#pin-status').textContent.trim() !== '', { timeout: 10_000 });
      const popup = await openExtensionPage(browser, 'pages/popup.html');
      await popup.waitForSelector('#app[aria-busy="false"]', { timeout: 20_000 });
      await new Promise((r) => setTimeout(r, 1000));
      await recorder.settle();
      const origin = browserInfo(browser).extensionOrigin;
      const network = recorder.networkRequests();
      assert.deepEqual(network.map((r) => `${r.context} ${r.contextUrl} → ${r.url}`), [], 'network requests from the extension pages');
      // Requests made from the extension's own pages (the browser's chrome:// UI is not ours).
      const fromPages = recorder.requests.filter((r) => (r.contextUrl || '').startsWith(origin + '/'));
      const own = fromPages.filter((r) => r.url.startsWith(origin + '/'));
      assert.deepEqual(fromPages.filter((r) => !r.url.startsWith(origin + '/')).map((r) => r.url), [],
        'every request of the options page and the popup is to the extension package');
      if (kind === 'chromium') assert.ok(own.length >= 4, `the recorder saw the package files load (${own.length})`);
      // The pages' own record of what they loaded over http(s) (Resource Timing lists
      // fetch/XHR, scripts, images, beacons from the network; package files do not
      // appear in it) — independent of the recorder, and it works over BiDi too.
      for (const p of [options, popup]) {
        const entries = await p.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
        assert.deepEqual(entries.filter((u) => !u.startsWith(location.origin + '/')), [], 'resource timing: no network load');
      }
      console.log(`# ${kind}: ${fromPages.length} requests recorded from options + popup, ${own.length} to ${origin}, 0 elsewhere`);
      assert.equal(server.requests.length, 0, 'the "Facebook" server was not contacted');
      // Control: the recorder does see a network request made from an extension page.
      const control = server.url('/privacy-control-request');
      await popup.evaluate((u) => fetch(u).catch(() => null), control);
      const seenControl = async () => recorder.requests.some((r) => r.url === control);
      for (let i = 0; i < 30 && !(await seenControl()); i++) await new Promise((r) => setTimeout(r, 100));
      recorder.stop();
      assert.ok(await seenControl(), 'control: a fetch from the popup is recorded (so "none" above means none)');
      await options.close();
      await popup.close();
    });

    it('after the whole scam chain, extension storage holds no message text', async () => {
      await evaluateInExtension(browser, () => chrome.storage.local.clear());
      const page = await openFixture(browser, SCAM_THREAD);
      const banner = await waitForBanner(page, { level: 'danger' });
      assert.equal(banner.level, 'danger', 'the fixture was read and assessed');
      await new Promise((r) => setTimeout(r, 1500)); // let the controller persist what it keeps
      await page.close();
      const stored = await evaluateInExtension(browser, async () => ({
        local: await chrome.storage.local.get(null),
        session: await chrome.storage.session.get(null),
      }));
      const all = JSON.stringify(stored);
      assert.ok(Object.keys(stored.local).length > 0, `the extension did store something about the contact: ${all.slice(0, 300)}`);
      // The popup's list of latest warnings: who, how serious, when — written by the controller.
      const log = stored.local.warnings_log;
      assert.ok(log && Array.isArray(log.entries), `a warnings log was written: ${JSON.stringify(log)}`);
      const danger = log.entries.filter((e) => e.level === 'danger');
      assert.equal(danger.length, 1, `one danger entry: ${JSON.stringify(log.entries)}`);
      assert.equal(danger[0].contact_name, 'Riya Verma');
      assert.equal(danger[0].stage, 'extortion');
      assert.ok(Math.abs(Date.now() - danger[0].at_ms) < 120_000, 'dated now');
      const flat = all.toLowerCase().replace(/\s+/g, ' ');
      for (const m of MESSAGES) {
        const lower = m.toLowerCase();
        assert.ok(!flat.includes(lower), `message text in storage: "${m}"`);
        // Nor any distinctive piece of it (runs of 4 words; the greeting "Good morning" alone is 2 words).
        const words = lower.split(/\s+/);
        for (let i = 0; i + 4 <= words.length; i++) {
          const piece = words.slice(i, i + 4).join(' ');
          assert.ok(!flat.includes(piece), `a piece of message text in storage: "${piece}"`);
        }
      }
      for (const token of ['riya.pay@okaxis', 'okaxis', 'suprabhat', 'shubh', 'wahan baat']) {
        assert.ok(!flat.includes(token), `"${token}" from a message is in storage`);
      }
      for (const k of Object.keys(stored.local)) assert.ok(POLICY_KEYS.includes(k), `PRIVACY.md lists the stored key "${k}"`);
      for (const k of Object.keys(stored.session)) assert.ok(k.startsWith('tab:'), `PRIVACY.md lists the session key "${k}"`);
      console.log(`# ${kind}: storage after the scam fixture: local keys ${JSON.stringify(Object.keys(stored.local))}, ` +
        `session keys ${JSON.stringify(Object.keys(stored.session))}, ${all.length} bytes, no message text`);
    });
  });
}
