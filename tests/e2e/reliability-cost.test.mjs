// Bounded cost (issue 16, "Big input"): what one huge message and many closed chat
// windows cost the tab, measured by the BUILT test extension in real Chromium and
// Firefox.
// - A 1 MB message (its text and, as in the log layout, its accessible label): no
//   step of the extension is a long task (each step's own time, published by the
//   test build as data-saavdhan-perf), and the module's linear memory does not grow
//   by the message (WebAssembly memory cannot shrink: a message copied in would be
//   held for the tab's life; data-saavdhan-held).
// - Three 1 MB messages arriving one after another, then the thread's list mounted
//   again with them (as when the thread is opened again): the same two bounds, and a
//   click handler of the page still runs after each (measured here on 2 shared cores:
//   0.03-0.5 s after each message and up to 2.5 s after the re-mount in Chromium with
//   the extension, 0.03-0.4 s without it; a CPU profile of the re-mount showed a few
//   ms of the extension's script and module, the rest the browser's own work).
// - 200 chat windows opened and closed: the extension keeps no state for them (its
//   lists, gates, contacts, warnings and cached rows are back to what the open
//   windows need) and, in Chromium, the page's DOM node count after a garbage
//   collection is back near where it began (closed windows' DOM is not held).
// - A chat window opened in the microtasks right after the step that saw another
//   close (before the step that reads the open windows again) is read: that step
//   kept the page's grids of the step before and never saw the new one (the 200
//   windows' test hung in 1 run of 3 on that: "round N's windows read").
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, closeBrowser, openFixture, readDebug, pageErrors,
} from './lib/index.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const LONG_TASK_MS = 50;
const LOG_THREAD = '/messages/e2ee/t/100090000000042';
const LOG_KEY = 'fb:meena.joshi.12';
const DOCKED = '/groups/feed/';

/**
 * The times of the steps taken after `before` (debug snapshots), from the test
 * build's last steps (`recent_ms`): the page's first, cold read of the thread is
 * not one of them, and it is not what the bound is about.
 */
function stepsSince(before, after) {
  const n = after.perf.steps - before.perf.steps;
  const recent = after.perf.recent_ms;
  assert.ok(n >= 1 && n <= recent.length, `${n} steps since, ${recent.length} kept`);
  return recent.slice(recent.length - n);
}

async function waitDebug(page, pred, what, { timeout = 20_000 } = {}) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeout) {
    last = await readDebug(page).catch(() => ({}));
    if (last.read && last.held && pred(last)) return last;
    await sleep(150);
  }
  throw new Error(`${what}: never seen; last debug: ${JSON.stringify(last).slice(0, 3000)}`);
}

const messages = (d, key) => d.read.conversations?.find((c) => c.key === key)?.conversation?.messages ?? [];

/** In the page: appends log-layout messages from Meena Joshi (text and label alike). */
function appendLogMessages(texts) {
  const log = document.querySelector('[role=log]');
  texts.forEach((text, i) => {
    const v = document.createElement('div');
    v.setAttribute('data-virtualized', 'false');
    const m = document.createElement('div');
    m.setAttribute('aria-roledescription', 'message');
    m.setAttribute('data-scope', 'messages_table');
    m.setAttribute('aria-label', `At 18:${40 + i}, Meena Joshi: ${text}`);
    const t = document.createElement('div');
    t.setAttribute('dir', 'auto');
    t.textContent = text;
    m.append(t);
    v.append(m);
    log.append(v);
  });
}

/** In the page: opens one docked chat window per [id, name], beside the fixture's. */
function openWindows(list) {
  const dock = document.querySelector('[aria-label="Conversation titled Sunil Rao"]').parentElement.parentElement;
  const texts = ['Good morning dear', 'How are you today?', 'I saw your profile, you look very decent',
    'Where do you live?', 'I am alone at home now', 'Send your WhatsApp number, let us do a video call tonight'];
  for (const [id, name] of list) {
    const box = document.createElement('div');
    box.setAttribute('data-test-window', id);
    const rows = texts.map((t, i) => `<div data-virtualized="false"><div role="article"><div aria-roledescription="message"
      data-scope="messages_table" aria-label="At 08:0${i}, ${name}: ${t}"><div role="button" tabindex="0"><div dir="auto">${t}</div></div></div></div></div>`).join('');
    box.innerHTML = `<div><a href="/profile.php?id=${id}" role="link"><span dir="auto">${name}</span></a>
      <div aria-label="Minimize chat" role="button" tabindex="0"></div><div aria-label="Close chat" role="button" tabindex="0"></div></div>
      <div aria-label="Conversation titled ${name}"><div role="log" aria-live="polite" aria-label="Messages in conversation with ${name}">
      <div data-virtualized="false"><div data-scope="date_break" aria-label="November 29, 2026 at 8:00 AM"><span dir="auto">29 Nov 2026, 08:00</span></div></div>
      ${rows}</div></div>
      <div><div role="textbox" contenteditable="true" aria-label="Write to ${name}"></div></div>`;
    dock.append(box);
  }
}

/** Chromium only: DOM nodes of the renderer after a full garbage collection. */
async function domNodes(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await sleep(200);
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Memory.getDOMCounters')).nodes;
}

for (const kind of ['chromium', 'firefox']) {
  describe(`bounded cost in ${kind}`, { timeout: 400_000 }, () => {
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

    it('a 1 MB message: no step of ours is a long task, and the module\'s memory does not grow by it', async () => {
      const page = await openFixture(browser, LOG_THREAD);
      await waitDebug(page, (d) => messages(d, LOG_KEY).length >= 3, 'the thread read');
      await sleep(1000);
      const before = await readDebug(page);
      // One 1 MB message, as in the issue (three of them, or one of short words, keep
      // Chromium's own layout busy for longer than this test waits).
      const huge = ['a'.repeat(1 << 20)];
      await page.evaluate(appendLogMessages, [...huge, 'Did you see my long messages?']);
      const done = await waitDebug(page, (d) => messages(d, LOG_KEY).some((m) => m.text === 'Did you see my long messages?'),
        'the message after the huge ones read');
      await sleep(1000);
      const afterD = await readDebug(page);
      const msgs = messages(done, LOG_KEY);
      assert.equal(msgs.length, 3 + huge.length + 1, JSON.stringify(msgs.map((m) => m.text.length)));
      for (const m of msgs.slice(3, 3 + huge.length)) {
        assert.ok(new TextEncoder().encode(m.text).length <= 4096 && m.text.length >= 1000, `capped to its first 4 KB: ${m.text.length}`);
      }
      const grown = afterD.held.wasm_memory_bytes - before.held.wasm_memory_bytes;
      const since = stepsSince(before, afterD);
      console.log(`# ${kind}: wasm memory ${(before.held.wasm_memory_bytes / 1048576).toFixed(2)} MB before, `
        + `${(afterD.held.wasm_memory_bytes / 1048576).toFixed(2)} MB after a 1 MB message; `
        + `steps ${before.perf.steps} → ${afterD.perf.steps} (${since.map((t) => t.toFixed(1)).join(', ')} ms; `
        + `the page's longest ${afterD.perf.max_ms.toFixed(1)} ms)`);
      assert.ok(grown < 256 * 1024, `the module's memory grew by ${grown} bytes`);
      assert.ok(Math.max(...since) < LONG_TASK_MS, `steps after the message: ${since.join(', ')} ms`);
      assert.deepEqual(pageErrors(page).filter((e) => e.kind === 'pageerror'), []);
      await page.close();
    });

    it('three 1 MB messages in a row, then the thread mounted again with them: no step of ours is a long task, memory is not kept, the page answers clicks', async () => {
      const page = await openFixture(browser, LOG_THREAD);
      await waitDebug(page, (d) => messages(d, LOG_KEY).length >= 3, 'the thread read');
      await sleep(1000);
      const before = await readDebug(page);
      // A click handler of the page's own; how long a click takes to reach it tells
      // whether the page still answers.
      await page.evaluate(() => { window.testClicks = 0; document.addEventListener('click', () => { window.testClicks += 1; }); });
      const clickMs = async () => {
        const n = await page.evaluate(() => window.testClicks);
        const t0 = Date.now();
        await page.mouse.click(5, 5);
        await page.waitForFunction((k) => window.testClicks > k, { timeout: 30_000, polling: 20 }, n);
        return Date.now() - t0;
      };
      const clicks = [];
      for (const letter of ['a', 'b', 'c']) {
        await page.evaluate(appendLogMessages, [letter.repeat(1 << 20)]);
        clicks.push(await clickMs());
      }
      await page.evaluate(appendLogMessages, ['Did you see my long messages?']);
      await waitDebug(page, (d) => messages(d, LOG_KEY).some((m) => m.text === 'Did you see my long messages?'),
        'the message after the huge ones read', { timeout: 60_000 });
      clicks.push(await clickMs());
      const read = messages(await readDebug(page), LOG_KEY);
      // Facebook mounts a thread's list again when it is opened again: the same list, new elements.
      const stepsBefore = (await readDebug(page)).perf.steps;
      await page.evaluate(() => { const log = document.querySelector('[role=log]'); log.replaceWith(log.cloneNode(true)); });
      clicks.push(await clickMs());
      const again = await waitDebug(page, (d) => d.perf.steps > stepsBefore && messages(d, LOG_KEY).length === read.length,
        'the mounted-again thread read', { timeout: 60_000 });
      await sleep(1000);
      const afterD = await readDebug(page);
      assert.equal(read.length, 3 + 3 + 1, JSON.stringify(read.map((m) => m.text.length)));
      for (const m of read.slice(3, 6)) {
        assert.ok(new TextEncoder().encode(m.text).length <= 4096 && m.text.length >= 1000, `capped to its first 4 KB: ${m.text.length}`);
      }
      assert.equal(messages(again, LOG_KEY).length, read.length, 'the mounted-again rows are the same messages');
      const grown = afterD.held.wasm_memory_bytes - before.held.wasm_memory_bytes;
      const since = stepsSince(before, afterD);
      console.log(`# ${kind}: three 1 MB messages: wasm memory ${(before.held.wasm_memory_bytes / 1048576).toFixed(2)} MB before, `
        + `${(afterD.held.wasm_memory_bytes / 1048576).toFixed(2)} MB after; steps ${before.perf.steps} → ${afterD.perf.steps} `
        + `(${since.map((t) => t.toFixed(1)).join(', ')} ms; the page's longest ${afterD.perf.max_ms.toFixed(1)} ms); `
        + `a click reached the page's handler in ${clicks.join(', ')} ms`);
      assert.ok(grown < 256 * 1024, `the module's memory grew by ${grown} bytes`);
      assert.ok(Math.max(...since) < LONG_TASK_MS, `steps after the first message: ${since.join(', ')} ms`);
      assert.ok(Math.max(...clicks) < 5_000, `clicks answered in ${clicks.join(', ')} ms`);
      assert.deepEqual(pageErrors(page).filter((e) => e.kind === 'pageerror'), []);
      await page.close();
    });

    it('200 chat windows opened and closed: their state, warnings and DOM are not held', async () => {
      const page = await openFixture(browser, DOCKED);
      const cdp = kind === 'chromium' ? await page.createCDPSession() : null;
      const base = await waitDebug(page, (d) => d.read.conversations?.length === 3, 'the three docked windows read');
      await sleep(500);
      const baseHeld = (await readDebug(page)).held;
      const nodes0 = cdp ? await domNodes(cdp) : null;
      let warned = 0;
      let nodesOpen = null;
      for (let round = 0; round < 20; round += 1) {
        const list = Array.from({ length: 10 }, (_, i) => {
          const n = round * 10 + i;
          return [String(100091000000000 + n), `Asha Test ${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + Math.floor(n / 26))}`];
        });
        await page.evaluate(openWindows, list);
        const seen = await waitDebug(page, (d) => list.every(([id]) => messages(d, `fb:${id}`).length === 6), `round ${round + 1}'s windows read`);
        if (round === 0 && cdp) nodesOpen = await domNodes(cdp);
        warned += seen.read.conversations.filter((c) => list.some(([id]) => c.key === `fb:${id}`) && c.level !== 'none').length;
        await page.evaluate(() => { for (const w of document.querySelectorAll('[data-test-window]')) w.remove(); });
      }
      // The closing is seen by a step; then nothing of the 200 windows is kept.
      const end = await waitDebug(page, (d) => d.held.windows === baseHeld.windows && d.read.conversations.length === 3, 'the closed windows let go');
      await sleep(500);
      const held = (await readDebug(page)).held;
      const nodes1 = cdp ? await domNodes(cdp) : null;
      console.log(`# ${kind}: held before ${JSON.stringify(baseHeld)}; after 200 windows ${JSON.stringify(held)}; `
        + `windows warned ${warned}; DOM nodes after GC ${nodes0}, ${nodesOpen} with 10 windows open, ${nodes1} after`);
      assert.equal(warned, 200, 'each window was read and warned (so it had state to drop)');
      assert.equal(end.read.conversations.length, base.read.conversations.length);
      assert.equal(held.windows, baseHeld.windows);
      assert.ok(held.gates <= baseHeld.gates, `gates ${held.gates}`);
      assert.ok(held.people <= baseHeld.people, `contacts with state ${held.people} (before ${baseHeld.people})`);
      assert.ok(held.warnings <= baseHeld.warnings, `warnings held ${held.warnings} (before ${baseHeld.warnings})`);
      assert.ok(held.cached_rows <= baseHeld.cached_rows + 50, `cached rows ${held.cached_rows} (before ${baseHeld.cached_rows})`);
      if (cdp) assert.ok(nodesOpen - nodes0 > 300, `the count sees open windows: ${nodes0} → ${nodesOpen}`);
      if (cdp) assert.ok(nodes1 - nodes0 < 300, `DOM nodes after GC: ${nodes0} → ${nodes1}`);
      assert.deepEqual(pageErrors(page).filter((e) => e.kind === 'pageerror'), []);
      await page.close();
    });

    it('a chat window opened right after the step that saw another one close is read', async () => {
      // The step that sees a window close reads the open ones again in the next task
      // (`let_go_of_closed_windows`); a window opened between the two was missed
      // for good when that next step kept the page's grids of the step before.
      const page = await openFixture(browser, DOCKED);
      await waitDebug(page, (d) => d.read.conversations?.length === 3, 'the three docked windows read');
      await page.evaluate(`window.saavdhanOpenWindows = ${openWindows}`);
      const first = [['100092000000001', 'Asha Test First']];
      await page.evaluate((l) => window.saavdhanOpenWindows(l), first);
      await waitDebug(page, (d) => messages(d, 'fb:100092000000001').length === 6, 'the first window read');
      await sleep(500);
      const second = [['100092000000002', 'Asha Test Second']];
      // The page's own observer runs after the step that saw the close, in its
      // microtasks: the second window comes before the step that follows.
      const steps = await page.evaluate((l) => new Promise((resolve) => {
        const perf = () => JSON.parse(document.documentElement.getAttribute('data-saavdhan-perf')).steps;
        const before = perf();
        const obs = new MutationObserver(() => {
          obs.disconnect();
          window.saavdhanOpenWindows(l);
          resolve([before, perf()]);
        });
        obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-saavdhan-perf'] });
        for (const w of document.querySelectorAll('[data-test-window]')) w.remove();
      }), second);
      const seen = await waitDebug(page, (d) => messages(d, 'fb:100092000000002').length === 6, 'the window opened after the close',
        { timeout: 10_000 });
      assert.equal(steps[1], steps[0] + 1, `one step between the close and the opening: ${steps}`);
      assert.ok(!seen.read.conversations.some((c) => c.key === 'fb:100092000000001'), 'the closed window let go');
      assert.deepEqual(pageErrors(page).filter((e) => e.kind === 'pageerror'), []);
      await page.close();
    });
  });
}
