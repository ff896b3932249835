// Managed settings (set by the family or an organisation through browser policy)
// win over the options page and show as locked.
//
// How the policy is delivered here, and why:
// * Firefox: through its real mechanism for chrome.storage.managed, a "managed storage
//   manifest" (a native manifest of type "storage") in the user's ~/.mozilla/managed-storage/
//   <extension id>.json. Firefox finds that folder through $HOME, so the test points HOME
//   at a temporary folder for the browser it launches: nothing on the machine is changed,
//   nothing is left behind. (Enterprise policies.json "3rdparty" feeds the same API; it
//   lives in /usr/lib/firefox-esr/distribution or /etc/firefox/policies, which a test
//   must not change on a shared machine. README documents policies.json for families.)
// * Chromium: policy is read only from root-owned /etc/chromium/policies/managed/*.json,
//   which would also apply to every other Chromium running on this machine (other test
//   runs in parallel), and Chromium offers no per-profile or command-line policy source
//   in release builds. So the Chromium run checks that an empty managed area locks
//   nothing, and the merge itself (values win, per-field locks, invalid values ignored,
//   lock_settings) is tested natively in src/state/settings.rs (cargo test).
//   There is NO test-only code path in the product for managed values.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, closeBrowser, openFixture, waitForBanner } from './lib/index.mjs';
import { openExtensionPage, evaluateInExtension } from './family-lib.mjs';

const GECKO_ID = 'saavdhan@saavdhan.invalid';
const DANGER_THREAD = '/messages/t/100090000000503';

const MANAGED = {
  language: 'mr',
  region: 'usa',
  trusted_contact_name: 'Sunil (son)',
  trusted_contact_phone: '+1 415 555 0100',
  sensitivity: 'not-a-valid-value',
};

async function openOptions(browser) {
  const page = await openExtensionPage(browser, 'pages/options.html');
  await page.waitForSelector('#app[aria-busy="false"]', { timeout: 20_000 });
  return page;
}

const state = (page) => page.evaluate(() => {
  const q = (s) => document.querySelector(s);
  const note = (f) => !q(`[data-lock-for="${f}"]`).hidden;
  return {
    lang: document.documentElement.lang,
    language: { value: q('#language').value, disabled: q('#language').disabled, note: note('language') },
    region: { value: q('#region').value, disabled: q('#region').disabled, note: note('region') },
    contact: { name: q('#contact-name').value, phone: q('#contact-phone').value, disabled: q('#contact-name').disabled, note: note('trusted_contact') },
    sensitivity: { cautious: q('#sens-cautious').checked, disabled: q('#sens-cautious').disabled, note: note('sensitivity') },
    managedNote: !q('#managed-note').hidden,
    managedNoteText: q('#managed-note').textContent.trim(),
    pinEnabled: !q('#new-pin').matches(':disabled'),
  };
});

describe('managed settings in firefox, through a managed storage manifest', { timeout: 240_000 }, () => {
  let server;
  let browser;
  let home;

  before(async () => {
    server = await startServer();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'saavdhan-home-'));
    const dir = path.join(home, '.mozilla', 'managed-storage');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${GECKO_ID}.json`), JSON.stringify({
      name: GECKO_ID, description: 'Saavdhan family settings (test)', type: 'storage', data: MANAGED,
    }));
    const realHome = process.env.HOME;
    process.env.HOME = home; // read by puppeteer when it starts Firefox
    try {
      browser = await launchBrowser('firefox', { server });
    } finally {
      process.env.HOME = realHome;
    }
  });
  after(async () => {
    await closeBrowser(browser);
    await server?.close();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('the browser delivers the policy to chrome.storage.managed', async () => {
    const got = await evaluateInExtension(browser, () => chrome.storage.managed.get(null));
    assert.deepEqual(got, MANAGED);
  });

  it('managed values win over the family\'s own choices and show locked; invalid ones are ignored', async () => {
    await evaluateInExtension(browser, () => chrome.storage.local.set({
      settings: { version: 2, language: 'hi', region: 'uk', sensitivity: 'cautious', trusted_contact: { name: 'Asha', phone: '9876543210' } },
    }));
    const page = await openOptions(browser);
    const s = await state(page);
    assert.equal(s.lang, 'mr', 'the page follows the managed language');
    assert.deepEqual(s.language, { value: 'mr', disabled: true, note: true });
    assert.deepEqual(s.region, { value: 'usa', disabled: true, note: true });
    assert.deepEqual(s.contact, { name: 'Sunil (son)', phone: '+1 415 555 0100', disabled: true, note: true });
    assert.deepEqual(s.sensitivity, { cautious: true, disabled: false, note: false }, 'an invalid managed value locks nothing');
    assert.equal(s.managedNote, true);
    assert.equal(s.managedNoteText, 'तुमच्या कुटुंबाने/संस्थेने ठरवले आहे', '"Set by your family/organisation" in Marathi');
    assert.equal(s.pinEnabled, true, 'what policy does not set stays usable');

    // Saving keeps the family's own stored values for managed fields (policy is not copied into them).
    await page.click('#sens-standard');
    await page.click('#save');
    await page.waitForFunction(() => document.querySelector('#save-status').textContent.trim() !== '', { timeout: 10_000 });
    const { settings } = await evaluateInExtension(browser, () => chrome.storage.local.get('settings'));
    assert.equal(settings.sensitivity, 'standard');
    assert.equal(settings.language, 'hi');
    assert.equal(settings.region, 'uk');
    assert.equal(settings.trusted_contact.name, 'Asha');
    await page.close();
  });

  it('the banner uses the managed language and family contact', async () => {
    const thread = await openFixture(browser, DANGER_THREAD);
    await waitForBanner(thread, { level: 'danger' });
    const b = await thread.$eval('[data-saavdhan-level]', (e) => ({
      lang: e.getAttribute('lang'), content: JSON.parse(e.getAttribute('data-saavdhan-content') || '{"links":[]}'),
    }));
    assert.equal(b.lang, 'mr');
    assert.ok(b.content.links.some((l) => l.href === 'tel:+14155550100'), JSON.stringify(b.content.links));
    await thread.close();
  });
});

describe('managed settings in chromium without a policy', { timeout: 120_000 }, () => {
  let browser;
  before(async () => { browser = await launchBrowser('chromium', {}); });
  after(async () => { await closeBrowser(browser); });

  it('an empty managed area locks nothing (the merge itself is tested natively, see above)', async () => {
    const got = await evaluateInExtension(browser, () => chrome.storage.managed.get(null));
    assert.deepEqual(got, {});
    const page = await openOptions(browser);
    const s = await state(page);
    assert.equal(s.managedNote, false);
    for (const f of ['language', 'region', 'contact', 'sensitivity']) assert.equal(s[f].disabled, false, f);
    await page.close();
  });
});
