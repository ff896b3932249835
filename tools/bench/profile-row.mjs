// Where one row of the bench's batched read goes (docs/performance.md "Page cost", round
// seventeen): a CPU profile of `bench_read_rows` run in the content script's world on the
// bench's 5,000-row thread (headless Chromium), its shipped pass (the main world's walk)
// only, each sample summed by the innermost frame that names a part.
//
//   node tools/bench/profile-row.mjs [--ext DIR] [--runs 5] [--simple-rows] [--cap US]
//
// DIR: an unpacked test build (default dist-test/chrome); for Rust function names, bind
// the test build's module without the shrink step, as tools/bench/profile-steps.mjs says.
// A sample is in the shipped pass when it is under `read_rows_batched` and the last
// helper frame seen before it was `snapshotMain` (the isolated pass calls `snapshot`).
// Each sample counts for the time to the next one, capped at US µs (default 150).
import path from 'node:path';
import { REPO_ROOT, DIST_CHROME, startServer, launchChromium, closeBrowser } from '../../tests/e2e/lib/index.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const EXT = path.resolve(opt('--ext', DIST_CHROME));
const RUNS = Math.max(1, parseInt(opt('--runs', '5'), 10) || 5);
const ROWS_Q = args.includes('--simple-rows') ? '&rows=simple' : '';
const CAP = Math.max(0, parseFloat(opt('--cap', '150')) || 0) || Infinity;

// Innermost match wins (walked from the leaf outwards).
const PARTS = [
  ['main world: the walk (readRow, walk, replay, their DOM calls)', (f) => /snapshot-main\.js$/.test(f.url) && /^(readRow|walk|replay|start|text|attr|str|href|getAttr|hasAttr|hasAttrs|localName|firstChild|nextSibling|textOf|closest|contains)$/.test(f.functionName)],
  ['main world: the request\'s handling (listener, intact(), the answer event)', (f) => /snapshot-main\.js$/.test(f.url)],
  ['crossing: snapshotMain (mask, event, dispatch)', (f) => f.functionName === 'snapshotMain'],
  ['hand-over: the answer into wasm (passStringToWasm, encodeInto)', (f) => /passStringToWasm|getStringFromWasm/.test(f.functionName) && /saavdhan\.js$/.test(f.url)],
  ['Rust: its other calls out (the glue\'s imports: NodeList.item, WeakMap set, ...)', (f) => /^__wbg_|^__wbindgen/.test(f.functionName) && /saavdhan\.js$/.test(f.url)],
  ['Rust: record::parse and Batch::from_main', (f) => /record::parse|Batch::from_main|record::Batch/.test(f.functionName)],
  ['Rust: the row\'s reading (read_grid_view, facts, memo, the rest)', (f) => /read_rows_batched/.test(f.functionName)],
];

const server = await startServer({ routesFile: path.join(REPO_ROOT, 'tools', 'bench', 'routes.json') });
const browser = await launchChromium({ server, extension: EXT });
try {
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  const ids = [];
  cdp.on('Runtime.executionContextCreated', (e) => {
    const c = e.context;
    if (c.auxData && c.auxData.type === 'isolated' && String(c.origin).startsWith('chrome-extension://')) ids.push(c.id);
  });
  await cdp.send('Runtime.enable');
  await page.goto(server.url(`/messages/t/100090000000700?n=5000&test=1&nocopy=1${ROWS_Q}`), { waitUntil: 'load', timeout: 60_000 });
  await page.waitForFunction(() => window.__saavdhanPerf && window.__saavdhanPerf.ready, { timeout: 60_000, polling: 50 });
  const run = async () => {
    for (const id of ids) {
      const ev = await cdp.send('Runtime.evaluate', { contextId: id, returnByValue: true, expression: 'typeof wasm_bindgen === "function" && wasm_bindgen.bench_read_rows ? wasm_bindgen.bench_read_rows() : null' }).catch(() => null);
      if (ev && ev.result && typeof ev.result.value === 'string' && ev.result.value !== 'null') return JSON.parse(ev.result.value);
    }
    throw new Error('no isolated world with bench_read_rows');
  };
  await run(); // warm
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 25 });
  await cdp.send('Profiler.start');
  const figs = [];
  for (let i = 0; i < RUNS; i++) figs.push(await run());
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const sum = new Map();
  let shipped = 0;
  let phase = null;
  const leaves = new Map(); // --leaves: the innermost frames, each with its part

  for (let i = 0; i + 1 < profile.samples.length; i++) {
    const dt = Math.min(CAP, profile.timeDeltas[i + 1]);
    const frames = [];
    for (let q = profile.samples[i]; q; q = parent.get(q)) frames.push(byId.get(q).callFrame);
    if (!frames.some((f) => /read_rows_batched/.test(f.functionName))) continue;
    if (frames.some((f) => f.functionName === 'snapshotMain')) phase = 'main';
    else if (frames.some((f) => f.functionName === 'snapshot')) phase = 'iso';
    if (phase !== 'main') continue;
    shipped += dt;
    let part = 'other (GC, the bench\'s own)';
    for (const f of frames) {
      const p = PARTS.find(([, t]) => t(f));
      if (p) { part = p[0]; break; }
    }
    sum.set(part, (sum.get(part) || 0) + dt);
    const leaf = `${frames[0].functionName || '(anonymous)'} [${path.basename(frames[0].url || '')}] < ${part.split(':')[0]}`;
    leaves.set(leaf, (leaves.get(leaf) || 0) + dt);
  }
  const rows = figs[0].rows * RUNS;
  const us = (v) => (v / rows).toFixed(3);
  const med = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
  console.log(`${RUNS} runs of bench_read_rows, ${figs[0].rows} rows each; unprofiled-equivalent figures from the runs themselves (profiler on): shipped ${(med(figs.map((x) => x.snap_ms)) * 1e3 / figs[0].rows).toFixed(2)} µs a row, floor ${(med(figs.map((x) => x.text_only_ms)) * 1e3 / figs[0].rows).toFixed(2)} µs`);
  console.log(`in the profile, the shipped pass: ${us(shipped)} µs a row`);
  for (const [k, v] of [...sum].sort((a, b) => b[1] - a[1])) console.log(`  ${us(v)} µs  ${(100 * v / shipped).toFixed(0)} %  ${k}`);
  if (args.includes('--leaves')) for (const [k, v] of [...leaves].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`    ${us(v)} µs  ${k}`);
} finally {
  await closeBrowser(browser);
  server.close?.();
}
process.exit(0);
