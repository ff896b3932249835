// Assembles the unpacked extensions dist/chrome and dist/firefox, and their
// archives, from ONE manifest source (extension/manifest.json) plus the
// per-browser differences below, the extension/ tree, and the wasm-bindgen
// output in target/pkg.
//
//   node tools/package.mjs [pkgDir] [distDir]             → dist/chrome, dist/firefox,
//        dist/saavdhan-chrome.zip, dist/saavdhan-firefox.xpi   (make build)
//   node tools/package.mjs --release [pkgDir] [distDir]   → also the versioned store
//        packages, the source package addons.mozilla.org asks for, and SHA256SUMS
//        (make release)
//   --test                                                → keep the loader's "test-hooks"
//        regions (make build-test, dist-test/); without it they are removed
//
// The archives are reproducible: the same inputs give byte-identical files. Every
// file gets the same modification time (SOURCE_DATE_EPOCH, else the time of the
// commit being built, see https://reproducible-builds.org/docs/source-date-epoch/),
// the same mode, and the archive lists files in sorted order without extra
// attributes (zip -X) and with its times in UTC.
import {
  cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync, chmodSync, utimesSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, resolve, basename } from 'node:path';
import { execFileSync } from 'node:child_process';
import { privacyPage } from './privacy_page.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const src = join(root, 'extension');

export const GECKO_ID = 'saavdhan@saavdhan.invalid';

/** The one version number: Cargo.toml's [package] version. */
export function cargoVersion(dir = root) {
  const toml = readFileSync(join(dir, 'Cargo.toml'), 'utf8');
  const pkg = toml.split(/^\[/m).find((s) => s.startsWith('package]'));
  const m = pkg && pkg.match(/^version\s*=\s*"([0-9]+\.[0-9]+\.[0-9]+)"\s*$/m);
  if (!m) throw new Error('Cargo.toml: no [package] version = "X.Y.Z"');
  return m[1];
}

/** The Chrome extension id that a manifest "key" gives (SHA-256 of the key, a-p for 0-f). */
export function chromeIdFromKey(key) {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** The per-browser differences; everything else is shared. */
export function manifestFor(browser, base, version = cargoVersion()) {
  const m = structuredClone(base);
  if ('version' in m && m.version !== version) {
    throw new Error(`extension/manifest.json has version ${m.version}, Cargo.toml ${version}: keep the version in Cargo.toml only`);
  }
  // The version goes right after the description, where people look for it.
  const out = {};
  for (const [k, v] of Object.entries(m)) {
    if (k === 'version') continue;
    out[k] = v;
    if (k === 'description') out.version = version;
  }
  if (browser === 'chrome') {
    out.background = { service_worker: 'background.js' };
  } else if (browser === 'firefox') {
    // "key" fixes the id of an unpacked Chrome install; Firefox uses the gecko id.
    delete out.key;
    out.background = { scripts: ['background.js'] };
    out.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        // data_collection_permissions needs Firefox >= 140 on desktop.
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      // ... and >= 142 on Android (web-ext lint: KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION).
      gecko_android: { strict_min_version: '142.0' },
    };
    // Firefox reads managed storage from enterprise policies (policies.json
    // "3rdparty"), not from a schema file in the package.
    delete out.storage;
  } else {
    throw new Error(`unknown browser ${browser}`);
  }
  return out;
}

/** The Chrome Web Store refuses a manifest with "key": the store package leaves it out. */
export function storeManifest(manifest) {
  const m = structuredClone(manifest);
  delete m.key;
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

/**
 * content/snapshot-main.js, the manifest's "world": "MAIN" script: the snapshot
 * helper with its MAIN switch on (one source for the walk in both worlds; see its header).
 */
export function mainWorldSnapshot(text) {
  const off = "  const MAIN = false; // tools/package.mjs: true in content/snapshot-main.js";
  const parts = text.split(off);
  if (parts.length !== 2) throw new Error('extension/content/snapshot.js: the MAIN switch line is missing or repeated');
  return parts.join("  const MAIN = true; // written by tools/package.mjs from content/snapshot.js");
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

/** Seconds since 1970 for every file's time: SOURCE_DATE_EPOCH, else HEAD's commit time. */
export function sourceDateEpoch() {
  if (process.env.SOURCE_DATE_EPOCH) return Number(process.env.SOURCE_DATE_EPOCH);
  try {
    return Number(execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: root, encoding: 'utf8' }).trim());
  } catch {
    return 1767225600; // 2026-01-01T00:00:00Z, when there is no git history (a source package).
  }
}

/** A zip of `dir`'s files (sorted, fixed time and mode) at `archive`. */
function zipDir(dir, archive, epoch) {
  const files = listFiles(dir).map((p) => relative(dir, p));
  const when = new Date(epoch * 1000);
  for (const f of files) {
    chmodSync(join(dir, f), 0o644);
    utimesSync(join(dir, f), when, when);
  }
  rmSync(archive, { force: true });
  // -X: no uid/gid or extra times; -D: no directory entries; TZ=UTC: zip stores local time.
  execFileSync('zip', ['-q', '-X', '-D', archive, ...files], { cwd: dir, env: { ...process.env, TZ: 'UTC' } });
  return files.length;
}

function assemble(browser, base, { pkg, dist, version, testBuild }) {
  const out = join(dist, browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // The manifest is written per browser below; the policies example is documentation
  // for families (README), and _locales/REVIEW.md for translators: not part of the package.
  const skip = new Set([join(src, 'manifest.json'), join(src, 'policies.example.json'), join(src, '_locales', 'REVIEW.md')]);
  cpSync(src, out, { recursive: true, filter: (p) => !skip.has(p) });
  // The content script's module and the options/popup pages' module (Makefile `wasm`).
  for (const f of ['saavdhan.js', 'saavdhan_bg.wasm', 'saavdhan_pages.js', 'saavdhan_pages_bg.wasm']) {
    const p = join(pkg, f);
    if (!existsSync(p)) throw new Error(`missing ${p}: run the wasm build first (make build)`);
    cpSync(p, join(out, f));
  }
  writeFileSync(join(out, 'pages', 'privacy.html'), privacyPage(root));
  writeFileSync(join(out, 'content', 'snapshot-main.js'), mainWorldSnapshot(readFileSync(join(src, 'content', 'snapshot.js'), 'utf8')));
  if (!testBuild) {
    const loader = join(out, 'content', 'loader.js');
    writeFileSync(loader, stripTestHooks(readFileSync(loader, 'utf8')));
  }
  const manifest = manifestFor(browser, base, version);
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
  return { out, manifest };
}

/** The package a store receives: the unpacked folder, with the store's manifest. */
function storeArchive(browser, { out, manifest }, archive, epoch) {
  if (browser !== 'chrome') return zipDir(out, archive, epoch);
  const stage = `${out}.store`;
  rmSync(stage, { recursive: true, force: true });
  cpSync(out, stage, { recursive: true });
  writeFileSync(join(stage, 'manifest.json'), JSON.stringify(storeManifest(manifest), null, 2) + '\n');
  try {
    return zipDir(stage, archive, epoch);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * The source package addons.mozilla.org asks for (it reviews WebAssembly as generated
 * code): the committed tree of HEAD, whose BUILDING.md says how to rebuild the exact
 * files. `git archive` gives the same bytes for the same commit.
 */
function sourceArchive(archive, version) {
  try {
    execFileSync('git', ['rev-parse', '--verify', 'HEAD'], { cwd: root, stdio: 'ignore' });
  } catch {
    console.warn(`note: not a git checkout, so no ${basename(archive)} (build from a clone to make it)`);
    return false;
  }
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim();
  if (dirty) console.warn(`warning: uncommitted changes are NOT in ${basename(archive)} (it is HEAD's tree):\n${dirty}`);
  rmSync(archive, { force: true });
  execFileSync('git', ['archive', '--format=zip', `--prefix=saavdhan-source-${version}/`, '-o', archive, 'HEAD'], { cwd: root });
  return true;
}

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function main(argv) {
  const release = argv.includes('--release');
  const testBuild = argv.includes('--test');
  if (release && testBuild) throw new Error('--release and --test exclude each other');
  const args = argv.filter((a) => a !== '--release' && a !== '--test');
  // Absolute paths: zip runs inside each package folder.
  const pkg = resolve(args[0] || join(root, 'target/pkg'));
  const dist = resolve(args[1] || join(root, 'dist'));
  const version = cargoVersion();
  const epoch = sourceDateEpoch();
  const base = JSON.parse(readFileSync(join(src, 'manifest.json'), 'utf8'));
  mkdirSync(dist, { recursive: true });
  const made = [];
  for (const b of ['chrome', 'firefox']) {
    const built = assemble(b, base, { pkg, dist, version, testBuild });
    const ext = b === 'chrome' ? 'zip' : 'xpi';
    const archive = join(dist, `saavdhan-${b}.${ext}`);
    const n = storeArchive(b, built, archive, epoch);
    console.log(`${b} ${version}: ${relative(root, built.out)} (${n} files), ${relative(root, archive)}`);
    if (release) {
      const versioned = join(dist, `saavdhan-${b}-${version}.${ext}`);
      cpSync(archive, versioned);
      made.push(versioned);
    }
  }
  if (release) {
    const source = join(dist, `saavdhan-source-${version}.zip`);
    if (sourceArchive(source, version)) made.push(source);
    const sums = made.map((f) => `${sha256(f)}  ${basename(f)}\n`).join('');
    writeFileSync(join(dist, 'SHA256SUMS'), sums);
    console.log(`\nSHA-256 (also in ${relative(root, join(dist, 'SHA256SUMS'))}):\n${sums}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`package: ${e.message}`);
    process.exit(1);
  }
}
