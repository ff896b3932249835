// Assembles the unpacked extensions dist/chrome and dist/firefox, and their
// archives, from ONE manifest source (extension/manifest.json) plus the
// per-browser differences below, the extension/ tree, and the wasm-bindgen
// output in target/pkg. Usage: node tools/package.mjs [pkgDir] [distDir] [--test]
// Without --test (the release, dist/), the loader's "test-hooks" regions are removed;
// with it (make build-test, dist-test/) they are kept.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
// Absolute paths: zip runs inside each package folder.
const args = process.argv.slice(2).filter((a) => a !== '--test');
const testBuild = process.argv.includes('--test');
const pkg = resolve(args[0] || join(root, 'target/pkg'));
const dist = resolve(args[1] || join(root, 'dist'));
const src = join(root, 'extension');

export const GECKO_ID = 'saavdhan@saavdhan.invalid';

/** The per-browser differences; everything else is shared. */
export function manifestFor(browser, base) {
  const m = structuredClone(base);
  if (browser === 'chrome') {
    m.background = { service_worker: 'background.js' };
  } else if (browser === 'firefox') {
    m.background = { scripts: ['background.js'] };
    m.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        // data_collection_permissions needs Firefox >= 140 on desktop.
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
    };
    // Firefox reads managed storage from enterprise policies (policies.json
    // "3rdparty"), not from a schema file in the package.
    delete m.storage;
  } else {
    throw new Error(`unknown browser ${browser}`);
  }
  return m;
}

/** The text without its "// test-hooks:begin" … "// test-hooks:end" regions (lines). */
export function stripTestHooks(text) {
  const out = [];
  let inside = false;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '// test-hooks:begin') { if (inside) throw new Error('nested test-hooks:begin'); inside = true; continue; }
    if (t === '// test-hooks:end') { if (!inside) throw new Error('test-hooks:end without begin'); inside = false; continue; }
    if (!inside) out.push(line);
  }
  if (inside) throw new Error('test-hooks:begin without end');
  return out.join('\n');
}

function listFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out.sort();
}

function build(browser, base) {
  const out = join(dist, browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // The manifest is written per browser below; the policies example is documentation
  // for families (README), not part of the package.
  const skip = new Set([join(src, 'manifest.json'), join(src, 'policies.example.json')]);
  cpSync(src, out, { recursive: true, filter: (p) => !skip.has(p) });
  // The content script's module and the options/popup pages' module (Makefile `wasm`).
  for (const f of ['saavdhan.js', 'saavdhan_bg.wasm', 'saavdhan_pages.js', 'saavdhan_pages_bg.wasm']) {
    const p = join(pkg, f);
    if (!existsSync(p)) throw new Error(`missing ${p}: run the wasm build first (make build)`);
    cpSync(p, join(out, f));
  }
  if (!testBuild) {
    const loader = join(out, 'content', 'loader.js');
    writeFileSync(loader, stripTestHooks(readFileSync(loader, 'utf8')));
  }
  const manifest = manifestFor(browser, base);
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  // Every file the manifest names must be in the package.
  const named = [
    ...manifest.content_scripts.flatMap((c) => c.js),
    ...Object.values(manifest.icons),
    manifest.action.default_popup,
    manifest.options_ui.page,
    ...(manifest.background.scripts || [manifest.background.service_worker]),
    ...(manifest.storage ? [manifest.storage.managed_schema] : []),
  ];
  for (const f of named) if (!existsSync(join(out, f))) throw new Error(`${browser}: manifest names ${f}, which is not in the package`);
  const archive = join(dist, browser === 'chrome' ? 'saavdhan-chrome.zip' : 'saavdhan-firefox.xpi');
  rmSync(archive, { force: true });
  const files = listFiles(out).map((p) => relative(out, p));
  execFileSync('zip', ['-q', '-X', '-D', archive, ...files], { cwd: out });
  return { out, archive, files: files.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = JSON.parse(readFileSync(join(src, 'manifest.json'), 'utf8'));
  for (const b of ['chrome', 'firefox']) {
    const r = build(b, base);
    console.log(`${b}: ${relative(root, r.out)} (${r.files} files), ${relative(root, r.archive)}`);
  }
}
