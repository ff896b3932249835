// Issue 11 (items 1–2) / issue 12, end to end in real Chromium and Firefox with the test build:
// * per-contact memory: a thread read with its start loaded (the header card), then the same
//   contact's thread scrolled past its start — the second read still carries the conversation's
//   start and when the contact was first seen, from the stored facts (never message text);
// * group chats: a family group in the log and in the grid layout (a forwarded sextortion warning,
//   a son's WhatsApp number and a video call with the grandchildren) stays silent; a group where
//   one member runs the scam chain warns, naming that member.
// Fixtures: tests/fixtures/context-*.html.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, closeBrowser, openFixture, readDebug, waitForProtection, banners,
  waitForBanner, pageErrors, readExtensionStorage, waitStored,
} from './lib/index.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pageErrorsOnly = (page) => pageErrors(page).filter((e) => e.kind === 'pageerror');

async function waitRead(page, pred, { timeout = 15_000 } = {}) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeout) {
    last = await readDebug(page).catch(() => ({}));
    if (last.read && pred(last.read)) return last.read;
    await sleep(150);
  }
  throw new Error(`reader output never matched; last debug: ${JSON.stringify(last).slice(0, 4000)}`);
}

/** The time of a local wall-clock moment in the page's time zone (ms since the epoch). */
const localMs = (page, y, mo, d, h, mi) => page.evaluate((a) => new Date(a[0], a[1] - 1, a[2], a[3], a[4]).getTime(), [y, mo, d, h, mi]);

/** Waits for the level's banner and returns what it shows (the test build records it). */
async function bannerContent(page, level) {
  await waitForBanner(page, { level });
  const sel = `[data-saavdhan-level="${level}"][data-saavdhan-ready][data-saavdhan-content]`;
  await page.waitForSelector(sel, { timeout: 10_000 });
  return page.$eval(sel, (e) => JSON.parse(e.getAttribute('data-saavdhan-content')));
}

const FAMILY = [
  ['them', 'Sunita Patil', 'text'],
  ['them', 'Ramesh Patil', 'forwarded'],
  ['me', undefined, 'text'],
  ['them', 'Anil Patil', 'text'],
  ['them', 'Anil Patil', 'text'],
  ['me', undefined, 'text'],
];

for (const kind of ['chromium', 'firefox']) {
  describe(`conversation context e2e in ${kind}`, { timeout: 400_000 }, () => {
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

    it('a later visit scrolled past the start still knows the conversation\'s start and when the contact was first seen', async () => {
      const KEY = 'fb:100090000000071';
      const page = await openFixture(browser, '/messages/t/100090000000071');
      const r1 = await waitRead(page, (r) => r.conversations?.[0]?.conversation?.messages?.length >= 3);
      const c1 = r1.conversations[0].conversation.contact;
      assert.equal(r1.conversations[0].key, KEY);
      assert.equal(c1.start_visible, true, 'the header card is loaded');
      const start = await localMs(page, 2026, 11, 2, 8, 1);
      assert.equal(Date.parse(c1.conversation_start), start, `start ${c1.conversation_start}`);
      const seen = Date.parse(c1.first_seen);
      assert.ok(seen <= Date.now() && seen > Date.now() - 120_000, `first seen now: ${c1.first_seen}`);
      const stored = await waitStored(browser, (s) => s.contacts?.contacts?.[KEY]?.facts?.conversation_start, 'the conversation\'s start');
      const f1 = stored.contacts.contacts[KEY].facts;
      assert.equal(Date.parse(f1.conversation_start), start);
      assert.equal(Date.parse(f1.contact_first_seen), seen);
      assert.ok(!JSON.stringify(stored).includes('Nashik society'), 'no message text stored');
      await page.close();

      // Seconds later (a first_seen of "now" would differ), the thread no longer shows its start.
      await sleep(1_500);
      const later = await openFixture(browser, '/messages/e2ee/t/100090000000071');
      const r2 = await waitRead(later, (r) => r.conversations?.[0]?.conversation?.messages?.length >= 2);
      const c2 = r2.conversations[0].conversation.contact;
      assert.equal(r2.conversations[0].key, KEY);
      assert.equal(r2.conversations[0].conversation.messages.length, 2, 'only the latest messages are shown');
      assert.ok(!c2.start_visible, 'the start is not visible now');
      assert.equal(Date.parse(c2.conversation_start), start, `remembered start: ${c2.conversation_start}`);
      assert.equal(Date.parse(c2.first_seen), seen, `remembered first seen: ${c2.first_seen}`);
      assert.equal(await waitForProtection(later), 'active');
      // What is stored never moves later.
      await sleep(800);
      const f2 = (await readExtensionStorage(browser)).contacts.contacts[KEY].facts;
      assert.equal(Date.parse(f2.conversation_start), start);
      assert.equal(Date.parse(f2.contact_first_seen), seen);
      assert.ok(Date.parse(f2.earliest_message) <= start, `earliest message ${f2.earliest_message}`);
      assert.deepEqual(pageErrorsOnly(later), []);
      await later.close();
    });

    for (const [layout, url, key] of [
      ['log', '/messages/t/100090000000072', 't:100090000000072'],
      ['grid', '/messages/t/100090000000073', 't:100090000000073'],
    ]) {
      it(`a family group in the ${layout} layout: each member is their own author, and it stays silent`, async () => {
        const page = await openFixture(browser, url);
        await waitRead(page, (r) => r.conversations?.[0]?.conversation?.messages?.length >= FAMILY.length);
        await sleep(600); // every message fed: the level is final
        const read = (await readDebug(page)).read;
        const conv = read.conversations[0];
        assert.equal(conv.key, key);
        assert.equal(conv.conversation.contact.name, 'Patil Family');
        assert.equal(conv.conversation.contact.group, true, 'several members write: a group');
        assert.deepEqual(conv.conversation.messages.map((m) => [m.from, m.author, m.kind]), FAMILY);
        assert.ok(['none', 'notice'].includes(conv.level), `level ${conv.level}`);
        assert.equal(await waitForProtection(page), 'active');
        const shown = await banners(page);
        assert.ok(shown.every((b) => !['warning', 'danger'].includes(b.level)), JSON.stringify(shown));
        assert.deepEqual(pageErrorsOnly(page), []);
        await page.close();
      });
    }

    it('a group where one member runs the scam chain warns, naming that member', async () => {
      const page = await openFixture(browser, '/messages/t/100090000000074');
      const read = await waitRead(page, (r) => r.conversations?.[0]?.level === 'danger');
      const conv = read.conversations[0];
      assert.equal(conv.conversation.contact.group, true);
      const authors = new Set(conv.conversation.messages.filter((m) => m.from === 'them').map((m) => m.author));
      assert.deepEqual([...authors].sort(), ['Neha Kapoor', 'Suresh Kulkarni']);
      const c = await bannerContent(page, 'danger');
      assert.ok(c.parts.reason.includes('Neha Kapoor'), `the reason names the member: ${c.parts.reason}`);
      assert.ok(!c.parts.reason.includes('Morning Walk Club'), `not the group: ${c.parts.reason}`);
      const log = await waitStored(browser, (s) => s.warnings_log?.entries?.some((e) => e.contact_key === 't:100090000000074'), 'the warning in the popup\'s list');
      const entry = log.warnings_log.entries.filter((e) => e.contact_key === 't:100090000000074').at(-1);
      assert.equal(entry.contact_name, 'Neha Kapoor');
      assert.deepEqual(pageErrorsOnly(page), []);
      await page.close();
    });
  });
}
