// The welcome and practice page (issue 13), against the BUILT extension in headless
// Chromium and Firefox ESR: it opens by itself on install (runtime.onInstalled), speaks
// the chosen language, frames the family's settings, and shows a sample warning of each
// level in en / hi / mr without any Facebook page. Screenshots go to out/screenshots/.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  REPO_ROOT, SCREENSHOT_DIR, startServer, launchBrowser, closeBrowser, openExtensionPage, evaluateInExtension,
} from './lib/index.mjs';

const LANGS = ['en', 'hi', 'mr'];
const CATALOGUE = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'extension', '_locales', l, 'messages.json'), 'utf8'))]));
const msg = (lang, key, subs = {}) => {
  const e = CATALOGUE[lang][key];
  assert.ok(e, `catalogue ${lang} lacks ${key}`);
  return e.message.replace(/\$([A-Za-z_]+)\$/g, (_, n) => subs[n.toUpperCase()] ?? '');
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const kind of ['chromium', 'firefox']) {
  describe(`welcome and practice page in ${kind}`, { timeout: 300_000 }, () => {
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

    it('opens by itself on install', async () => {
      // The extension's own pages open in tabs, as the extension sees them
      // (Firefox's WebDriver BiDi shows extension tabs as about:blank).
      let paths = [];
      for (let i = 0; i < 30; i++) {
        paths = await evaluateInExtension(browser, () => chrome.extension.getViews({ type: 'tab' }).map((w) => w.location.pathname));
        if (paths.includes('/pages/welcome.html')) break;
        await sleep(300);
      }
      assert.ok(paths.includes('/pages/welcome.html'), `a welcome tab among the extension's tabs: ${paths}`);
    });

    for (const lang of LANGS) {
      it(`shows a sample of each level in ${lang}, with no Facebook page`, async () => {
        await evaluateInExtension(browser, (s) => chrome.storage.local.set({ settings: s }),
          { version: 2, language: lang, region: 'india', trusted_contact: { name: 'Rahul', phone: '+91 98765 43210' } });
        const page = await openExtensionPage(browser, 'pages/welcome.html');
        for (let i = 0; i < 100; i++) {
          if (await page.evaluate(() => document.getElementById('app')?.getAttribute('aria-busy') === 'false')) break;
          await sleep(100);
        }
        const head = await page.evaluate(() => ({
          h1: document.querySelector('h1').textContent,
          lang: document.documentElement.lang,
          select: document.getElementById('welcome-language').value,
          frame: document.getElementById('settings-frame')?.getAttribute('src'),
          placeholder: !!document.getElementById('install-privacy'),
        }));
        assert.deepEqual(head, { h1: msg(lang, 'welcome_title'), lang, select: lang, frame: 'options.html', placeholder: true });
        const want = {
          notice: msg(lang, 'notice_title'),
          warning: msg(lang, 'warning_title', { NAME: 'Priya Sharma' }),
          danger: msg(lang, 'danger_title'),
        };
        for (const level of ['notice', 'warning', 'danger']) {
          const c = await page.evaluate(async (level) => {
            document.getElementById(`show-${level}`).click();
            const host = document.getElementById('sample');
            for (let i = 0; i < 50 && host.getAttribute('data-saavdhan-level') !== level; i++) await new Promise((r) => setTimeout(r, 50));
            return { level: host.getAttribute('data-saavdhan-level'), lang: host.getAttribute('lang'), ...JSON.parse(host.getAttribute('data-saavdhan-content')) };
          }, level);
          assert.equal(c.level, level);
          assert.equal(c.lang, lang);
          assert.equal(c.parts.title, want[level], `${lang} ${level} headline`);
          if (level !== 'notice') {
            assert.equal(c.parts['family-number'], '+91 98765 43210', `${lang} ${level}: the family number`);
          }
          if (level === 'danger') assert.equal(c.parts.advice, msg(lang, 'danger_advice'));
          if (typeof page.screenshot === 'function') {
            fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
            const file = path.join(SCREENSHOT_DIR, `${kind}-welcome-sample-${level}-${lang}.png`);
            await page.evaluate(() => document.getElementById('sample').scrollIntoView());
            await page.screenshot({ path: file, type: 'png' });
            assert.ok(fs.statSync(file).size > 1000);
          }
        }
        await page.close();
      });
    }
  });
}
