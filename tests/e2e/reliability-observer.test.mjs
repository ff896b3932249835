// The page observer (issue 11, "never miss what the page shows"), end to end in Chromium and
// Firefox: what the page changes IN PLACE is read again, and the user's own typing is not.
// - a message's text node changed in place (`node.data = …`: React updating a message after an
//   edit, without replacing the node) is a characterData mutation with no added or removed
//   nodes; the filter that drops our own warning boxes' mutations once took it for ours;
// - a log-layout message's aria-label (which carries sender, time and text) changed or filled
//   in late is an attribute-only mutation;
// - typing in the composer (contenteditable, role=textbox) changes text nodes on every key and
//   must not cost a step.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, closeBrowser, openFixture, readDebug, waitForBanner, banners, pageErrors,
} from './lib/index.mjs';

const NOTICE_THREAD = '/messages/t/100090000000501'; // grid: one message, "Hi", from a stranger
const LOG_THREAD = '/messages/e2ee/t/100090000000042'; // log: three benign messages, level none
const THREAT = 'I have recorded your video call. Pay 10000 rupees now or I will send the video to all your friends and family and make it viral on YouTube.';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pageErrorsOnly = (page) => pageErrors(page).filter((e) => e.kind === 'pageerror');

async function waitRead(page, pred, what, { timeout = 10_000 } = {}) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeout) {
    last = await readDebug(page).catch(() => ({}));
    if (last.read && pred(last.read)) return last.read;
    await sleep(150);
  }
  throw new Error(`${what}: never read; last read ${JSON.stringify(last?.read).slice(0, 3000)}`);
}
const texts = (r) => (r.conversations?.[0]?.conversation?.messages || []).map((m) => m.text);
const level = (r) => r.conversations?.[0]?.level;
const steps = async (page) => (await readDebug(page)).perf?.steps ?? -1;

/** Waits until no step has run for `quiet` ms; the step count then. */
async function settled(page, quiet = 1200) {
  let n = await steps(page);
  for (let t0 = Date.now(); Date.now() - t0 < 15_000;) {
    await sleep(quiet);
    const m = await steps(page);
    if (m === n) return n;
    n = m;
  }
  throw new Error(`steps never settled (${n})`);
}

for (const kind of ['chromium', 'firefox']) {
  describe(`page observer in ${kind}`, { timeout: 240_000 }, () => {
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

    it('a message text node changed in place (characterData only) is read again and warns', async () => {
      const page = await openFixture(browser, NOTICE_THREAD);
      await waitForBanner(page, { level: 'notice' });
      const before = await waitRead(page, (r) => texts(r).includes('Hi'), 'the first message');
      assert.equal(level(before), 'notice');
      const how = await page.evaluate((t) => {
        const grid = document.querySelector('[role=main] [role=grid]');
        const cells = grid.querySelectorAll('[data-scope=messages_table] div[dir=auto]');
        const node = cells[cells.length - 1].firstChild;
        if (node.nodeType !== Node.TEXT_NODE || node.data !== 'Hi') return `not the text node: ${node.nodeName}`;
        node.data = t; // the same node, its text replaced: no node added or removed
        return 'data';
      }, THREAT);
      assert.equal(how, 'data');
      const after = await waitRead(page, (r) => texts(r).includes(THREAT), 'the text changed in place');
      // Read again as the contact's newest message (what was pushed to the engine stays).
      assert.deepEqual(texts(after), ['Hi', THREAT]);
      const b = await waitForBanner(page, { level: null, timeout: 5000 });
      const shown = (await banners(page)).map((x) => x.level);
      assert.ok(shown.some((l) => l === 'warning' || l === 'danger'), `level shown: ${JSON.stringify(shown)} (${b?.level})`);
      assert.ok(['warning', 'danger'].includes(level(after)), `level read: ${level(after)}`);
      assert.deepEqual(pageErrorsOnly(page), []);
      await page.close();
    });

    it('a log message whose aria-label is changed in place (attribute only) is read again', async () => {
      const page = await openFixture(browser, LOG_THREAD);
      const before = await waitRead(page, (r) => texts(r).length >= 3, 'the thread');
      assert.equal(level(before), 'none');
      await page.evaluate((t) => {
        const msgs = document.querySelectorAll('[aria-roledescription=message]');
        msgs[msgs.length - 1].setAttribute('aria-label', `At 18:31, Meena Joshi: ${t}`);
      }, THREAT);
      const after = await waitRead(page, (r) => texts(r).includes(THREAT), 'the label changed in place');
      assert.equal(texts(after).length, 4, JSON.stringify(texts(after)));
      assert.ok(['warning', 'danger'].includes(level(after)), `level read: ${level(after)}`);
      const shown = (await waitForBanner(page, { level: level(after), timeout: 5000 })).level;
      assert.equal(shown, level(after));
      assert.deepEqual(pageErrorsOnly(page), []);
      await page.close();
    });

    it('a log row shown empty whose aria-label fills in late is read', async () => {
      const page = await openFixture(browser, LOG_THREAD);
      await waitRead(page, (r) => texts(r).length >= 3, 'the thread');
      await page.evaluate(() => {
        // The row mounts with nothing to read yet: no label, its bubble still empty.
        const v = document.createElement('div');
        v.setAttribute('data-virtualized', 'false');
        v.innerHTML = '<div role="article"><div class="x6f xq1" aria-roledescription="message" data-scope="messages_table">'
          + '<div role="button" tabindex="0" class="x7g"><div dir="auto" class="x1lliihq"></div></div></div></div>';
        document.querySelector('[role=log]').append(v);
      });
      // A step reads the empty row (and skips it) before the label comes.
      await settled(page);
      const mid = (await readDebug(page)).read;
      assert.equal(texts(mid).length, 3, JSON.stringify(texts(mid)));
      await page.evaluate((t) => {
        const msgs = document.querySelectorAll('[aria-roledescription=message]');
        msgs[msgs.length - 1].setAttribute('aria-label', `At 18:40, Meena Joshi: ${t}`);
      }, THREAT);
      const after = await waitRead(page, (r) => texts(r).includes(THREAT), 'the label filled in late');
      assert.equal(texts(after).length, 4, JSON.stringify(texts(after)));
      assert.ok(['warning', 'danger'].includes(level(after)), `level read: ${level(after)}`);
      assert.deepEqual(pageErrorsOnly(page), []);
      await page.close();
    });

    it('typing in the composer costs no step', async () => {
      // The thread the first test warned on: its contact is stored at danger by now.
      const page = await openFixture(browser, NOTICE_THREAD);
      await waitRead(page, (r) => texts(r).includes('Hi'), 'the thread');
      const n0 = await settled(page);
      assert.ok(n0 > 0, `steps so far: ${n0}`);
      await page.focus('[role=textbox][contenteditable=true]');
      await page.keyboard.type('see you at the temple on sunday, bring the sweets', { delay: 20 });
      const typed = await page.evaluate(() => document.querySelector('[role=textbox]').textContent);
      assert.match(typed, /bring the sweets/, 'the text was typed into the composer');
      // Clearing it again the way an editor does after sending: its text node emptied in place.
      await page.evaluate(() => {
        const box = document.querySelector('[role=textbox]');
        const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) n.data = '';
      });
      await sleep(800);
      assert.equal(await steps(page), n0, 'no step ran for the typing');
      assert.deepEqual(pageErrorsOnly(page), []);
      await page.close();
    });
  });
}
