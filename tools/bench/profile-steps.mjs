// Where a step per 100 new messages goes: a CPU profile of N appends of 100 rows to
// the bench's 5,000-row thread (headless Chromium), summed by the function that
// holds each sample, in real time.
//
//   node tools/bench/profile-steps.mjs [--ext DIR] [--appends 30] [--skip 0] [--copy] [--simple-rows] [--cap US]
//
// --skip N: N appends first, not profiled, so that the profile is of the warm step
// (appends N+1 to N+M; the first appends run code compiled on their first call, round nine-b).
//
// DIR: an unpacked test build (default dist-test/chrome). For Rust function names,
// bind the test build's module without the shrink step (wasm-opt strips names):
//   cargo build --release --target wasm32-unknown-unknown --lib --features test-hooks
//   wasm-bindgen --target no-modules --no-typescript --out-dir /tmp/named --out-name saavdhan \
//     target/wasm32-unknown-unknown/release/saavdhan.wasm
//   cp -r dist-test/chrome /tmp/ext && cp /tmp/named/saavdhan.js /tmp/named/saavdhan_bg.wasm /tmp/ext/
// PROFILE_OUT=FILE writes the profile (JSON) too.
// --copy: keep the test build's debug copy of every message (`data-saavdhan-read`);
// by default the page asks for none (`&nocopy=1`), as the release makes none.
//
// Each sample counts for the time to the next one (the profile's timeDeltas), not for
// the sampling interval asked for: under load Chromium samples every ~100 us however
// small the interval asked (25 us gave a median of 104 us on 11-30), so a count of
// samples times the interval asked undercounts by ~4x. The profiler also slows the
// page (a step takes ~2x its unprofiled time): read the shares, not the absolutes.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, DIST_CHROME, startServer, launchChromium, closeBrowser } from '../../tests/e2e/lib/index.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const EXT = path.resolve(opt('--ext', DIST_CHROME));
const N = Math.max(1, parseInt(opt('--appends', '30'), 10) || 30);
const COPY = args.includes('--copy');
const SKIP = Math.max(0, parseInt(opt('--skip', '0'), 10) || 0);
// --simple-rows: the bench page's rows as before 12-01 (perf-thread.html &rows=simple; round fifteen).
const ROWS_Q = args.includes('--simple-rows') ? '&rows=simple' : '';
// --cap US: a sample counts for at most US microseconds (round nine-b: under load a sample spanning
// a descheduled 1-3 ms charges it to whatever ran; round thirteen capped at 150).
const CAP = Math.max(0, parseFloat(opt('--cap', '0')) || 0) || Infinity;

// The regions a step is timed in (src/web/content.rs `Perf`), by the innermost
// frame that names one; everything else under the step is "rest of the step".
const REGIONS = [
  ['engine (Person::feed)', /session::person::Person::feed\b/],
  ['merge (Log::merge*)', /align::Log<T>::merge/],
  ['feed: other', /Ctl::feed\b/],
  ['read: snapshot helper (JS, with its call)', /snapshot::batch_rows|snapshot::batch\b/],
  ['read: rows in Rust (see_uncached, parse)', /row_window::see_uncached|record::parse/],
  ['read: other (placing, cache, crossings)', /RowWindow::update/],
  ['read: header, group', /Ctl::header_for|RowWindow::group|thread::read\b/],
  ['debug copy (test build only, not timed)', /Serialize for saavdhan::web::content::DebugRead|get_attribute|set_attribute|ReadConversation as core::clone|drop_in_place<alloc::vec::Vec<saavdhan::web::content::ReadConversation>>|SpecFromIterNested.*\n?.*message_of/],
  ['rest of the step (changes, location, ...)', /saavdhan::web::content::run\b/],
];

const server = await startServer({ routesFile: path.join(REPO_ROOT, 'tools', 'bench', 'routes.json') });
const browser = await launchChromium({ server, extension: EXT });
try {
  const page = await browser.newPage();
  await page.goto(server.url(`/messages/t/100090000000700?n=5000&test=1${COPY ? '' : '&nocopy=1'}${ROWS_Q}`), { waitUntil: 'load', timeout: 60_000 });
  await page.waitForFunction(() => window.__saavdhanPerf && window.__saavdhanPerf.ready, { timeout: 60_000, polling: 50 });
  const perf = () => page.evaluate(() => JSON.parse(document.documentElement.getAttribute('data-saavdhan-perf') || '{}'));
  const fed = async (want) => {
    const end = Date.now() + 30_000;
    while (((await perf()).fed || 0) < want) {
      if (Date.now() > end) throw new Error(`reader fed fewer than ${want} messages within 30 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await fed(5000);
  const cdp = await page.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 25 });
  const s0 = (await perf()).fed;
  for (let i = 0; i < SKIP; i++) {
    await page.evaluate(() => window.__saavdhanPerf.append(100));
    await fed(s0 + 100 * (i + 1));
  }
  const p0 = await perf();
  await cdp.send('Profiler.start');
  for (let i = 0; i < N; i++) {
    await page.evaluate(() => window.__saavdhanPerf.append(100));
    await fed(p0.fed + 100 * (i + 1));
  }
  const { profile } = await cdp.send('Profiler.stop');
  const p1 = await perf();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const sum = new Map();
  let inStep = 0;
  for (let i = 0; i + 1 < profile.samples.length; i++) {
    const dt = Math.min(CAP, profile.timeDeltas[i + 1]);
    const names = [];
    for (let q = profile.samples[i]; q; q = parent.get(q)) names.push(byId.get(q).callFrame.functionName);
    if (!names.some((n) => /saavdhan::web::content::run\b/.test(n))) continue;
    inStep += dt;
    // The innermost region wins: walk from the leaf outwards.
    let region = null;
    for (const n of names) {
      const r = REGIONS.find(([, re]) => re.test(n));
      if (r) { region = r[0]; break; }
    }
    sum.set(region, (sum.get(region) || 0) + dt);
  }
  const deltas = profile.timeDeltas.slice(1).sort((a, b) => a - b);
  const ms = (us) => (us / 1000 / N).toFixed(3);
  const steps = p1.steps - p0.steps;
  console.log(`${N} appends (after ${SKIP} not profiled), ${steps} steps; sampling interval asked 25 us, median seen ${deltas[deltas.length >> 1]} us`);
  console.log(`per append, all figures with the profiler running (it slows the steps):`);
  console.log(`  the page's own timing (data-saavdhan-perf): step ${((p1.total_ms - p0.total_ms) / N).toFixed(2)} ms = changes ${((p1.changes_ms - p0.changes_ms) / N).toFixed(2)} + read ${((p1.read_ms - p0.read_ms) / N).toFixed(2)} + feed ${((p1.feed_ms - p0.feed_ms) / N).toFixed(2)} (+ rest); debug copy ${((p1.debug_ms - p0.debug_ms) / N).toFixed(2)} ms`);
  console.log(`  in the profile, under the controller's step: ${ms(inStep)} ms`);
  for (const [k, v] of [...sum].sort((a, b) => b[1] - a[1])) console.log(`    ${ms(v)} ms  ${k || '(the step, outside the regions)'}`);
  if (process.env.PROFILE_OUT) fs.writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
} finally {
  await closeBrowser(browser);
  server.close?.();
}
process.exit(0);
