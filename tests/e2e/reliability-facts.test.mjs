// The contacts' facts are not written after every step (session::write_pace: at
// once the first time on a page and when a warning's level or stage changes,
// else at most every few seconds) — so facts read after the last write must go
// out when the page is left (`pagehide`). Here a grooming message arrives after
// the first write and the tab is closed as soon as it is read: the stored
// grooming count must include it. (Chromium; in Firefox such a write did not
// reach storage, so there facts are written after every step, as the test checks.)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, closeBrowser, openFixture, readDebug, readExtensionStorage, evaluateInExtension, waitStored,
} from './lib/index.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const KEY = 'fb:100090000000020';

async function waitRead(page, pred, { timeout = 15_000 } = {}) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeout) {
    last = await readDebug(page).catch(() => ({}));
    if (last.read && pred(last.read)) return last.read;
    await sleep(100);
  }
  throw new Error(`reader output never matched; last debug: ${JSON.stringify(last).slice(0, 2000)}`);
}

const grooming = (stored) => (stored.contacts?.contacts?.[KEY]?.facts?.stages ?? []).find((s) => s.stage === 'grooming')?.count ?? 0;

for (const kind of ['chromium', 'firefox']) {
  describe(`facts written when the page is left, ${kind}`, { timeout: 120_000 }, () => {
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

    it('a message read after the last write is in the store once the tab is closed', async () => {
      await evaluateInExtension(browser, () => chrome.storage.local.clear());
      const page = await openFixture(browser, '/messages/t/100090000000020');
      const r1 = await waitRead(page, (r) => r.conversations?.[0]?.conversation?.messages?.length >= 5);
      let n = r1.conversations[0].conversation.messages.length;
      // The first write on a page is made at once.
      let count = grooming(await waitStored(browser, (s) => grooming(s) > 0, 'the first read\'s facts'));
      // One more grooming message from the contact, as Facebook adds a row, until
      // one is read while its write is put off (the gap may have passed since the
      // first write — opening a tab to read storage takes seconds in Firefox: that
      // message is written at once, and the next comes right after that write).
      // Writes are counted by the page's attribute, not by reading storage: that
      // opens a tab, which hides this one, and a hidden page writes what is pending.
      const writes = () => page.evaluate(() => Number(document.documentElement.getAttribute('data-saavdhan-stores') || 0));
      let pending = false;
      for (let i = 0; i < 4 && !pending; i++) {
        const w0 = await writes();
        await page.evaluate(() => {
          const rows = document.querySelectorAll('[role=grid] [role=row]');
          const row = rows[rows.length - 1].cloneNode(true);
          row.querySelector('[dir=auto]').textContent = `You look so handsome in your profile pic ${rows.length}`;
          rows[rows.length - 1].parentNode.appendChild(row);
        });
        n += 1;
        await waitRead(page, (r) => r.conversations?.[0]?.conversation?.messages?.length === n);
        count += 1;
        pending = (await writes()) === w0;
      }
      if (kind === 'firefox') {
        // Firefox: a write made as the page is hidden or left did not reach storage,
        // so facts are written after every step there (storage::leave_writes_land).
        assert.equal(pending, false, 'Firefox writes the facts after every step');
        assert.equal(grooming(await readExtensionStorage(browser)), count, 'the last message\'s grooming is stored');
        await page.close();
        return;
      }
      assert.ok(pending, 'a message was read while its write was put off (session::write_pace)');
      await page.close();
      const after = await waitStored(browser, (s) => grooming(s) >= count, `the grooming count ${count} after the tab was closed`);
      assert.equal(grooming(after), count, 'the last message\'s grooming is stored');
    });
  });
}
