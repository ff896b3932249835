// Managed policy values of the wrong type (issue 16, item 3): `lock_settings: 1` locks
// like `true` (documented in extension/managed_schema.json), and values Saavdhan cannot
// use are reported on the options page instead of being silently ignored.
//
// Policy is delivered as in family-managed.test.mjs: in Firefox through a managed
// storage manifest under a temporary $HOME (Firefox does not check its types against
// managed_schema.json, so a 1 reaches the extension as it would from policies.json).
// Chromium is tested through a real policy file under an id of its own (below), and
// the reading of 1 / wrong types is also tested natively (src/state/settings.rs).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { startServer, launchBrowser, closeBrowser, extensionId, DIST_CHROME } from './lib/index.mjs';
import { openExtensionPage, evaluateInExtension, readExtensionStorage } from './family-lib.mjs';

const GECKO_ID = 'saavdhan@saavdhan.invalid';
const MANAGED = { lock_settings: 1, region: 7, language: 'hi' };

async function openOptions(browser) {
  const page = await openExtensionPage(browser, 'pages/options.html');
  await page.waitForSelector('#app[aria-busy="false"]', { timeout: 20_000 });
  return page;
}

const isHidden = (page, sel) => page.$eval(sel, (e) => e.hidden || e.closest('[hidden]') !== null);
const isDisabled = (page, sel) => page.$eval(sel, (e) => e.matches(':disabled'));

describe('managed lock_settings: 1 in firefox', { timeout: 240_000 }, () => {
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
    process.env.HOME = home;
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

  it('the number 1 locks every setting; the unusable region is reported', async () => {
    assert.deepEqual(await evaluateInExtension(browser, () => chrome.storage.managed.get(null)), MANAGED);
    await evaluateInExtension(browser, () => chrome.storage.local.set({ settings: { version: 2, region: 'uk' } }));
    const page = await openOptions(browser);
    for (const sel of ['#language', '#region', '#contact-name', '#sens-cautious', '#save', '#set-pin', '#delete-all']) {
      assert.equal(await isDisabled(page, sel), true, `${sel} is locked by lock_settings: 1`);
    }
    assert.equal(await isHidden(page, '#managed-note'), false);
    assert.equal(await page.$eval('#region', (e) => e.value), 'uk', 'the wrong-typed region does not replace the family\'s own');
    assert.equal(await isHidden(page, '#storage-managed-bad'), false, 'the wrong-typed value is reported');
    assert.match(await page.$eval('#storage-managed-bad', (e) => e.textContent), /region/);
    await page.close();
    assert.equal((await readExtensionStorage(browser)).settings.region, 'uk');
  });
});

// Chromium, end to end through a real policy file. Chromium reads extension policy on
// Linux from /etc/chromium/policies/managed/*.json ("3rdparty" → "extensions" → id), a
// folder every Chromium on the machine reads (CI runs as root, .ci/run). So that no other
// test's browser is touched, this test loads a copy of the test build under an id of its
// own (a fresh manifest "key"; the id is the key's SHA-256, first 32 hex digits as a–p:
// https://developer.chrome.com/docs/extensions/reference/manifest/key), names only that id
// in its file, and removes the file and the copy afterwards.
// What it shows: `lock_settings: true` locks everything; `lock_settings: 1` never reaches
// the extension — Chromium drops a value whose type differs from managed_schema.json's
// (chrome://policy names the error) — so in Chromium's JSON policy only `true` locks.
const POLICY_DIR = '/etc/chromium/policies/managed';
const canWritePolicy = (() => {
  try {
    fs.mkdirSync(POLICY_DIR, { recursive: true });
    fs.accessSync(POLICY_DIR, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
})();

/** A copy of the Chromium test build with an id of its own: {dir, id}. */
function buildWithOwnId() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saavdhan-policy-ext-'));
  fs.cpSync(DIST_CHROME, dir, { recursive: true });
  const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const id = [...crypto.createHash('sha256').update(der).digest('hex').slice(0, 32)]
    .map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.key = der.toString('base64');
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { dir, id };
}

for (const lock of [true, 1]) {
  describe(`managed lock_settings: ${JSON.stringify(lock)} in chromium, through a policy file`, { timeout: 240_000, skip: !canWritePolicy && `${POLICY_DIR} is not writable (run as root, as CI does)` }, () => {
    let browser;
    let ext;
    let file;
    before(async () => {
      ext = buildWithOwnId();
      file = path.join(POLICY_DIR, `saavdhan-test-${ext.id}.json`);
      fs.writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [ext.id]: { lock_settings: lock, language: 'hi' } } } }));
      browser = await launchBrowser('chromium', { extension: ext.dir });
      assert.equal(extensionId(browser), ext.id, 'the copy runs under its own id');
    });
    after(async () => {
      await closeBrowser(browser);
      if (file) fs.rmSync(file, { force: true });
      if (ext) fs.rmSync(ext.dir, { recursive: true, force: true });
    });

    it(lock === true ? 'true locks every setting' : 'Chromium drops the number 1 (its schema check): only the language is managed', async () => {
      const managed = await evaluateInExtension(browser, () => chrome.storage.managed.get(null));
      assert.deepEqual(managed, lock === true ? { lock_settings: true, language: 'hi' } : { language: 'hi' });
      const page = await openOptions(browser);
      assert.equal(await isDisabled(page, '#language'), true, 'the managed language is locked');
      assert.equal(await isHidden(page, '#managed-note'), false);
      for (const sel of ['#region', '#contact-name', '#sens-cautious', '#save', '#set-pin', '#delete-all']) {
        assert.equal(await isDisabled(page, sel), lock === true, `${sel} ${lock === true ? 'locked' : 'not locked'}`);
      }
      await page.close();
    });
  });
}

describe('managed policy problems in chromium without a policy', { timeout: 120_000 }, () => {
  let browser;
  before(async () => { browser = await launchBrowser('chromium', {}); });
  after(async () => { await closeBrowser(browser); });

  it('nothing is reported and nothing is locked', async () => {
    const page = await openOptions(browser);
    assert.equal(await isHidden(page, '#storage-managed-bad'), true);
    assert.equal(await isDisabled(page, '#save'), false);
    await page.close();
  });
});
