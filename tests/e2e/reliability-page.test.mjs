// A page cannot blind or silence Saavdhan (issue 16 item 2, the controller's part):
// - its own markers are Rust state: a page that sets data-saavdhan-level on the
//   message list no longer hides the rows added there from the reader;
// - a warning host the page removes comes back while the assessment stands.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, closeBrowser, openFixture, waitForBanner, banners, pageErrors,
} from './lib/index.mjs';

const NOTICE_THREAD = '/messages/t/100090000000501';
const DANGER_THREAD = '/messages/t/100090000000503';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** In the page: the contact's new messages, appended as rows straight under the list. */
function appendThreats() {
  const grid = document.querySelector('[role=main] [role=grid]');
  const name = (grid.getAttribute('aria-label') || '').replace(/^Messages in conversation with /, '');
  for (const text of [
    "Hello, if you're alone, then video call me",
    'I have recorded your video call. Pay 10000 rupees now or I will send the video to all your friends and family and make it viral on YouTube.',
  ]) {
    const row = document.createElement('div');
    row.setAttribute('role', 'row');
    row.innerHTML = `<div data-scope="messages_table" role="gridcell" style="justify-content: flex-start">
      <h5><span dir="auto"></span></h5><div><div dir="auto"></div></div></div>`;
    row.querySelector('h5 span').textContent = name;
    row.querySelector('div[dir=auto]').textContent = text;
    grid.append(row);
  }
}

for (const kind of ['chromium', 'firefox']) {
  describe(`page interference in ${kind}`, { timeout: 240_000 }, () => {
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

    it('a page marking its message list with data-saavdhan-level does not hide new rows', async () => {
      const page = await openFixture(browser, NOTICE_THREAD);
      await waitForBanner(page, { level: 'notice' });
      await page.evaluate(() => {
        const grid = document.querySelector('[role=main] [role=grid]');
        grid.setAttribute('data-saavdhan-level', 'none');
        grid.closest('[role=main]').setAttribute('data-saavdhan-level', 'none');
      });
      await sleep(500);
      await page.evaluate(appendThreats);
      const b = await page.waitForFunction(() => {
        const h = [...document.querySelectorAll('[data-saavdhan-warning]')].map((e) => e.getAttribute('data-saavdhan-level'));
        return h.find((l) => l === 'warning' || l === 'danger') || null;
      }, { timeout: 10_000, polling: 100 }).then((h) => h.jsonValue()).catch(async () => {
        throw new Error(`the new threats were never read; banners ${JSON.stringify(await banners(page))}`);
      });
      assert.ok(['warning', 'danger'].includes(b), `level after the threats: ${b}`);
      await page.close();
    });

    it('a warning the page removes is put back while the assessment stands', async () => {
      const page = await openFixture(browser, DANGER_THREAD);
      await waitForBanner(page, { level: 'danger' });
      for (let i = 0; i < 2; i++) {
        // Removed and checked in one go: the extension may put it back before another round trip.
        const gone = await page.evaluate(() => {
          document.querySelector('[data-saavdhan-warning]').remove();
          return document.querySelector('[data-saavdhan-warning]') === null;
        });
        assert.equal(gone, true, 'removed');
        const back = await waitForBanner(page, { level: 'danger', timeout: 3000 });
        assert.equal(back.level, 'danger', `put back (time ${i + 1})`);
      }
      assert.equal((await banners(page)).length, 1, 'one banner, not a copy per removal');
      assert.deepEqual(pageErrors(page).filter((e) => e.kind === 'pageerror'), []);
      await page.close();
    });
  });
}
