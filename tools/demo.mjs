#!/usr/bin/env node
// Try Saavdhan without a real scam: serves the fixture pages as a local
// "www.facebook.com" (the end-to-end harness's HTTPS server, tests/e2e/lib/) and opens
// Chromium with the built extension (dist/chrome; run `make build` first).
//
//   node tools/demo.mjs [--lang en|hi|mr] [--region india|usa|uk|other]
//                       [--family "Name,+91 98765 43210"] [--headless]
//
// With a display ($DISPLAY or $WAYLAND_DISPLAY) the browser opens on screen with one tab
// per warning level (notice, warning, danger); close the browser to end the demo.
// Without one it runs headless and saves a PNG of each level into out/screenshots/,
// printing where they went.
import fs from 'node:fs';
import {
  startServer, launchChromium, closeBrowser, openFixture, evaluateInExtension, screenshot,
  waitForBanner, RELEASE_CHROME as DIST_CHROME, SCREENSHOT_DIR,
} from '../tests/e2e/lib/index.mjs';

const PAGES = [
  { level: 'notice', path: '/messages/t/100090000000501' },
  { level: 'warning', path: '/messages/t/100090000000502' },
  { level: 'danger', path: '/messages/t/100090000000503' },
];

function parseArgs(argv) {
  const o = { lang: null, region: 'india', family: null, headless: !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => { if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i]; };
    if (a === '--lang') o.lang = next();
    else if (a === '--region') o.region = next();
    else if (a === '--family') o.family = next();
    else if (a === '--headless') o.headless = true;
    else if (a === '--help' || a === '-h') { o.help = true; }
    else throw new Error(`unknown option ${a} (try --help)`);
  }
  if (o.lang && !['en', 'hi', 'mr'].includes(o.lang)) throw new Error(`--lang must be en, hi or mr, not ${o.lang}`);
  if (!['india', 'usa', 'uk', 'other'].includes(o.region)) throw new Error(`--region must be india, usa, uk or other, not ${o.region}`);
  return o;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 12).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
    return;
  }
  if (!fs.existsSync(`${DIST_CHROME}/manifest.json`)) {
    throw new Error(`no built extension in ${DIST_CHROME}: run \`make build\` first`);
  }
  const server = await startServer();
  const browser = await launchChromium({ server, headless: opts.headless });
  const settings = { version: 2, language: opts.lang, region: opts.region };
  if (opts.family) {
    const [name, phone] = opts.family.split(',').map((s) => s.trim());
    settings.trusted_contact = { name, phone };
  }
  await evaluateInExtension(browser, (s) => chrome.storage.local.set({ settings: s }), settings);
  const saved = [];
  for (const p of PAGES) {
    const page = await openFixture(browser, p.path);
    await page.setViewport({ width: 1100, height: 900 }).catch(() => {});
    try {
      await waitForBanner(page, { level: p.level, timeout: 15_000 });
    } catch (e) {
      console.error(`# ${p.level}: ${e.message.split(';')[0]}`);
    }
    if (opts.headless) {
      await new Promise((r) => setTimeout(r, 300));
      saved.push(await screenshot(page, `demo-${p.level}-${opts.lang || 'browser-language'}`));
      await page.close();
    }
  }
  if (opts.headless) {
    await closeBrowser(browser);
    await server.close();
    console.log(`No display: ran headless. Screenshots in ${SCREENSHOT_DIR}:`);
    for (const f of saved) console.log(`  ${f}`);
    return;
  }
  console.log('Saavdhan demo: one tab per warning level. Close the browser window to finish.');
  await new Promise((resolve) => browser.once('disconnected', resolve));
  await server.close();
}

main().catch((e) => {
  console.error(`demo: ${e.message}`);
  process.exit(1);
});
