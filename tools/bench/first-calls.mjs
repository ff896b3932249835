// What the append path runs that the first read did not (issue 11, item 4; README
// "Page cost", round twelve): V8's code log of the bench's 5,000-row thread (headless
// Chromium, the test build), read in two parts — the first read (page load to the
// reader's 5,000th message) and each of N appends of 100 rows after it — and, per
// append, the code V8 made for the first time then:
//   wasm   WebAssembly functions compiled on their first call (Liftoff, lazy compilation)
//   js     JavaScript functions compiled to bytecode on their first call (the glue's
//          shims, the snapshot helper, the page's own)
// and, apart, what reached an optimising tier (wasm TurboFan; JS Maglev, TurboFan).
// Code sizes are the log's (machine code or bytecode, bytes).
//
// Names: wasm-bindgen's shims keep their names only when the glue is not shrunk, and
// Rust's functions only in a module bound without wasm-opt (tools/bench/profile-steps.mjs's
// header says how); with the shrunk test build the counts and sizes hold and the names are
// the minified ones.
//
//   node tools/bench/first-calls.mjs [--ext DIR] [--appends 10] [--all]
// FC_RAW=DIR keeps V8's logs there.
// --all: list every function first compiled in the appends, not only the first 40 of each.
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
const N = Math.max(1, parseInt(opt('--appends', '10'), 10) || 10);
const ALL = args.includes('--all');

async function run(server) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saavdhan-firstcalls-'));
  const browser = await launchChromium({ server, extension: EXT, args: [`--js-flags=--log-code --logfile=${path.join(dir, 'v8.log')}`] });
  try {
    const { page, fed } = await openThread(browser, server);
    await sleep(500);
    for (let i = 0; i < N; i++) {
      // A function of a unique name, compiled now: its code-creation line marks the log.
      await page.evaluate((k) => new Function(`return function saavdhan_warmup_append_${k}() { return ${k}; }`)()(), i + 1);
      await page.evaluate(() => window.__saavdhanPerf.append(100));
      await fed(5000 + 100 * (i + 1));
    }
    await page.evaluate((k) => new Function(`return function saavdhan_warmup_append_${k}() { return ${k}; }`)()(), N + 1);
  } finally {
    await closeBrowser(browser);
  }
  if (process.env.FC_RAW) for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(process.env.FC_RAW, f));
  const logs = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).filter((t) => t.includes('saavdhan_warmup_append_1'));
  fs.rmSync(dir, { recursive: true, force: true });
  return logs[0] || '';
}

// One code-creation line: { kind: 'wasm' | 'js', tier, name, size }, or null. V8 logs
// WebAssembly code as code-creation,JS,5,... (Liftoff: no tier mark; TurboFan: '*') and
// JavaScript as code-creation,JS,10-13,... with '~' bytecode, '^' Sparkplug, '+' Maglev, '*' TurboFan.
function parse(line) {
  if (!line.startsWith('code-creation,JS,')) return null;
  const f = line.split(',');
  const mark = f[f.length - 1];
  const name = f.slice(6, f.length - 2).join(',').replace(/ chrome-extension:\/\/[^/]+\//, ' ').replace(/::h[0-9a-f]{16}\b/g, '');
  if (f[2] === '5') return { kind: 'wasm', tier: mark.startsWith('*') ? 'TF' : 'LO', name, size: +f[5] };
  const tier = mark.startsWith('*') ? 'TF' : mark.startsWith('+') ? 'ML' : mark.startsWith('^') ? 'SP' : '~';
  return { kind: 'js', tier, name, size: +f[5] };
}

const server = await startServer({ routesFile: path.join(path.dirname(new URL(import.meta.url).pathname), 'routes.json') });
let log;
try {
  log = await run(server);
} finally {
  await server.close();
}
const parts = new Map(); // 0: before the first append (the first read), k: append k
let at = 0;
const firstSeen = new Set();
for (const line of log.split('\n')) {
  const m = /^code-creation,JS,.*saavdhan_warmup_append_(\d+)/.exec(line);
  if (m) { at = +m[1]; continue; }
  if (at > N) break;
  const c = parse(line);
  if (!c) continue;
  const p = parts.get(at) || parts.set(at, { first: [], opt: [] }).get(at);
  const key = `${c.kind}:${c.name}`;
  if (c.tier === '~' || c.tier === 'LO') {
    if (firstSeen.has(key)) continue;
    firstSeen.add(key);
    p.first.push(c);
  } else if (c.tier !== 'SP') {
    p.opt.push(c);
  }
}
const sum = (a) => a.reduce((s, c) => s + c.size, 0);
const line = (label, p) => {
  const w = p.first.filter((c) => c.kind === 'wasm');
  const j = p.first.filter((c) => c.kind === 'js');
  const ow = p.opt.filter((c) => c.kind === 'wasm');
  const oj = p.opt.filter((c) => c.kind === 'js');
  console.log(`${label}: first compiled: wasm ${w.length} functions (${sum(w)} B), js ${j.length} (${sum(j)} B); optimised: wasm ${ow.length} (${sum(ow)} B), js ${oj.length} (${sum(oj)} B)`);
};
line('first read', parts.get(0) || { first: [], opt: [] });
for (let k = 1; k <= N; k++) {
  const p = parts.get(k) || { first: [], opt: [] };
  line(`append ${k}`, p);
  const show = ALL ? p.first : p.first.slice(0, 40);
  for (const c of show) console.log(`    ${c.kind} ${c.name} (${c.size} B)`);
  if (show.length < p.first.length) console.log(`    … ${p.first.length - show.length} more (--all)`);
  for (const c of p.opt) console.log(`    ${c.tier} ${c.kind} ${c.name} (${c.size} B)`);
}
