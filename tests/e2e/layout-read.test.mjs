// Issue 11 / 16, end to end: both Messenger layouts Facebook serves at once (grid and log),
// docked chat windows in both layouts (minimised, inside role=main), Hindi and Marathi labels,
// the header card's context, and bad input — read by the BUILT extension in real Chromium and
// Firefox from the fixtures in tests/fixtures/layout-*.html (written from
// the public evidence listed in README "Reading Facebook"). Expected reads: tests/fixtures/layout-expected.json.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, launchBrowser, closeBrowser, openFixture, readDebug, waitForProtection, withoutFirstSeen,
  pageErrors, FIXTURES_DIR, banners, waitForBanner,
} from './lib/index.mjs';

const EXPECTED = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'layout-expected.json'), 'utf8'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pageErrorsOnly = (page) => pageErrors(page).filter((e) => e.kind === 'pageerror');

async function waitRead(page, pred, { timeout = 15_000 } = {}) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeout) {
    last = await readDebug(page).catch(() => ({}));
    if (last.read && pred(last.read)) return withoutFirstSeen(last.read);
    await sleep(150);
  }
  throw new Error(`reader output never matched; last debug: ${JSON.stringify(last).slice(0, 4000)}`);
}

/** "local:YYYY-MM-DDTHH:MM" → RFC 3339 with the page's UTC offset at that time (as the reader writes it). */
async function resolveLocal(page, s) {
  if (typeof s !== 'string' || !s.startsWith('local:')) return s;
  return page.evaluate((v) => {
    const [d, t] = v.slice(6).split('T');
    const [y, mo, dd] = d.split('-').map(Number);
    const [h, mi] = t.split(':').map(Number);
    const off = -new Date(y, mo - 1, dd, h, mi).getTimezoneOffset();
    const p2 = (n) => String(Math.abs(n)).padStart(2, '0');
    // UTC is written "Z" (RFC 3339's own spelling, as the time crate formats it).
    if (off === 0) return `${d}T${p2(h)}:${p2(mi)}:00Z`;
    return `${d}T${p2(h)}:${p2(mi)}:00${off < 0 ? '-' : '+'}${p2(Math.trunc(Math.abs(off) / 60))}:${p2(Math.abs(off) % 60)}`;
  }, s);
}

async function resolveConv(page, conv) {
  const out = structuredClone(conv);
  out.contact.conversation_start = await resolveLocal(page, out.contact.conversation_start);
  if (out.contact.conversation_start === undefined) delete out.contact.conversation_start;
  for (const m of out.messages) m.at = await resolveLocal(page, m.at);
  return out;
}

/** Checks one read conversation against an expectation (key, placement, every message, level). */
async function check(page, got, exp) {
  assert.ok(got, `conversation ${exp.key} read`);
  assert.equal(got.key, exp.key);
  if (exp.placement) assert.equal(got.placement, exp.placement);
  assert.deepEqual(got.conversation, await resolveConv(page, exp.conversation));
  assert.ok(exp.levels.includes(got.level), `${exp.key}: level ${got.level}, expected one of ${exp.levels}`);
}

const count = (r, key) => r.conversations?.find((c) => c.key === key)?.conversation?.messages?.length ?? 0;

for (const kind of ['chromium', 'firefox']) {
  describe(`layouts e2e in ${kind}`, { timeout: 400_000 }, () => {
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

    for (const [name, url, host, key] of [
      ['log layout thread with header card, placeholders, reply, kinds and calls', '/messages/t/100090000000041', undefined, 'log_en'],
      ['log layout thread on messenger.com', '/t/100090000000041', 'www.messenger.com', 'log_en'],
      ['log layout e2ee thread scrolled past its start', '/messages/e2ee/t/100090000000042', undefined, 'log_scrolled'],
      ['grid layout thread with separators inside cells', '/messages/t/100090000000043', undefined, 'grid_breaks'],
      ['log layout thread in the Hindi UI', '/messages/t/100090000000045', undefined, 'log_hi'],
      ['log layout thread in the Marathi UI', '/messages/t/100090000000046', undefined, 'log_mr'],
    ]) {
      it(`reads the ${name}`, async () => {
        const exp = EXPECTED[key];
        const page = await openFixture(browser, url, host ? { host } : {});
        const read = await waitRead(page, (r) => count(r, exp.key) >= exp.conversation.messages.length
          && exp.levels.includes(r.conversations.find((c) => c.key === exp.key).level));
        assert.equal(read.page, 'thread');
        assert.equal(read.conversations.length, 1);
        assert.equal(read.conversations[0].placement, 'thread');
        await check(page, read.conversations[0], exp);
        if (key === 'log_en') {
          // A call row's only text is its length as the row shows it ("Video chat ended" / "2 min").
          const calls = read.conversations[0].conversation.messages.filter((m) => m.kind.endsWith('call'));
          assert.deepEqual(calls.map((m) => m.text), [undefined, '2 min']);
        }
        assert.equal(await waitForProtection(page), 'active');
        // The level read is the level shown: a banner at that level, or none for a clean thread.
        const level = read.conversations[0].level;
        if (level === 'none') {
          await sleep(300);
          assert.deepEqual(await banners(page), []);
        } else {
          assert.equal((await waitForBanner(page, { level })).level, level);
        }
        assert.deepEqual(pageErrorsOnly(page), []);
        await page.close();
      });
    }

    it('reads docked chat windows: log layout inside role=main, minimised grid window, log window outside role=main', async () => {
      const page = await openFixture(browser, '/groups/feed/');
      const read = await waitRead(page, (r) => EXPECTED.docked.every((e) => count(r, e.key) >= e.conversation.messages.length)
        && EXPECTED.docked.every((e) => e.levels.includes(r.conversations.find((c) => c.key === e.key).level)));
      assert.equal(read.page, 'other');
      assert.equal(read.conversations.length, 3);
      for (const [i, exp] of EXPECTED.docked.entries()) {
        assert.equal(read.conversations[i].placement, 'chat_window');
        await check(page, read.conversations[i], exp);
      }
      // The scam opening in the docked log window is shown at the level read.
      const rohan = read.conversations[0].level;
      if (rohan !== 'none') assert.equal((await waitForBanner(page, { level: rohan })).level, rohan);
      assert.equal(await waitForProtection(page), 'active');
      assert.deepEqual(pageErrorsOnly(page), []);
      await page.close();
    });

    it('reads both layouts mixed on one page: the grid thread, and a docked log window in role=main before it', async () => {
      const page = await openFixture(browser, '/messages/t/100090000000044');
      const read = await waitRead(page, (r) => EXPECTED.mixed.every((e) => count(r, e.key) >= e.conversation.messages.length)
        && EXPECTED.mixed.every((e) => e.levels.includes(r.conversations.find((c) => c.key === e.key).level)));
      assert.equal(read.conversations.length, 2);
      for (const [i, exp] of EXPECTED.mixed.entries()) await check(page, read.conversations[i], exp);
      assert.deepEqual(pageErrorsOnly(page), []);
      await page.close();
    });

    it('bad input: a message with no text and one with an unknown label format are skipped, the rest read', async () => {
      const page = await openFixture(browser, '/messages/t/100090000000047');
      const exp = EXPECTED.bad;
      const read = await waitRead(page, (r) => count(r, exp.key) >= 1);
      await sleep(500);
      const final = withoutFirstSeen((await readDebug(page)).read);
      assert.equal(final.conversations.length, 1);
      await check(page, final.conversations[0], exp);
      assert.ok(read.rows_read >= 1);
      assert.equal(await waitForProtection(page), 'active');
      assert.deepEqual(pageErrorsOnly(page), []);
      await page.close();
    });

    it('a message edited in place is read again and gets a new assessment', async () => {
      const page = await openFixture(browser, '/messages/e2ee/t/100090000000042');
      const exp = EXPECTED.log_scrolled;
      const before = await waitRead(page, (r) => count(r, exp.key) >= 3);
      assert.equal(before.conversations[0].level, 'none');
      const edited = 'Send me your WhatsApp number now. I will video call you, pay 5000 rupees or your video goes viral';
      await page.evaluate((t) => {
        const msgs = document.querySelectorAll('[aria-roledescription=message]');
        const m = msgs[msgs.length - 1];
        m.setAttribute('aria-label', `At 18:31, Meena Joshi: ${t}`);
        m.querySelector('[dir=auto]').textContent = t;
      }, edited);
      const after = await waitRead(page, (r) => r.conversations?.[0]?.conversation?.messages?.some((m) => m.text === edited)
        && r.conversations[0].level !== 'none');
      const texts = after.conversations[0].conversation.messages.map((m) => m.text);
      assert.ok(texts.includes(edited), JSON.stringify(texts));
      assert.ok(['notice', 'warning', 'danger'].includes(after.conversations[0].level), after.conversations[0].level);
      assert.deepEqual(pageErrorsOnly(page), []);
      await page.close();
    });

    it('a 1 MB message is read capped to its first KB, and the next message is still read', async () => {
      const page = await openFixture(browser, '/messages/e2ee/t/100090000000042');
      const exp = EXPECTED.log_scrolled;
      await waitRead(page, (r) => count(r, exp.key) >= 3);
      await page.evaluate(() => {
        const log = document.querySelector('[role=log]');
        const add = (label, text) => {
          const v = document.createElement('div');
          v.setAttribute('data-virtualized', 'false');
          const m = document.createElement('div');
          m.setAttribute('aria-roledescription', 'message');
          m.setAttribute('data-scope', 'messages_table');
          m.setAttribute('aria-label', label);
          const t = document.createElement('div');
          t.setAttribute('dir', 'auto');
          t.textContent = text;
          m.append(t);
          v.append(m);
          log.append(v);
        };
        const huge = 'a'.repeat(1 << 20);
        add(`At 18:40, Meena Joshi: ${huge}`, huge);
        add('At 18:41, Meena Joshi: Did you see my long message?', 'Did you see my long message?');
      });
      const read = await waitRead(page, (r) => count(r, exp.key) >= 5);
      const msgs = read.conversations[0].conversation.messages;
      assert.equal(msgs.length, 5);
      assert.ok(msgs[3].text.length <= 4096 && msgs[3].text.length >= 1024, `capped: ${msgs[3].text.length}`);
      assert.equal(msgs[4].text, 'Did you see my long message?');
      assert.deepEqual(pageErrorsOnly(page), []);
      await page.close();
    });
  });
}
