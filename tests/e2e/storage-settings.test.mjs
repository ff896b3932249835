// Storage that never loses the family's settings (issue 16, item 3), against the BUILT
// extension in Chromium and Firefox: a newer settings version is kept and shown
// read-only; wrong types are repaired keeping the PIN, contact and language; a broken
// PIN record is reported and can be reset; a full storage quota makes room by
// forgetting the oldest contacts and says so in the popup.
// Managed policy (lock_settings: 1) is in storage-managed.test.mjs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer, launchBrowser, closeBrowser, openFixture, pageErrors, waitForBanner } from './lib/index.mjs';
import { openExtensionPage, evaluateInExtension, readExtensionStorage } from './family-lib.mjs';

const DANGER_THREAD = '/messages/t/100090000000503';

async function openOptions(browser) {
  const page = await openExtensionPage(browser, 'pages/options.html');
  await page.waitForSelector('#app[aria-busy="false"]', { timeout: 20_000 });
  return page;
}

async function setLocal(browser, items) {
  await evaluateInExtension(browser, async (it) => { await chrome.storage.local.clear(); await chrome.storage.local.set(it); return true; }, items);
}

const isHidden = (page, sel) => page.$eval(sel, (e) => e.hidden || e.closest('[hidden]') !== null);
const isDisabled = (page, sel) => page.$eval(sel, (e) => e.matches(':disabled'));
const text = (page, sel) => page.$eval(sel, (e) => e.textContent.trim());

async function typeInto(page, sel, value) {
  await page.$eval(sel, (e) => { e.value = ''; });
  await page.type(sel, value);
}

/** Polls chrome.storage.local until pred(all) holds; returns it. */
async function waitForStorage(browser, pred, what, timeout = 20_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await readExtensionStorage(browser);
    if (pred(last)) return last;
    if (Date.now() > end) throw new Error(`storage never showed ${what}; last: ${JSON.stringify(last).slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 400));
  }
}

for (const kind of ['chromium', 'firefox']) {
  describe(`stored settings e2e in ${kind}`, { timeout: 300_000 }, () => {
    let server;
    let browser;

    before(async () => {
      server = await startServer();
      // Firefox: the quota manager's limit for all sites, in KB, and the size from
      // which IndexedDB keeps a value in a file of its own, in bytes (see the last test).
      const prefs = { 'dom.quotaManager.temporaryStorage.fixedLimit': 5 * 1024, 'dom.indexedDB.dataThreshold': 64 * 1024 };
      browser = await launchBrowser(kind, { server, prefs: kind === 'firefox' ? prefs : {} });
    });
    after(async () => {
      await closeBrowser(browser);
      await server?.close();
    });

    it('settings of a newer version (3) are kept as they are; options shows them read-only and says so', async () => {
      const newer = {
        version: 3, language: 'hi', region: 'uk', sensitivity: 'cautious',
        trusted_contact: { name: 'Asha', phone: '9876543210' }, known_people: [{ key: 'fb:7', name: 'Ramesh' }],
        pin: null, pin_locks_dismiss: true, something_new: { kept: true },
      };
      await setLocal(browser, { settings: newer });
      const page = await openOptions(browser);
      assert.equal(await isHidden(page, '#storage-newer-note'), false, 'the page says the settings are from a newer Saavdhan');
      assert.match(await text(page, '#storage-newer-note'), /नए संस्करण/, 'in the stored language (Hindi)');
      assert.equal(await page.$eval('#region', (e) => e.value), 'uk', 'what it can read is shown');
      assert.equal(await page.$eval('#contact-name', (e) => e.value), 'Asha');
      for (const sel of ['#language', '#contact-name', '#save', '#set-pin', '#delete-all']) {
        assert.equal(await isDisabled(page, sel), true, `${sel} cannot be used`);
      }
      // Even a forced submit writes nothing.
      await page.evaluate(() => {
        document.querySelector('#settings-fields').disabled = false;
        document.querySelector('#contact-name').value = 'Intruder';
        document.querySelector('#settings-form').requestSubmit();
      });
      await new Promise((r) => setTimeout(r, 800));
      await page.close();
      // The content script reads settings too (and "I know this person" writes them).
      const thread = await openFixture(browser, DANGER_THREAD);
      await waitForBanner(thread, { level: 'danger' });
      await thread.close();
      assert.deepEqual((await readExtensionStorage(browser)).settings, newer, 'never overwritten');
    });

    it('wrong types ("2" as the version, the PIN as digits) are repaired keeping the PIN, contact and language', async () => {
      await setLocal(browser, {
        settings: {
          version: '2', language: 'mr', region: 'usa', pin: '2468', pin_locks_dismiss: 'true',
          trusted_contact: { name: 'Asha (daughter)', phone: 919876543210 }, known_people: [{ key: 'fb:7', name: 'Ramesh' }],
        },
      });
      const page = await openOptions(browser);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'mr', 'language kept');
      assert.equal(await isHidden(page, '#lock-panel'), false, 'the PIN still locks the settings');
      assert.equal(await isDisabled(page, '#contact-name'), true);
      const { settings } = await waitForStorage(browser, (s) => s.settings && s.settings.version === 2, 'the repaired settings');
      assert.equal(settings.language, 'mr');
      assert.equal(settings.region, 'usa');
      assert.deepEqual(settings.trusted_contact, { name: 'Asha (daughter)', phone: '919876543210' });
      assert.deepEqual(settings.known_people, [{ key: 'fb:7', name: 'Ramesh' }]);
      assert.equal(settings.pin.algorithm, 'pbkdf2-sha256');
      assert.match(settings.pin.hash, /^[0-9a-f]{64}$/);
      assert.ok(!JSON.stringify(settings).includes('2468'), 'the PIN digits are no longer stored');
      await typeInto(page, '#unlock-pin', '2468');
      await page.click('#unlock');
      await page.waitForFunction(() => document.querySelector('#lock-panel').hidden, { timeout: 20_000 });
      assert.equal(await isDisabled(page, '#contact-name'), false, 'the same PIN opens the settings');
      assert.equal(await page.$eval('#contact-phone', (e) => e.value), '919876543210');
      await page.close();
    });

    it('a PIN record of the old kind (iterated SHA-256) opens once and is rewritten as PBKDF2', async () => {
      const old = JSON.parse(fs.readFileSync(new URL('../fixtures/state/settings_v2_sha256_pin.json', import.meta.url), 'utf8'));
      await setLocal(browser, { settings: old });
      const page = await openOptions(browser);
      assert.equal(await isHidden(page, '#lock-panel'), false);
      await typeInto(page, '#unlock-pin', '2468');
      await page.click('#unlock');
      await page.waitForFunction(() => document.querySelector('#lock-panel').hidden, { timeout: 20_000 });
      const { settings } = await waitForStorage(browser, (s) => s.settings && s.settings.pin && s.settings.pin.algorithm === 'pbkdf2-sha256', 'the upgraded PIN record');
      assert.equal(settings.pin.iterations, 100000);
      assert.notEqual(settings.pin.salt, old.pin.salt, 'a fresh salt');
      assert.deepEqual(settings.trusted_contact, old.trusted_contact, 'the rest is kept');
      assert.deepEqual(settings.known_people, old.known_people);
      await page.close();
      const again = await openOptions(browser);
      await typeInto(again, '#unlock-pin', '2468');
      await again.click('#unlock');
      await again.waitForFunction(() => document.querySelector('#lock-panel').hidden, { timeout: 20_000 });
      await again.close();
    });

    it('after five wrong PINs the options page makes the family wait before checking again', async () => {
      await setLocal(browser, { settings: { version: 2, pin: '1357' } });
      const page = await openOptions(browser);
      await waitForStorage(browser, (s) => s.settings && typeof s.settings.pin === 'object', 'the hashed PIN');
      for (let i = 0; i < 5; i += 1) {
        await page.$eval('#unlock-status', (e) => { e.textContent = ''; });
        await typeInto(page, '#unlock-pin', '0000');
        await page.click('#unlock');
        await page.waitForFunction(() => document.querySelector('#unlock-status').textContent.trim() !== '', { timeout: 20_000 });
      }
      await page.$eval('#unlock-status', (e) => { e.textContent = ''; });
      await typeInto(page, '#unlock-pin', '1357');
      await page.click('#unlock');
      await page.waitForFunction(() => document.querySelector('#unlock-status').textContent.trim() !== '', { timeout: 20_000 });
      assert.match(await text(page, '#unlock-status'), /wait (29|30) seconds/, 'even the right PIN waits');
      assert.equal(await isHidden(page, '#lock-panel'), false, 'still locked');
      await page.close();
      const { pin_tries: tries } = await readExtensionStorage(browser);
      assert.equal(tries.wrong, 5);
      assert.ok(tries.wait_until_ms > Date.now() + 20_000, 'the wait is stored (closing the page does not end it)');
    });

    it('a broken PIN record is reported, still locks, and the documented reset removes it keeping the rest', async () => {
      await setLocal(browser, { settings: { version: 2, language: 'en', region: 'uk', pin: { salt: 5, hash: null } } });
      const page = await openOptions(browser);
      assert.equal(await isHidden(page, '#pin-broken-panel'), false, 'the damaged PIN is reported');
      assert.equal(await isDisabled(page, '#contact-name'), true, 'a damaged PIN still locks');
      assert.equal(await isDisabled(page, '#pin-reset'), false);
      await page.click('#pin-reset');
      await page.waitForFunction(() => document.querySelector('#pin-status').textContent.trim() !== '', { timeout: 10_000 });
      assert.match(await text(page, '#pin-status'), /set a new PIN/);
      assert.equal(await isHidden(page, '#pin-broken-panel'), true);
      assert.equal(await isDisabled(page, '#contact-name'), false, 'the settings can be changed again');
      const { settings } = await readExtensionStorage(browser);
      assert.equal(settings.pin, null);
      assert.equal(settings.region, 'uk', 'the other settings are kept');
      assert.deepEqual(pageErrors(page).filter((e) => e.kind === 'pageerror'), []);
      await page.close();
    });

    /** 60 old contacts, fb:1001 (an hour ago) … fb:1060 (60 hours ago), ~400 bytes of facts each; `bulk(i)` adds a rule id of that many bytes to contact i. */
    const oldContacts = (nowS, bulk = () => 0) => {
      const contacts = {};
      for (let i = 1; i <= 60; i += 1) {
        const stages = ['contact', 'grooming', 'off_platform'].map((stage) => ({
          stage, first_at: '2026-11-01T10:00:00Z', rules: [`${stage}.example_rule_one.en`, `${stage}.example_rule_two.hi`], count: 3,
        }));
        if (bulk(i) > 0) stages[0].rules.push({ random: bulk(i) });
        contacts[`fb:${1000 + i}`] = { facts: { version: 1, messages_seen: i, stages }, last_activity: nowS - i * 3600 };
      }
      return { version: 2, contacts };
    };

    /** Opens the danger thread in the full store; checks what was forgotten, kept and said. */
    async function dangerInFullStore(fillerKeys) {
      const thread = await openFixture(browser, DANGER_THREAD);
      await waitForBanner(thread, { level: 'danger' });
      const all = await waitForStorage(browser, (s) => s.storage_note && s.contacts
        && Object.keys(s.contacts.contacts).some((k) => !/^fb:10(0[1-9]|[1-5]\d|60)$/.test(k)), 'the new contact saved after trimming');
      await thread.close();
      const keys = Object.keys(all.contacts.contacts);
      assert.ok(keys.length < 61, `trimmed: ${keys.length}`);
      assert.equal(all.contacts.contacts['fb:1060'], undefined, 'the least recently active went first');
      assert.ok(all.contacts.contacts['fb:1001'], 'the most recent old contact is kept');
      assert.ok(all.storage_note.trimmed > 0 && all.storage_note.failed === false, JSON.stringify(all.storage_note));
      assert.deepEqual(Object.keys(all).filter((k) => k.startsWith('filler')).sort(), [...fillerKeys].sort(), 'the rest of the storage is untouched');
      const popup = await openExtensionPage(browser, 'pages/popup.html?tab=987654');
      await popup.waitForSelector('#app[aria-busy="false"]', { timeout: 20_000 });
      assert.equal(await isHidden(popup, '#storage-note'), false, 'the popup tells the family');
      assert.match(await text(popup, '#storage-note'), /Storage was full/);
      await popup.close();
      await setLocal(browser, {});
      return all;
    }

    if (kind === 'chromium') {
      it('a full storage quota: the oldest contacts are forgotten, the new danger is kept, the popup says so', async () => {
        await setLocal(browser, { contacts: oldContacts(Math.floor(Date.now() / 1000)) });
        // Fill chrome.storage.local to a few bytes below its quota (10 MB).
        const filled = await evaluateInExtension(browser, async () => {
          const quota = chrome.storage.local.QUOTA_BYTES;
          const used = await chrome.storage.local.getBytesInUse(null);
          await chrome.storage.local.set({ filler: 'x'.repeat(quota - used - 'filler'.length - 2 - 16) });
          return { quota, used: await chrome.storage.local.getBytesInUse(null) };
        });
        assert.ok(filled.quota - filled.used < 64, JSON.stringify(filled));
        const all = await dangerInFullStore(['filler']);
        assert.equal(all.filler.length > 1_000_000, true, 'the filler is whole');
      });
    } else {
      // Firefox keeps storage.local in IndexedDB under the extension's origin (since
      // Firefox 66, https://github.com/mdn/content/pull/12089), with no QUOTA_BYTES: a
      // write fails at the quota manager's limit, fixed at 5 MB in this profile
      // (dom.quotaManager.temporaryStorage.fixedLimit). Measured in Firefox ESR 153:
      // values are compressed (random text is needed to fill it); the database's
      // journal leaves some room that comes and goes, so a store filled to its last
      // 256 bytes still took a rewrite of 60 contacts' facts; a refusal says
      // "QuotaExceededError: …" and the next write, whatever its size, "An unexpected
      // error occurred". So here the 25 least recently active contacts carry 40 KB of
      // random rule ids each (their facts, 1 MB, can only be rewritten with far more
      // room than the journal's), and a 192 KB value, kept in a file of its own
      // (dom.indexedDB.dataThreshold: 64 KB in this profile), is removed once the rest is
      // full: room for the trimmed facts and the note, never for all of them.
      it('a full storage quota: the oldest contacts are forgotten, the new danger is kept, the popup says so', async () => {
        const contacts = oldContacts(Math.floor(Date.now() / 1000), (i) => (i > 35 ? 40 * 1024 : 0));
        const filled = await evaluateInExtension(browser, async (stored) => {
          const random = (n) => {
            let s = '';
            while (s.length < n) {
              const bytes = crypto.getRandomValues(new Uint8Array(Math.min(n - s.length, 65536)));
              s += String.fromCharCode(...Array.from(bytes, (b) => 48 + (b & 63)));
            }
            return s;
          };
          for (const c of Object.values(stored.contacts)) {
            for (const st of c.facts.stages) st.rules = st.rules.map((r) => (typeof r === 'string' ? r : `contact.${random(r.random)}`));
          }
          await chrome.storage.local.clear();
          await chrome.storage.local.set({ contacts: stored });
          await chrome.storage.local.set({ spare: random(192 * 1024) });
          const keys = [];
          const refusals = [];
          for (const size of [64 * 1024, 16 * 1024, 4096, 1024, 256]) {
            // Each size until it is refused twice in a row (the second refusal is the
            // unexplained one that follows any refusal).
            for (let refused = 0; refused < 2 && keys.length < 5000;) {
              const key = `filler${keys.length}`;
              const error = await chrome.storage.local.set({ [key]: random(size) }).then(() => null, (e) => String(e && e.message));
              if (error === null) { keys.push(key); refused = 0; } else { refused += 1; refusals.push(`${size}: ${error}`); }
            }
          }
          await chrome.storage.local.remove('spare');
          return { keys, refusals, quota: chrome.storage.local.QUOTA_BYTES ?? null };
        }, contacts);
        assert.equal(filled.quota, null, 'no QUOTA_BYTES in Firefox');
        assert.ok(filled.refusals.some((r) => /QuotaExceededError/.test(r)), JSON.stringify(filled.refusals));
        assert.ok(filled.keys.length > 40, `filled: ${filled.keys.length} values`);
        const all = await dangerInFullStore(filled.keys);
        console.log(`# firefox: ${filled.keys.length} random values filled the store (refused: ${filled.refusals.join('; ')}); `
          + `then ${Object.keys(all.contacts.contacts).length} contacts kept, note ${JSON.stringify(all.storage_note)}`);
      });
    }
  });
}
