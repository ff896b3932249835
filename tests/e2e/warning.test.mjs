// Warning experience, end to end: the BUILT extension in headless Chromium and Firefox
// ESR on the local "www.facebook.com". Each level's banner on its fixture in en/hi/mr
// (language chosen in Settings written to chrome.storage.local before the page loads),
// link targets by region, the evidence files downloaded and parsed, "I know this
// person", the 24-hour danger lock, look rotation, and the XSS fixture.
// The shadow root is closed: on fixtures (data-saavdhan-test on <html>) the host carries
// data-saavdhan-content, a JSON description read from the shadow DOM itself, and
// answers saavdhan-test-* events. PNG screenshots go to out/screenshots/.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import {
  REPO_ROOT, OUT_DIR, startServer, launchBrowser, closeBrowser, browserInfo, openFixture, waitForBanner,
  waitForProtection, pageErrors, screenshot, evaluateInExtension, readExtensionStorage, banners,
} from './lib/index.mjs';

const FIXTURES = {
  notice: { path: '/messages/t/100090000000501', name: 'Anushka Verma' },
  warning: { path: '/messages/t/100090000000502', name: 'Priya Sharma' },
  danger: { path: '/messages/t/100090000000503', name: 'Neha Kapoor' },
};
const XSS = { path: '/messages/t/100090000000504', name: '<img src=x onerror=alert(1)>' };
const LANGS = ['en', 'hi', 'mr'];
const CATALOGUE = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'extension', '_locales', l, 'messages.json'), 'utf8'))]));
/** The catalogue text of `key` in `lang` with $NAME$-style placeholders filled from `subs`. */
const msg = (lang, key, subs = {}) => {
  const e = CATALOGUE[lang][key];
  assert.ok(e, `catalogue ${lang} lacks ${key}`);
  return e.message.replace(/\$([A-Za-z_]+)\$/g, (_, n) => subs[n.toUpperCase()] ?? '');
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function setSettings(browser, settings) {
  await evaluateInExtension(browser, (s) => chrome.storage.local.set({ settings: s }), { version: 2, ...settings });
}

/** Waits for the level's banner (and its recorded look) and returns what it shows. */
async function bannerContent(page, level) {
  await waitForBanner(page, { level });
  const sel = `[data-saavdhan-level="${level}"][data-saavdhan-look][data-saavdhan-content]`;
  await page.waitForSelector(sel, { timeout: 10_000 });
  return page.$eval(sel, (e) => ({
    ...JSON.parse(e.getAttribute('data-saavdhan-content')),
    hostLang: e.getAttribute('lang'),
    look: e.getAttribute('data-saavdhan-look'),
    stage: e.getAttribute('data-saavdhan-stage'),
    placement: e.getAttribute('data-saavdhan-warning'),
  }));
}

const hrefs = (c) => c.links.map((l) => l.href);

function assertLinksOpenSafely(c) {
  for (const l of c.links) {
    assert.equal(l.target, '_blank', `${l.href} opens in a new tab`);
    assert.equal(l.rel, 'noopener noreferrer', `${l.href} rel`);
  }
}

for (const kind of ['chromium', 'firefox']) {
  describe(`warning experience e2e in ${kind}`, { timeout: 600_000 }, () => {
    let server;
    let browser;
    const looks = [];

    before(async () => {
      server = await startServer();
      browser = await launchBrowser(kind, { server });
    });

    after(async () => {
      await closeBrowser(browser);
      await server?.close();
    });

    for (const lang of LANGS) {
      it(`shows each level on its fixture in ${lang}`, async () => {
        const trusted = lang === 'mr' ? { name: 'Rahul', phone: '+91 98765 43210' } : null;
        await setSettings(browser, { language: lang, region: 'india', trusted_contact: trusted });
        for (const [level, fx] of Object.entries(FIXTURES)) {
          const page = await openFixture(browser, fx.path);
          const c = await bannerContent(page, level);
          const where = `${kind} ${lang} ${level}`;
          assert.equal(c.hostLang, lang, `${where}: host lang`);
          assert.equal(c.lang, lang, `${where}: box lang`);
          assert.equal(c.placement, 'thread');
          assert.equal(c.role, level === 'notice' ? 'status' : 'alert', `${where}: role`);
          assert.match(c.style, /font-size:18px/, 'base text is 18 px');
          assert.match(c.style, /:focus-visible\{outline:4px solid/, 'visible focus ring');
          assertLinksOpenSafely(c);
          if (level === 'notice') {
            assert.equal(c.parts.title, msg(lang, 'notice_title'));
            assert.ok(c.parts.reason.includes(msg(lang, 'fact_no_mutual')), `${where}: ${c.parts.reason}`);
            assert.ok(c.parts.reason.includes(msg(lang, 'fact_not_friend')), `${where}: ${c.parts.reason}`);
            assert.deepEqual(c.buttons.map((b) => b.action), ['known']);
          } else if (level === 'warning') {
            assert.equal(c.stage, 'off_platform');
            assert.equal(c.parts.title, msg(lang, 'warning_title', { NAME: fx.name }));
            assert.ok(c.parts.reason.startsWith(fx.name), `${where}: ${c.parts.reason}`);
            assert.equal(c.parts.trick, msg(lang, 'warning_known_trick'));
            assert.equal(c.parts['quote-words'], '“Please share your WhatsApp number”');
            for (const k of ['step_no_number', 'step_no_video', 'step_block']) {
              assert.ok(c.parts.steps.includes(msg(lang, k)), `${where}: step ${k}`);
            }
            assert.deepEqual(hrefs(c), [`https://www.facebook.com/profile.php?id=100090000000502`]);
            assert.equal(c.buttons[0].text, msg(lang, 'button_known'));
          } else {
            assert.equal(c.stage, 'extortion');
            assert.equal(c.parts.title, msg(lang, 'danger_title'));
            assert.equal(c.parts.advice, msg(lang, 'danger_advice'));
            assert.equal(c.parts.reason, msg(lang, 'danger_reason', { NAME: fx.name }));
            assert.ok(c.parts['quote-words'].includes('Pay 10000 rupees'));
            const h = hrefs(c);
            assert.ok(h.includes('https://www.facebook.com/profile.php?id=100090000000503'), `report link ${h}`);
            assert.ok(h.includes('tel:1930') && h.includes('https://cybercrime.gov.in'), `police links ${h}`);
            assert.equal(c.parts.locked, msg(lang, 'danger_locked'), 'danger cannot be hidden in its first 24 hours');
            assert.ok(!c.buttons.some((b) => b.action === 'known'), 'no "I know this person" on fresh danger');
            assert.ok(c.buttons.some((b) => b.action === 'save' && b.text === msg(lang, 'button_save_evidence')));
            if (trusted) {
              assert.ok(h.includes('tel:+919876543210') && h.includes('https://wa.me/919876543210'), `family links ${h}`);
              assert.ok(c.links.some((l) => l.text === msg(lang, 'family_whatsapp', { NAME: 'Rahul' })));
            } else {
              assert.equal(c.parts['family-none'], msg(lang, 'family_none'));
            }
          }
          if (level === 'warning') looks.push(c.look);
          assert.equal((await banners(page)).length, 1, `${where}: one banner`);
          const file = await screenshot(page, `warning-${level}-${lang}`);
          assert.ok(fs.statSync(file).size > 1000, `screenshot ${file}`);
          assert.deepEqual(pageErrors(page).filter((e) => e.kind === 'pageerror'), []);
          await page.close();
        }
      });
    }

    it('varies the look of a repeated warning', () => {
      assert.equal(looks.length, 3);
      assert.equal(new Set(looks).size, 3, `looks of three showings: ${looks}`);
    });

    it('sends the police buttons to the family\'s region', async () => {
      const cases = {
        usa: ['https://tips.fbi.gov', 'https://www.ic3.gov'],
        uk: ['https://www.reportfraud.police.uk', 'tel:03001232040', 'tel:03456000459'],
        other: ['https://stopncii.org'],
      };
      for (const [region, want] of Object.entries(cases)) {
        await setSettings(browser, { language: 'en', region });
        const page = await openFixture(browser, FIXTURES.danger.path);
        const c = await bannerContent(page, 'danger');
        for (const w of want) assert.ok(hrefs(c).includes(w), `${region}: ${w} in ${hrefs(c)}`);
        assert.ok(!hrefs(c).includes('tel:1930'), `${region}: no Indian helpline`);
        assertLinksOpenSafely(c);
        await page.close();
      }
    });

    it('saves the evidence as HTML + JSON on the computer', async (t) => {
      await setSettings(browser, { language: 'en', region: 'india' });
      const dir = fs.mkdtempSync(path.join(OUT_DIR, `downloads-${kind}-`));
      let watchDir = dir;
      if (kind === 'chromium') {
        const session = await browser.target().createCDPSession();
        await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, eventsEnabled: true });
      } else {
        // The harness cannot set Firefox's download prefs: Firefox saves to the user's
        // Downloads folder; the files are found there by their unique name and removed.
        watchDir = path.join(os.homedir(), 'Downloads');
      }
      const page = await openFixture(browser, FIXTURES.danger.path);
      await bannerContent(page, 'danger');
      const before = new Set(fs.existsSync(watchDir) ? fs.readdirSync(watchDir) : []);
      // A real key press on the focused button (a user gesture, as for the user).
      await page.$eval('[data-saavdhan-level="danger"]', (e) => e.dispatchEvent(new Event('saavdhan-test-focus-save')));
      await page.keyboard.press('Enter');
      let files = [];
      for (let i = 0; i < 100; i++) {
        files = (fs.existsSync(watchDir) ? fs.readdirSync(watchDir) : [])
          .filter((f) => !before.has(f) && /^saavdhan-evidence-neha-kapoor-\d+\.(html|json)$/.test(f));
        if (files.length === 2) break;
        await sleep(200);
      }
      assert.equal(files.length, 2, `two evidence files in ${watchDir}: ${files}`);
      if (kind === 'firefox') t.after(() => { for (const f of files) fs.rmSync(path.join(watchDir, f), { force: true }); });
      const jsonFile = path.join(watchDir, files.find((f) => f.endsWith('.json')));
      const htmlFile = path.join(watchDir, files.find((f) => f.endsWith('.html')));
      // Firefox creates the file before it has written it: wait until both are complete.
      let kit = null;
      let html = '';
      for (let i = 0; i < 50 && !kit; i++) {
        html = fs.readFileSync(htmlFile, 'utf8');
        try { if (html.trimEnd().endsWith('</html>')) kit = JSON.parse(fs.readFileSync(jsonFile, 'utf8')); } catch { /* partial */ }
        if (!kit) await sleep(200);
      }
      assert.ok(kit, `complete evidence files: ${jsonFile}`);
      assert.equal(kit.contact.name, 'Neha Kapoor');
      assert.equal(kit.contact.profile_url, 'https://www.facebook.com/profile.php?id=100090000000503');
      assert.equal(kit.contact.profile_id, '100090000000503');
      assert.equal(kit.thread_id, '100090000000503');
      assert.ok(kit.thread_url.includes('/messages/t/100090000000503'));
      assert.equal(kit.level, 'danger');
      assert.ok(Math.abs(Date.parse(kit.saved_at) - Date.now()) < 10 * 60_000, `saved_at ${kit.saved_at}`);
      const threat = kit.flagged_messages.find((m) => m.text && m.text.includes('Pay 10000 rupees'));
      assert.ok(threat, `threat among flagged: ${JSON.stringify(kit.flagged_messages)}`);
      assert.equal(threat.from, 'them');
      assert.ok(threat.rules.length > 0 && threat.rules.every((r) => r.rule && r.stage));
      const steps = kit.reporting_steps.map((s) => s.href);
      assert.ok(steps.includes('tel:1930') && steps.includes('https://cybercrime.gov.in'));
      assert.match(html, /<title>Saavdhan: evidence of online blackmail<\/title>/);
      assert.ok(html.includes('Pay 10000 rupees'));
      assert.ok(!/<script/i.test(html), 'no script in the evidence page');
      const saved = await page.$eval('[data-saavdhan-level="danger"]',
        (e) => JSON.parse(e.getAttribute('data-saavdhan-content')).parts.saved);
      assert.equal(saved, msg('en', 'evidence_saved'));
      await page.close();
    });

    it('renders a contact named <img src=x onerror=alert(1)> as text', async () => {
      await setSettings(browser, { language: 'en', region: 'india' });
      const page = await openFixture(browser, XSS.path);
      const dialogs = [];
      page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss().catch(() => {}); });
      const c = await bannerContent(page, 'warning');
      assert.equal(c.parts.title, `Be careful with ${XSS.name}`);
      assert.ok(c.parts.reason.startsWith(XSS.name));
      assert.ok(c.parts['quote-words'].includes('<script>alert(2)</script><img src=y onerror=alert(3)>'));
      await sleep(500);
      assert.deepEqual(dialogs, [], 'no script ran');
      assert.equal(await page.$$eval('img', (i) => i.length), 0, 'no image element was created in the page');
      await screenshot(page, 'warning-xss-en');
      assert.deepEqual(pageErrors(page).filter((e) => e.kind === 'pageerror'), []);
      await page.close();
    });

    it('places banners in the flow: request card, profile header, chat window', async () => {
      await setSettings(browser, { language: 'en', region: 'india' });
      // Fixtures of the page readers (tests/fixtures/reader-*.html).
      const where = async (p, placement) => {
        const page = await openFixture(browser, p);
        const sel = `[data-saavdhan-warning="${placement}"]`;
        await page.waitForSelector(sel, { timeout: 20_000 });
        const r = await page.$eval(sel, (e) => ({
          prevGrid: e.previousElementSibling?.getAttribute('role') === 'grid',
          prevHasH1: !!e.previousElementSibling?.querySelector('h1'),
          prevRequestLink: !!e.previousElementSibling?.querySelector('a[href*="/friends/requests"]'),
          position: getComputedStyle(e).position,
          role: JSON.parse(e.getAttribute('data-saavdhan-content')).role,
        }));
        await screenshot(page, `warning-${placement}-en`);
        await page.close();
        return r;
      };
      const card = await where('/', 'request-card');
      assert.ok(card.prevRequestLink, 'below the friend-request card');
      const chat = await where('/', 'chat-window');
      assert.ok(chat.prevGrid, 'inside the chat window, right after its message list (above the composer)');
      const profile = await where('/profile.php?id=100090000000031', 'profile');
      assert.ok(profile.prevHasH1, 'below the profile header');
      for (const r of [card, chat, profile]) assert.equal(r.position, 'static', 'in the page flow, covering nothing');
    });

    it('is reachable with the keyboard', async () => {
      await setSettings(browser, { language: 'en', region: 'india' });
      const page = await openFixture(browser, FIXTURES.danger.path);
      await bannerContent(page, 'danger');
      await page.evaluate(() => { document.activeElement?.blur(); window.focus(); });
      let inBanner = false;
      for (let i = 0; i < 12 && !inBanner; i++) {
        await page.keyboard.press('Tab');
        inBanner = await page.evaluate(() => !!document.activeElement?.hasAttribute('data-saavdhan-level'));
      }
      assert.ok(inBanner, 'Tab moves focus into the banner (the closed shadow root retargets focus to its host)');
      await page.close();
    });

    it('"I know this person" hides the warning and remembers it', async () => {
      await setSettings(browser, { language: 'en', region: 'india' });
      let page = await openFixture(browser, FIXTURES.warning.path);
      await bannerContent(page, 'warning');
      await page.$eval('[data-saavdhan-level="warning"]', (e) => e.dispatchEvent(new Event('saavdhan-test-known')));
      await page.waitForFunction(() => !document.querySelector('[data-saavdhan-level]'), { timeout: 5000 });
      let stored = null;
      for (let i = 0; i < 25; i++) {
        stored = (await readExtensionStorage(browser)).settings;
        if (stored?.known_people?.length) break;
        await sleep(200);
      }
      assert.deepEqual(stored.known_people, [{ key: 'fb:100090000000502', name: 'Priya Sharma' }]);
      assert.equal(stored.language, 'en', 'the rest of the settings is kept');
      await page.close();
      page = await openFixture(browser, FIXTURES.warning.path);
      await waitForProtection(page);
      await sleep(1500);
      assert.deepEqual(await banners(page), [], 'no banner for a known person');
      await page.close();
      // The danger of another contact still shows and still cannot be hidden.
      page = await openFixture(browser, FIXTURES.danger.path);
      const c = await bannerContent(page, 'danger');
      assert.ok(c.parts.locked);
      await page.$eval('[data-saavdhan-level="danger"]', (e) => e.dispatchEvent(new Event('saavdhan-test-known')));
      await sleep(500);
      assert.equal((await banners(page)).length, 1, 'danger stays');
      await page.close();
    });

    it('with a family PIN, hiding asks for it; the PIN also unlocks a fresh danger warning', async () => {
      // PinHash as src/state/settings.rs makes it: H^iterations(salt_hex || pin), SHA-256.
      const salt = '00112233445566778899';
      let h = crypto.createHash('sha256').update(salt + '1234').digest();
      for (let i = 1; i < 5; i++) h = crypto.createHash('sha256').update(h).digest();
      const pin = { salt, iterations: 5, hash: h.toString('hex') };
      await setSettings(browser, { language: 'en', region: 'india', pin, pin_locks_dismiss: true });
      const typePin = async (page, level, digits) => {
        await page.$eval(`[data-saavdhan-level="${level}"]`, (e) => e.dispatchEvent(new Event('saavdhan-test-known')));
        // The PIN box opens with the focus in it: type like the user, Tab to OK, Enter.
        await page.keyboard.down('Control'); await page.keyboard.press('KeyA'); await page.keyboard.up('Control');
        await page.keyboard.press('Backspace');
        await page.keyboard.type(digits);
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
      };
      let page = await openFixture(browser, FIXTURES.notice.path);
      await bannerContent(page, 'notice');
      await typePin(page, 'notice', '0000');
      await page.waitForFunction((m) => {
        const e = document.querySelector('[data-saavdhan-level="notice"]');
        return e && JSON.parse(e.getAttribute('data-saavdhan-content')).parts['pin-error'] === m;
      }, { timeout: 5000 }, msg('en', 'pin_wrong'));
      assert.equal((await banners(page)).length, 1, 'a wrong PIN hides nothing');
      await typePin(page, 'notice', '1234');
      await page.waitForFunction(() => !document.querySelector('[data-saavdhan-level]'), { timeout: 5000 });
      await page.close();

      page = await openFixture(browser, FIXTURES.danger.path);
      const c = await bannerContent(page, 'danger');
      assert.equal(c.parts.locked, undefined, 'with a PIN, the family lock can allow hiding danger');
      assert.ok(c.buttons.some((b) => b.action === 'known'));
      await typePin(page, 'danger', '1234');
      await page.waitForFunction(() => !document.querySelector('[data-saavdhan-level]'), { timeout: 5000 });
      await page.close();
      let stored = null;
      for (let i = 0; i < 25; i++) {
        stored = await readExtensionStorage(browser);
        if (stored.settings?.known_people?.length === 2 && stored.warning_ui?.contacts?.['fb:100090000000503']?.danger_unlocked) break;
        await sleep(200);
      }
      assert.deepEqual(stored.settings.known_people.map((p) => p.key).sort(), ['fb:100090000000501', 'fb:100090000000503']);
      assert.equal(stored.settings.pin.hash, pin.hash, 'the PIN is kept');
      assert.equal(stored.warning_ui.contacts['fb:100090000000503'].danger_unlocked, true);
      page = await openFixture(browser, FIXTURES.danger.path);
      await waitForProtection(page);
      await sleep(1500);
      assert.deepEqual(await banners(page), [], 'stays hidden after reload');
      await page.close();
    });
  });
}
