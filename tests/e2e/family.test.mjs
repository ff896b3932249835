// Family set-up, end to end, against the BUILT extension in Chromium and Firefox:
// the options page (language, family contact, sensitivity, known people, PIN,
// delete all data), a corrupted store, and every protection state of the popup.
// Managed (policy) settings are in family-managed.test.mjs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, closeBrowser, openFixture, pageErrors, screenshot, waitForBanner,
} from './lib/index.mjs';
import { openExtensionPage, evaluateInExtension, readExtensionStorage, waitForTabState } from './family-lib.mjs';

const WHATSAPP_THREAD = '/messages/t/100090000000001';
const STRICT_CSP_THREAD = '/messages/t/100090000000003';
// The warning-UI engineer's danger-level fixture: the banner lists police and family links.
const DANGER_THREAD = '/messages/t/100090000000503';

/** Waits until the Rust page code has filled the page in. */
async function ready(page) {
  await page.waitForSelector('#app[aria-busy="false"]', { timeout: 20_000 });
}

async function openOptions(browser) {
  const page = await openExtensionPage(browser, 'pages/options.html');
  await ready(page);
  return page;
}

const text = (page, sel) => page.$eval(sel, (e) => e.textContent.trim());
const isHidden = (page, sel) => page.$eval(sel, (e) => e.hidden || e.closest('[hidden]') !== null);
const isDisabled = (page, sel) => page.$eval(sel, (e) => e.matches(':disabled'));

async function setLocal(browser, items) {
  await evaluateInExtension(browser, async (it) => { await chrome.storage.local.clear(); await chrome.storage.local.set(it); return true; }, items);
}

/** Fills and saves the main settings on an open options page. */
async function page_fill(page, { language, region, name, phone }) {
  await page.select('#language', language);
  await page.select('#region', region);
  await typeInto(page, '#contact-name', name);
  await typeInto(page, '#contact-phone', phone);
  await page.$eval('#save-status', (e) => { e.textContent = ''; });
  await page.click('#save');
  await page.waitForFunction(() => document.querySelector('#save-status').textContent.trim() !== '', { timeout: 10_000 });
}

/** The first banner host's lang and what its closed shadow root shows (fixtures only). */
async function bannerContent(page) {
  return page.$eval('[data-saavdhan-level]', (e) => ({
    lang: e.getAttribute('lang'),
    content: JSON.parse(e.getAttribute('data-saavdhan-content') || '{"links":[]}'),
  }));
}

async function typeInto(page, sel, value) {
  await page.$eval(sel, (e) => { e.value = ''; });
  if (value) await page.type(sel, value);
}

async function waitText(page, sel, pred, what) {
  try {
    await page.waitForFunction((s) => (document.querySelector(s)?.textContent || '').trim() !== '', { timeout: 10_000 }, sel);
  } catch {
    throw new Error(`${sel} stayed empty (${what})`);
  }
  const t = await text(page, sel);
  assert.ok(pred(t), `${sel}: ${JSON.stringify(t)} (${what})`);
  return t;
}

for (const kind of ['chromium', 'firefox']) {
  describe(`family set-up e2e in ${kind}`, { timeout: 300_000 }, () => {
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

    it('options page: defaults, a refused phone number, then a saved family contact and sensitivity', async () => {
      await setLocal(browser, {});
      const page = await openOptions(browser);
      assert.equal(await page.$eval('#language', (e) => e.value), '', 'language follows the browser by default');
      assert.equal(await page.$eval('#region', (e) => e.value), 'india', 'India by default');
      assert.equal(await page.$eval('#sens-standard', (e) => e.checked), true);
      assert.equal(await isHidden(page, '#lock-panel'), true, 'no PIN: not locked');
      assert.equal(await isHidden(page, '#managed-note'), true, 'nothing managed');
      // Every control has a label.
      const unlabelled = await page.$$eval('input, select', (els) => els.filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id));
      assert.deepEqual(unlabelled, []);

      await typeInto(page, '#contact-name', 'Asha');
      await typeInto(page, '#contact-phone', 'call me');
      await page.click('#save');
      await waitText(page, '#contact-error', (t) => /phone/i.test(t), 'invalid phone refused');
      assert.equal(await page.$eval('#contact-phone', (e) => e.getAttribute('aria-invalid')), 'true');
      assert.equal((await readExtensionStorage(browser)).settings, undefined, 'nothing saved after a refused number');

      await typeInto(page, '#contact-phone', '+91 98765 43210');
      await page.click('#sens-cautious');
      await page.select('#region', 'uk');
      await page.click('#save');
      await waitText(page, '#save-status', (t) => t === 'Saved.', 'saved');
      assert.equal(await text(page, '#contact-error'), '');
      const { settings } = await readExtensionStorage(browser);
      assert.equal(settings.version, 2);
      assert.deepEqual(settings.trusted_contact, { name: 'Asha', phone: '+91 98765 43210' });
      assert.equal(settings.sensitivity, 'cautious');
      assert.equal(settings.region, 'uk');
      await page.close();

      const again = await openOptions(browser);
      assert.equal(await again.$eval('#contact-name', (e) => e.value), 'Asha', 'the saved contact is shown again');
      assert.equal(await again.$eval('#sens-cautious', (e) => e.checked), true);
      assert.deepEqual(pageErrors(again).filter((e) => e.kind === 'pageerror'), []);
      await again.close();
    });

    it('choosing Hindi turns the options page and the popup into Hindi, and is stored for the banner', async () => {
      await setLocal(browser, {});
      const page = await openOptions(browser);
      assert.equal(await text(page, 'h1'), 'Saavdhan settings');
      await page.select('#language', 'hi');
      await page.click('#save');
      await page.waitForFunction(() => document.documentElement.lang === 'hi', { timeout: 10_000 });
      assert.equal(await text(page, 'h1'), 'सावधान की सेटिंग');
      assert.equal(await text(page, '#save-status'), 'सहेज लिया।');
      assert.equal((await readExtensionStorage(browser)).settings.language, 'hi');
      await screenshot(page, 'family-options-hindi');
      await page.close();

      const popup = await openExtensionPage(browser, 'pages/popup.html?tab=987654');
      await ready(popup);
      assert.equal(await popup.evaluate(() => document.documentElement.lang), 'hi');
      assert.equal(await text(popup, '#open-options'), 'परिवार के लिए सेटिंग');
      await popup.close();

      await evaluateInExtension(browser, async () => {
        const { settings } = await chrome.storage.local.get('settings');
        settings.language = 'mr';
        await chrome.storage.local.set({ settings });
      });
      const mr = await openOptions(browser);
      assert.equal(await mr.evaluate(() => document.documentElement.lang), 'mr');
      assert.equal(await text(mr, 'h1'), 'सावधानची सेटिंग');
      await mr.close();
    });

    it('options change the banner: its language, the family call link and the region links', async () => {
      await setLocal(browser, {});
      const opt = await openOptions(browser);
      await page_fill(opt, { language: 'hi', region: 'uk', name: 'Asha', phone: '+91 98765 43210' });
      await opt.close();

      const thread = await openFixture(browser, DANGER_THREAD);
      await waitForBanner(thread, { level: 'danger' });
      const hi = await bannerContent(thread);
      assert.equal(hi.lang, 'hi', 'the banner is in the chosen language');
      const family = hi.content.links.find((l) => l.href === 'tel:+919876543210');
      assert.ok(family, `a call link to the family contact: ${JSON.stringify(hi.content.links)}`);
      assert.ok(family.text.includes('Asha'), family.text);
      assert.ok(hi.content.links.some((l) => l.href === 'tel:03001232040'), 'UK reporting links for region uk');
      assert.ok(!hi.content.links.some((l) => l.href === 'tel:1930'), 'no India helpline for region uk');
      await screenshot(thread, 'family-banner-hindi');
      await thread.close();

      const opt2 = await openOptions(browser);
      await page_fill(opt2, { language: 'en', region: 'india', name: '', phone: '' });
      await opt2.close();
      const again = await openFixture(browser, DANGER_THREAD);
      await waitForBanner(again, { level: 'danger' });
      const en = await bannerContent(again);
      assert.equal(en.lang, 'en');
      assert.ok(!en.content.links.some((l) => (l.href || '').startsWith('tel:+91')), 'no family link without a family contact');
      assert.ok(en.content.links.some((l) => l.href === 'tel:1930'), 'India helpline for region india');
      await again.close();
    });

    it('the family PIN locks the settings until it is typed, and is stored only as a salted hash', async () => {
      await setLocal(browser, {});
      const page = await openOptions(browser);
      await typeInto(page, '#new-pin', '2468');
      await typeInto(page, '#new-pin-again', '2469');
      await page.click('#set-pin');
      await waitText(page, '#pin-status', (t) => /not the same/.test(t), 'mismatch refused');
      await typeInto(page, '#new-pin', '24');
      await typeInto(page, '#new-pin-again', '24');
      await page.click('#set-pin');
      await waitText(page, '#pin-status', (t) => /4 to 8 digits/.test(t), 'too short refused');
      assert.equal((await readExtensionStorage(browser)).settings, undefined);

      await typeInto(page, '#new-pin', '2468');
      await typeInto(page, '#new-pin-again', '2468');
      await page.click('#set-pin');
      await page.waitForFunction(() => document.querySelector('#pin-status').textContent === 'PIN saved.', { timeout: 10_000 });
      const stored = (await readExtensionStorage(browser)).settings;
      assert.match(stored.pin.hash, /^[0-9a-f]{64}$/);
      assert.ok(stored.pin.salt.length >= 16);
      assert.equal(stored.pin_locks_dismiss, true, 'the PIN also guards the dismiss buttons by default');
      assert.ok(!JSON.stringify(await readExtensionStorage(browser)).includes('2468'), 'the PIN itself is not stored');
      await page.close();

      const locked = await openOptions(browser);
      assert.equal(await isHidden(locked, '#lock-panel'), false, 'the lock panel shows');
      for (const sel of ['#language', '#region', '#contact-name', '#contact-phone', '#sens-cautious', '#save', '#delete-all', '#remove-pin']) {
        assert.equal(await isDisabled(locked, sel), true, `${sel} is disabled while locked`);
      }
      // Even a forced submit changes nothing while locked.
      await locked.evaluate(() => {
        document.querySelector('#contact-name').disabled = false;
        document.querySelector('#settings-fields').disabled = false;
        document.querySelector('#contact-name').value = 'Intruder';
        document.querySelector('#contact-phone').value = '1234567890';
        document.querySelector('#settings-form').requestSubmit();
      });
      await new Promise((r) => setTimeout(r, 800));
      assert.equal((await readExtensionStorage(browser)).settings.trusted_contact, null, 'a locked page saves nothing');
      await locked.close();

      const page2 = await openOptions(browser);
      await typeInto(page2, '#unlock-pin', '1111');
      await page2.click('#unlock');
      await waitText(page2, '#unlock-status', (t) => /not right/.test(t), 'wrong PIN refused');
      assert.equal(await isDisabled(page2, '#contact-name'), true, 'still locked after a wrong PIN');
      await typeInto(page2, '#unlock-pin', '2468');
      await page2.keyboard.press('Enter');
      await page2.waitForFunction(() => document.querySelector('#lock-panel').hidden, { timeout: 10_000 });
      assert.equal(await isDisabled(page2, '#contact-name'), false, 'unlocked with the right PIN');
      assert.equal(await page2.evaluate(() => document.activeElement && document.activeElement.id), 'language', 'focus moves into the settings');
      await page2.click('#lock-now');
      assert.equal(await isHidden(page2, '#lock-panel'), false, '"Lock now" locks again');
      await typeInto(page2, '#unlock-pin', '2468');
      await page2.click('#unlock');
      await page2.waitForFunction(() => document.querySelector('#lock-panel').hidden, { timeout: 10_000 });
      await page2.click('#remove-pin');
      await page2.waitForFunction(() => document.querySelector('#pin-status').textContent === 'PIN removed.', { timeout: 10_000 });
      assert.equal((await readExtensionStorage(browser)).settings.pin, null);
      await page2.close();
    });

    it('the "I know these people" list shows names as text and removes entries', async () => {
      await setLocal(browser, {
        settings: {
          version: 2,
          known_people: [
            { key: '100001', name: 'Ramesh <b>Kumar</b>' },
            { key: '100002', name: 'Suresh' },
          ],
        },
      });
      const page = await openOptions(browser);
      const names = await page.$$eval('#known-list li span', (els) => els.map((e) => e.textContent));
      assert.deepEqual(names, ['Ramesh <b>Kumar</b>', 'Suresh'], 'a name is text, never HTML');
      assert.equal(await page.$('#known-list b'), null);
      assert.equal(await page.$eval('[data-remove-known="100001"]', (e) => e.getAttribute('aria-label')), 'Remove Ramesh <b>Kumar</b>');
      await page.click('[data-remove-known="100001"]');
      await page.waitForFunction(() => document.querySelectorAll('#known-list li').length === 1, { timeout: 10_000 });
      const { settings } = await readExtensionStorage(browser);
      assert.deepEqual(settings.known_people, [{ key: '100002', name: 'Suresh' }]);
      await page.close();
    });

    it('a corrupted store falls back to defaults; the options page still works and repairs it', async () => {
      await setLocal(browser, { settings: 'garbage{not json', warnings_log: 42, contacts: [1, 2, 3] });
      const page = await openOptions(browser);
      assert.equal(await isHidden(page, '#corrupt-note'), false, 'the page says the settings could not be read');
      assert.equal(await page.$eval('#language', (e) => e.value), '');
      assert.equal(await page.$eval('#region', (e) => e.value), 'india');
      await page.select('#region', 'usa');
      await page.click('#save');
      await waitText(page, '#save-status', (t) => t === 'Saved.', 'saved over the garbage');
      const { settings } = await readExtensionStorage(browser);
      assert.equal(settings.version, 2);
      assert.equal(settings.region, 'usa');
      await page.close();

      const unknown = { settings: { version: 99, region: 'uk', language: 'hi' } };
      await setLocal(browser, unknown);
      const p2 = await openOptions(browser);
      // A newer version is read as well as it can be and kept, read-only (storage-settings.test.mjs).
      assert.equal(await p2.$eval('#region', (e) => e.value), 'uk', 'a newer version is read, not replaced by defaults');
      assert.equal(await p2.evaluate(() => document.documentElement.lang), 'hi');
      assert.equal(await isHidden(p2, '#storage-newer-note'), false);
      await p2.close();
      assert.deepEqual((await readExtensionStorage(browser)).settings, unknown.settings, 'kept as it was');

      await setLocal(browser, { warnings_log: 'garbage' });
      const popup = await openExtensionPage(browser, 'pages/popup.html?tab=987654');
      await ready(popup);
      assert.equal(await isHidden(popup, '#no-warnings'), false, 'a corrupted warnings log shows as empty');
      assert.deepEqual(pageErrors(popup).filter((e) => e.kind === 'pageerror'), []);
      await popup.close();
    });

    it('"delete all data" asks first, then really empties chrome.storage.local', async () => {
      const items = {
        settings: { version: 2, region: 'uk', trusted_contact: { name: 'Asha', phone: '9876543210' } },
        contacts: { version: 2, contacts: {} },
        warnings_log: { version: 1, entries: [] },
      };
      await setLocal(browser, items);
      const page = await openOptions(browser);
      await page.click('#delete-all');
      assert.equal(await isHidden(page, '#delete-confirm'), false, 'a confirmation appears');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'delete-no', 'the safe answer has focus');
      await page.click('#delete-no');
      assert.equal(await isHidden(page, '#delete-confirm'), true);
      assert.deepEqual(Object.keys(await readExtensionStorage(browser)).sort(), Object.keys(items).sort(), '"No" keeps everything');
      await page.click('#delete-all');
      await page.click('#delete-yes');
      await waitText(page, '#delete-status', (t) => t === 'Everything was deleted.', 'deleted');
      assert.deepEqual(await readExtensionStorage(browser), {}, 'chrome.storage.local is empty');
      assert.equal(await page.$eval('#contact-name', (e) => e.value), '', 'the page shows the defaults again');
      await page.close();
    });

    it('popup: each protection state, the latest warnings without message text, and the options link', async () => {
      await setLocal(browser, {
        warnings_log: {
          version: 1,
          entries: [
            { contact_key: '100090000000001', contact_name: 'Priya Sharma', level: 'warning', stage: 'off_platform', at_ms: 1796000000000 },
            { contact_key: '100090000000009', contact_name: 'Angel <i>Priya</i>', level: 'danger', stage: 'video_call', at_ms: 1796000600000 },
          ],
        },
      });
      const expected = {
        active: 'Protection is on for this page.',
        paused_wasm: 'Protection is paused on this page: the page blocks Saavdhan.',
        page_not_understood: 'Saavdhan could not read this page. Warnings may not appear here.',
      };
      // States as the background keeps them for a tab (chrome.storage.session "tab:<id>").
      let fakeTab = 900001;
      for (const [state, words] of Object.entries(expected)) {
        const id = fakeTab++;
        await evaluateInExtension(browser, (a) => chrome.storage.session.set({ [`tab:${a.id}`]: { state: a.state, detail: '', at: Date.now() } }), { id, state });
        const popup = await openExtensionPage(browser, `pages/popup.html?tab=${id}`);
        await ready(popup);
        assert.equal(await popup.$eval('#state', (e) => e.dataset.state), state);
        assert.equal(await text(popup, '#state'), words);
        await popup.close();
      }
      // A tab no content script reported on: not a Facebook page.
      const none = await openExtensionPage(browser, 'pages/popup.html?tab=424242');
      await ready(none);
      assert.equal(await none.$eval('#state', (e) => e.dataset.state), 'not_facebook');
      assert.equal(await text(none, '#state'), 'This is not a Facebook page. Saavdhan watches only Facebook and Messenger.');
      const lines = await none.$$eval('#warnings li', (els) => els.map((e) => ({ level: e.dataset.level, text: e.textContent })));
      assert.equal(lines.length, 2);
      assert.equal(lines[0].level, 'danger', 'newest first');
      assert.ok(lines[0].text.startsWith('Angel <i>Priya</i>: danger, '), lines[0].text);
      assert.equal(await none.$('#warnings i'), null, 'a name is text, never HTML');
      assert.ok(lines[1].text.startsWith('Priya Sharma: a warning, '), lines[1].text);
      assert.ok(/2026/.test(lines[1].text), `when is shown: ${lines[1].text}`);
      assert.equal(await none.$eval('#open-options', (e) => e.getAttribute('href')), 'options.html');
      await screenshot(none, 'family-popup');
      await none.close();
    });

    it('popup: the real state of a Facebook tab (active, and paused by a strict page CSP in Chromium)', async () => {
      const thread = await openFixture(browser, WHATSAPP_THREAD);
      const tab = await waitForTabState(browser, thread);
      const popup = await openExtensionPage(browser, `pages/popup.html?tab=${tab.tabId}`);
      await ready(popup);
      assert.equal(await popup.$eval('#state', (e) => e.dataset.state), tab.state.state);
      assert.equal(tab.state.state, 'active');
      await popup.close();
      await thread.close();
      if (kind === 'chromium') {
        const strict = await openFixture(browser, STRICT_CSP_THREAD);
        const t2 = await waitForTabState(browser, strict);
        const p2 = await openExtensionPage(browser, `pages/popup.html?tab=${t2.tabId}`);
        await ready(p2);
        assert.equal(await p2.$eval('#state', (e) => e.dataset.state), 'paused_wasm');
        await p2.close();
        await strict.close();
      }
    });
  });
}
