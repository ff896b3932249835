// The release (make build, dist/) carries no test or bench hooks (issue 14 item 1):
// a page that sets data-saavdhan-test, or dispatches the test events, changes
// nothing there. The same page and event in the test build (dist-test/) do act,
// which shows the checks below could fail. Also a smoke run of the release: it
// still warns.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, launchBrowser, closeBrowser, openFixture, waitForBanner, banners, readDebug,
  readExtensionStorage, RELEASE_CHROME, RELEASE_FIREFOX, DIST_CHROME, REPO_ROOT,
} from './lib/index.mjs';

// Fixture pages carry data-saavdhan-test on <html>, as a hostile page could.
const WARNING_THREAD = '/messages/t/100090000000502';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const TEST_ATTRS = ['read', 'perf', 'store', 'protection', 'detail', 'startup'];

describe('release files', () => {
  for (const dir of [RELEASE_CHROME, RELEASE_FIREFOX]) {
    it(`${path.relative(REPO_ROOT, dir)}: no test hooks in the loader or the module`, () => {
      const loader = fs.readFileSync(path.join(dir, 'content', 'loader.js'), 'utf8');
      assert.ok(!loader.includes('data-saavdhan-test'), 'loader reads no test attribute');
      assert.ok(!/^\s*\/\/ test-hooks:(begin|end)\s*$/m.test(loader), 'loader has no test regions left');
      const glue = fs.readFileSync(path.join(dir, 'saavdhan.js'), 'utf8');
      assert.ok(!/bench_/.test(glue), 'the glue exports no bench_* function');
      const wasm = fs.readFileSync(path.join(dir, 'saavdhan_bg.wasm')).toString('latin1');
      for (const s of ['data-saavdhan-read', 'data-saavdhan-perf', 'data-saavdhan-held', 'data-saavdhan-store', 'data-saavdhan-content',
        'saavdhan-test-known', 'saavdhan-test-save', 'data-saavdhan-bench', 'bench_engine', 'saavdhan-settings-delay=']) {
        // A whole name: "data-saavdhan-ready" (the banner's own, shipped) is not "-read".
        assert.ok(!new RegExp(`${s}(?![a-z_-])`).test(wasm), `the module holds no "${s}"`);
      }
    });
  }
  it('the test build does hold them (so the check above can fail)', () => {
    const wasm = fs.readFileSync(path.join(DIST_CHROME, 'saavdhan_bg.wasm')).toString('latin1');
    assert.ok(wasm.includes('saavdhan-test-known') && wasm.includes('data-saavdhan-read') && wasm.includes('saavdhan-settings-delay='));
    assert.ok(fs.readFileSync(path.join(DIST_CHROME, 'content', 'loader.js'), 'utf8').includes('data-saavdhan-test'));
  });
});

for (const kind of ['chromium', 'firefox']) {
  for (const build of ['release', 'test']) {
    describe(`${build} build in ${kind}: a page asking for test hooks`, { timeout: 240_000 }, () => {
      let server;
      let browser;
      before(async () => {
        server = await startServer();
        const extension = build === 'release' ? (kind === 'chromium' ? RELEASE_CHROME : RELEASE_FIREFOX) : undefined;
        browser = await launchBrowser(kind, { server, ...(extension ? { extension } : {}) });
      });
      after(async () => {
        await closeBrowser(browser);
        await server?.close();
      });

      it(build === 'release'
        ? 'warns as usual, writes no debug attribute and ignores the test events'
        : 'control: the test build publishes its debug attributes and obeys saavdhan-test-known', async () => {
        const page = await openFixture(browser, WARNING_THREAD);
        const banner = await waitForBanner(page, { level: 'warning' });
        assert.equal(banner.level, 'warning');
        await sleep(1500);
        const dbg = await readDebug(page);
        const host = await page.$eval('[data-saavdhan-level]', (e) => e.hasAttribute('data-saavdhan-content'));
        // "I really know this person" asks to confirm (issue 13): the test events press both.
        await page.$eval('[data-saavdhan-level]', (e) => e.dispatchEvent(new Event('saavdhan-test-known')));
        await sleep(300);
        await page.$eval('[data-saavdhan-level]', (e) => e.dispatchEvent(new Event('saavdhan-test-known-yes')));
        await sleep(1500);
        const after = await banners(page);
        const settings = (await readExtensionStorage(browser)).settings;
        if (build === 'release') {
          for (const a of TEST_ATTRS) assert.ok(!(a in dbg), `no data-saavdhan-${a} in the release: ${JSON.stringify(dbg[a])}`);
          assert.equal(host, false, 'the banner host has no data-saavdhan-content');
          assert.equal(after.length, 1, 'the test event did not hide the warning');
          assert.ok(!settings?.known_people?.length, `nobody marked as known: ${JSON.stringify(settings)}`);
        } else {
          assert.ok(dbg.read && dbg.protection, 'debug attributes present');
          assert.equal(host, true);
          assert.equal(after.length, 0, 'the test event hid the warning');
        }
        await page.close();
      });
    });
  }
}
