// Why the first appends after the first read cost more (issue 11, item 4;
// docs/performance.md "Page cost", round nine-b): a trace of N appends of 100 rows
// to the bench's 5,000-row thread (headless Chromium, the test build), and per append
//   step     the step's own figure (performance.measure "saavdhan:step", &bench=1)
//   cpu      the main thread's CPU time in the task that ran it (the trace's tdur)
//   off      wall minus CPU of that task: the main thread was runnable but not running
//   jit      background compilation in the page's renderer overlapping the step
//            (WebAssembly top tier, Maglev / TurboFan of JavaScript), ms
//   lazy     first-call compilation on the main thread inside the step
//            (wasm.CompileLazy, V8.CompileLazy / CompileCode / ParseFunction), ms
// With --v8-log, a second page in a second browser is run with V8's code log, and
// the functions that reached an optimising tier (TurboFan '*', Maglev '+') are
// listed by the append they were installed at (a uniquely named function run by
// the page before each append marks the log). Function names need a test build
// bound without the shrink step (see tools/bench/profile-steps.mjs's header).
//
// --js-flags FLAGS: V8 flags for the traced browser (e.g. "--no-wasm-dynamic-tiering", to see
// what the first appends cost with every WebAssembly function optimised up front).
//
//   node tools/bench/warmup-trace.mjs [--ext DIR] [--appends 30] [--v8-log] [--js-flags FLAGS]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST_CHROME, startServer, launchChromium, closeBrowser } from '../../tests/e2e/lib/index.mjs';
import { openThread, sleep } from './perf-thread.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const EXT = path.resolve(opt('--ext', DIST_CHROME));
const N = Math.max(11, parseInt(opt('--appends', '30'), 10) || 30);
const V8LOG = args.includes('--v8-log');
const JSFLAGS = opt('--js-flags', '');
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

const JIT = /^(wasm\.TopTierCompilation|V8\.MaglevBackground|V8\.OptimizeBackground|V8\.TurbofanBackground|V8\.ConcurrentOptimize|V8\.OptimizeConcurrent)/;
const LAZY = /^(wasm\.CompileLazy|V8\.CompileLazy|V8\.CompileCode|V8\.ParseFunction)$/;

async function traced(server) {
  const browser = await launchChromium({ server, extension: EXT, args: JSFLAGS ? [`--js-flags=${JSFLAGS}`] : [] });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'saavdhan-warmup-')), 'trace.json');
  try {
    const { page, fed } = await openThread(browser, server);
    await page.tracing.start({
      path: file,
      categories: ['devtools.timeline', 'v8', 'v8.execute', 'v8.wasm', 'blink.user_timing', 'disabled-by-default-v8.compile'],
    });
    for (let i = 0; i < N; i++) {
      // A mark of the page's own before each append: a step is the append's when it is
      // the first after the mark (a step of ours not caused by an append is left out).
      await page.evaluate(() => { performance.mark('bench:append'); window.__saavdhanPerf.append(100); });
      await fed(5000 + 100 * (i + 1));
    }
    await page.tracing.stop();
  } finally {
    await closeBrowser(browser);
  }
  const ev = JSON.parse(fs.readFileSync(file, 'utf8')).traceEvents;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const steps = [];
  const open = new Map();
  for (const e of ev) {
    if (e.name !== 'saavdhan:step') continue;
    const k = e.id ?? e.id2?.local;
    if (e.ph === 'b') open.set(k, e.ts);
    else if (e.ph === 'e' && open.has(k)) steps.push({ s: open.get(k), e: e.ts, pid: e.pid, tid: e.tid });
  }
  steps.sort((a, b) => a.s - b.s);
  const marks = ev.filter((e) => e.name === 'bench:append').map((e) => e.ts).sort((a, b) => a - b);
  const mine = marks.map((m, k) => steps.find((st) => st.s > m && (k + 1 === marks.length || st.s < marks[k + 1]))).filter(Boolean);
  if (mine.length !== steps.length) console.log(`(${steps.length - mine.length} step(s) of ours not after an append left out; ${marks.length - mine.length} append(s) without a step)`);
  const X = ev.filter((e) => e.ph === 'X' && e.dur != null);
  return mine.map((st, i) => {
    const main = X.filter((e) => e.pid === st.pid && e.tid === st.tid);
    // The task's outermost script call holding the step.
    const call = main.filter((e) => e.name === 'FunctionCall' && e.ts <= st.s && e.ts + e.dur >= st.e).pop();
    const overlap = (e) => Math.max(0, Math.min(e.ts + e.dur, st.e) - Math.max(e.ts, st.s));
    const jit = X.filter((e) => e.pid === st.pid && e.tid !== st.tid && JIT.test(e.name)).reduce((s, e) => s + overlap(e), 0);
    const lazy = main.filter((e) => LAZY.test(e.name) && e.ts >= st.s && e.ts < st.e).reduce((s, e) => s + e.dur, 0);
    const cpu = call && call.tdur != null ? call.tdur / 1000 : NaN;
    return { i: i + 1, step: (st.e - st.s) / 1000, cpu, off: call ? call.dur / 1000 - cpu : NaN, jit: jit / 1000, lazy: lazy / 1000 };
  });
}

async function tiers(server) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saavdhan-v8log-'));
  const browser = await launchChromium({ server, extension: EXT, args: [`--js-flags=--log-code --logfile=${path.join(dir, 'v8.log')}`] });
  try {
    const { page, fed } = await openThread(browser, server);
    for (let i = 0; i < N; i++) {
      // A function of a unique name, compiled now: its code-creation line marks the log.
      await page.evaluate((k) => new Function(`return function saavdhan_warmup_append_${k}() { return ${k}; }`)()(), i + 1);
      await page.evaluate(() => window.__saavdhanPerf.append(100));
      await fed(5000 + 100 * (i + 1));
    }
  } finally {
    await closeBrowser(browser);
  }
  const logs = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).filter((t) => t.includes('saavdhan_warmup_append_1'));
  fs.rmSync(dir, { recursive: true, force: true });
  const by = new Map();
  let at = 0;
  for (const line of (logs[0] || '').split('\n')) {
    if (!line.startsWith('code-creation,JS,')) continue;
    const m = /saavdhan_warmup_append_(\d+)/.exec(line);
    if (m) { at = +m[1]; continue; }
    if (!at) continue;
    const f = line.split(',');
    const tier = f[f.length - 1];
    if (!/^[*+]/.test(tier)) continue;
    const name = f.slice(6, f.length - 2).join(',').replace(/::h[0-9a-f]{16}$/, '').replace(/ chrome-extension:\/\/[^/]+\//, ' ');
    (by.get(at) || by.set(at, []).get(at)).push(`${tier.startsWith('*') ? 'TF' : 'ML'} ${name} (${f[5]} B)`);
  }
  return by;
}

const server = await startServer({ routesFile: path.join(path.dirname(new URL(import.meta.url).pathname), 'routes.json') });
try {
  const rows = await traced(server);
  const f = (x) => (Number.isFinite(x) ? x.toFixed(2) : '  - ');
  console.log('append  step   cpu    off    jit    lazy (ms)');
  for (const r of rows) console.log(`${String(r.i).padStart(6)}  ${f(r.step)}  ${f(r.cpu)}  ${f(r.off)}  ${f(r.jit)}  ${f(r.lazy)}`);
  for (const [a, b] of [[0, 10], [10, rows.length]]) {
    const x = rows.slice(a, b);
    const m = (k) => f(median(x.map((r) => r[k])));
    const withJit = x.filter((r) => r.jit > 0).length;
    console.log(`appends ${a + 1}-${b}: medians step ${m('step')}, cpu ${m('cpu')}, off ${m('off')} ms; background compilation during ${withJit} of ${x.length} steps; lazy compilation ${f(x.reduce((s, r) => s + r.lazy, 0))} ms in all`);
  }
  if (V8LOG) {
    const by = await tiers(server);
    console.log('functions installed at an optimising tier, by append (TF TurboFan, ML Maglev):');
    for (const [k, list] of [...by].sort((a, b) => a[0] - b[0])) console.log(`  ${k}: ${list.join('; ')}`);
  }
} finally {
  server.close?.();
}
process.exit(0);
