// "Saavdhan could not start" is not "this page blocks Saavdhan" (issue 16 item 6):
// with its WebAssembly module truncated or missing (a damaged install), on a page
// whose CSP allows WebAssembly, the tab's state is not_started, with its own badge
// title and popup words; a page that blocks WebAssembly stays paused_wasm
// (foundation.test.mjs).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startServer, launchBrowser, closeBrowser, openFixture, waitForTabState, pageErrors, banners,
  RELEASE_CHROME, RELEASE_FIREFOX, REPO_ROOT,
} from './lib/index.mjs';

const THREAD = '/messages/t/100090000000503';

/** A copy of the release with its module damaged: 'truncated' or 'missing'. */
function damagedCopy(kind, how) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `saavdhan-${how}-`));
  fs.cpSync(kind === 'chromium' ? RELEASE_CHROME : RELEASE_FIREFOX, dir, { recursive: true });
  const wasm = path.join(dir, 'saavdhan_bg.wasm');
  if (how === 'missing') fs.rmSync(wasm);
  else fs.truncateSync(wasm, Math.floor(fs.statSync(wasm).size / 2));
  return dir;
}

it('every language names the not_started state', () => {
  for (const l of ['en', 'hi', 'mr']) {
    const m = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'extension', '_locales', l, 'messages.json'), 'utf8'));
    for (const k of ['ctl_badgeNotStarted', 'ctl_popup_state_not_started']) assert.ok(m[k]?.message, `${l}: ${k}`);
  }
});

for (const kind of ['chromium', 'firefox']) {
  for (const how of ['truncated', 'missing']) {
    describe(`${how} module in ${kind}`, { timeout: 240_000 }, () => {
      let server;
      let browser;
      let dir;
      before(async () => {
        dir = damagedCopy(kind, how);
        server = await startServer();
        browser = await launchBrowser(kind, { server, extension: dir });
      });
      after(async () => {
        await closeBrowser(browser);
        await server?.close();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
      });

      it('reports "could not start", not "the page blocks Saavdhan"', async () => {
        const page = await openFixture(browser, THREAD);
        const tab = await waitForTabState(browser, page, (s) => s.state && s.state.state);
        assert.equal(tab.state.state, 'not_started', `tab state ${JSON.stringify(tab.state)}`);
        assert.equal(tab.badge, '!', 'the badge asks for attention');
        assert.deepEqual(await banners(page), [], 'the page is left as it was');
        assert.deepEqual(pageErrors(page).filter((e) => e.kind === 'pageerror'), []);
        await page.close();
      });
    });
  }
}
