// The JavaScript baseline the engine is compared with: the same rule pack
// (rules.json, compiled by build/rules.rs from rules/*.toml) evaluated the
// straightforward way — one RegExp alternation per stage over the lower-cased text.
// It does less than the engine (no Unicode folding, leet or spacing evasions, no
// groups-within-a-message or `unless` vetoes), so it is a lower bound on cost.
import fs from 'node:fs';
import path from 'node:path';

/** The newest compiled rules.json under target/ (any profile or target). */
export function findRulesJson(root) {
  const cands = [];
  for (const base of [path.join(root, 'target', 'release', 'build'),
    path.join(root, 'target', 'wasm32-unknown-unknown', 'release', 'build'),
    path.join(root, 'target', 'debug', 'build')]) {
    if (!fs.existsSync(base)) continue;
    for (const d of fs.readdirSync(base)) {
      const p = path.join(base, d, 'out', 'rules.json');
      if (d.startsWith('saavdhan-') && fs.existsSync(p)) cands.push({ p, t: fs.statSync(p).mtimeMs });
    }
  }
  if (!cands.length) throw new Error('no target/**/build/saavdhan-*/out/rules.json: build the crate first');
  return cands.sort((a, b) => b.t - a.t)[0].p;
}

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const EDGE_BEFORE = '(?<![\\p{L}\\p{N}\\p{M}])';
const EDGE_AFTER = '(?![\\p{L}\\p{N}\\p{M}])';

/** A pattern → [whether it is bounded before, the rest of its source]. */
function patternSource(p) {
  const open0 = p.startsWith('*');
  const open1 = p.endsWith('*') && p.length > 1;
  const core = p.replace(/^\*+|\*+$/g, '').toLowerCase();
  return [!open0, esc(core) + (open1 ? '' : EDGE_AFTER)];
}

/**
 * {stage: RegExp} — one alternation of every pattern of every rule of that stage. The
 * word-start assertion is written once in front of the bounded alternatives instead of
 * once per alternative (the same language; thousands of lookbehinds per position made
 * the scan take minutes on the 11-language rule set).
 */
export function compileBaseline(rules) {
  const byStage = new Map();
  for (const r of rules) {
    const list = byStage.get(r.stage) || { bounded: [], open: [] };
    for (const g of r.groups) for (const p of g) {
      const [b, src] = patternSource(p);
      (b ? list.bounded : list.open).push(src);
    }
    byStage.set(r.stage, list);
  }
  const out = [];
  for (const [stage, { bounded, open }] of byStage) {
    const parts = [];
    if (bounded.length) parts.push(EDGE_BEFORE + '(?:' + bounded.join('|') + ')');
    if (open.length) parts.push('(?:' + open.join('|') + ')');
    out.push({ stage, re: new RegExp(parts.join('|'), 'u') });
  }
  return out;
}

/** Stages seen in the contact's messages (the user's own are skipped, as the engine does). */
export function scanThread(compiled, msgs) {
  const seen = new Set();
  for (const m of msgs) {
    if (m.me) continue;
    const t = m.text.toLowerCase();
    for (const { stage, re } of compiled) if (re.test(t)) seen.add(stage);
  }
  return seen;
}
