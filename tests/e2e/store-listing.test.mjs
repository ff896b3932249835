// The store listings (store/), checked without a browser:
// * every language (en, hi, mr) has every field, each within the stores' limits
//   (Chrome: name 75, summary 132, description 16,000; addons.mozilla.org: name 50,
//   summary 250), the name keeps "Saavdhan", the Hindi and Marathi texts are written in
//   Devanagari with Latin digits, and the description carries what the stores and a
//   family need (the five steps, 1930, no server, languages, not affiliated with Meta);
// * Chrome's summary is the built package's description (the store shows that one);
// * store/chrome-web-store.md justifies exactly the built manifest's permissions, host
//   permissions and content-script sites (dist/chrome/manifest.json; run `make build`),
//   each in at most 1,000 characters, and answers the privacy questions;
// * store/addons-mozilla-org.md gives the source package and the pinned build steps.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, DIST_CHROME } from './lib/index.mjs';

const STORE = path.join(REPO_ROOT, 'store');
const LANGS = ['en', 'hi', 'mr'];
/** field → [maximum length in characters, which store sets it]. */
const LIMITS = {
  name: [50, 'addons.mozilla.org name (Chrome: 75)'],
  summary: [132, 'Chrome summary / manifest description'],
  amo_summary: [250, 'addons.mozilla.org summary'],
  description: [16_000, 'Chrome description'],
};
const chars = (s) => [...s].length;
const read = (rel) => fs.readFileSync(path.join(STORE, rel), 'utf8');
const listing = (lang) => JSON.parse(read(path.join('listing', `${lang}.json`)));
const text = (l) => l.description.join('\n');
const DEVANAGARI = /[\u0900-\u097F]/;
const DEVANAGARI_DIGIT = /[\u0966-\u096F]/;

/** The part of a Markdown text under heading `title` (any level), up to the next heading of that level or higher. */
function section(md, title) {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => /^#+ /.test(l) && l.replace(/^#+ /, '').trim() === title);
  assert.ok(start >= 0, `no heading "${title}"`);
  const level = lines[start].match(/^#+/)[0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.match(/^#+/)[0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n').trim();
}

describe('store listings: every language, every field, within limits', () => {
  for (const lang of LANGS) {
    it(`${lang}: has every field, each within its limit`, () => {
      const l = listing(lang);
      assert.equal(l.lang, lang);
      assert.deepEqual(Object.keys(l).sort(), ['amo_summary', 'description', 'lang', 'name', 'summary']);
      assert.ok(Array.isArray(l.description) && l.description.every((s) => typeof s === 'string'),
        'description is an array of lines');
      for (const [field, [max, what]] of Object.entries(LIMITS)) {
        const v = field === 'description' ? text(l) : l[field];
        assert.equal(typeof v, 'string', `${lang}.${field}`);
        assert.ok(v.trim().length > 0, `${lang}.${field} is empty`);
        assert.ok(chars(v) <= max, `${lang}.${field}: ${chars(v)} characters, the ${what} allows ${max}`);
        assert.equal(v, v.trim(), `${lang}.${field} has no leading or trailing spaces`);
        assert.doesNotMatch(v, /<[a-z]/i, `${lang}.${field} is plain text, no HTML`);
      }
      assert.match(l.name, /Saavdhan/, 'the name keeps "Saavdhan"');
      assert.ok(chars(l.name) <= 75, 'Chrome name limit');
    });

    it(`${lang}: the description says the five steps, what it never does, families, languages, not Meta`, () => {
      const l = listing(lang);
      const d = text(l);
      const steps = l.description.filter((s) => /^[1-5]\. /.test(s)).map((s) => s[0]);
      assert.deepEqual(steps, ['1', '2', '3', '4', '5'], 'five numbered steps of the trick');
      assert.match(d, /1930/, 'the Indian cyber-crime helpline');
      assert.match(d, /cybercrime\.gov\.in/);
      assert.match(d, /180/, 'how long facts are kept');
      assert.match(d, /Meta/, 'says it is not affiliated with Meta');
      assert.match(d, /PIN/, 'family setup with the family PIN');
      assert.match(d, /English/);
      assert.match(d, /हिन्दी|हिंदी/);
      assert.match(d, /मराठी/);
    });

    if (lang !== 'en') {
      it(`${lang}: written in Devanagari with Latin digits`, () => {
        const l = listing(lang);
        for (const field of ['summary', 'amo_summary', 'description']) {
          const v = field === 'description' ? text(l) : l[field];
          assert.match(v, DEVANAGARI, `${lang}.${field} is in Devanagari`);
          assert.doesNotMatch(v, DEVANAGARI_DIGIT, `${lang}.${field} uses Latin digits`);
        }
      });
    }
  }

  it('every language says the same things: the same number of lines, steps and bullets', () => {
    const shape = (l) => l.description.map((s) => (s === '' ? '' : /^[1-5]\. /.test(s) ? s.slice(0, 2) : s.startsWith('• ') ? '•' : 'p'));
    const en = shape(listing('en'));
    for (const lang of ['hi', 'mr']) assert.deepEqual(shape(listing(lang)), en, `${lang} follows en line by line`);
  });

  for (const lang of LANGS) {
    it(`${lang}: Chrome's summary is the built package's description`, () => {
      const file = path.join(DIST_CHROME, '_locales', lang, 'messages.json');
      assert.ok(fs.existsSync(file), `${file} missing: run \`make build\` first`);
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')).extDescription.message;
      assert.equal(listing(lang).summary, pkg,
        `store/listing/${lang}.json "summary" must equal extDescription in extension/_locales/${lang}/messages.json (Chrome shows the package's)`);
    });
  }
});

describe('store/chrome-web-store.md', () => {
  const md = read('chrome-web-store.md');
  const manifest = () => {
    const file = path.join(DIST_CHROME, 'manifest.json');
    assert.ok(fs.existsSync(file), `${file} missing: run \`make build\` first`);
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  };

  it('justifies exactly the built manifest\'s permissions, host permissions and content-script sites', () => {
    const m = manifest();
    const wanted = [
      ...(m.permissions || []).map((p) => `permission ${p}`),
      ...(m.optional_permissions || []).map((p) => `permission ${p}`),
      ...(m.host_permissions || []).map((h) => `host permission ${h}`),
      ...(m.optional_host_permissions || []).map((h) => `host permission ${h}`),
      ...(m.content_scripts || []).flatMap((c) => c.matches.map((x) => `content script ${x}`)),
    ];
    const just = section(md, 'Permission justifications');
    const given = [];
    for (const [, kind, names] of just.matchAll(/^#### (permission|host permission|content script) (.+)$/gm)) {
      const list = [...names.matchAll(/`([^`]+)`/g)].map((x) => x[1]);
      assert.ok(list.length > 0, `heading "#### ${kind} ${names}" names nothing in backticks`);
      for (const n of list) given.push(`${kind} ${n}`);
    }
    assert.deepEqual([...new Set(given)].sort(), [...new Set(wanted)].sort());
    assert.equal(given.length, new Set(given).size, 'each one is justified once');
  });

  it('each justification and the single purpose are plain text of at most 1,000 characters', () => {
    const just = section(md, 'Permission justifications');
    const parts = just.split(/^#### .+$/m).slice(1).map((s) => s.trim());
    assert.ok(parts.length >= 3);
    for (const p of [...parts, section(md, 'Single purpose')]) {
      assert.ok(p.length > 40, `a justification is too short to say why: ${JSON.stringify(p)}`);
      assert.ok(chars(p.replace(/\n/g, ' ')) <= 1000, `too long for the dashboard's field: ${chars(p)} characters`);
    }
  });

  it('answers remote code, data usage (the three certifications), category and privacy policy', () => {
    assert.match(section(md, 'Remote code'), /^No, I am not using remote code\./);
    assert.match(section(md, 'Remote code'), /WebAssembly/);
    const data = section(md, 'Data usage');
    assert.match(data, /None/);
    for (const c of [
      'I do not sell or transfer user data to third parties, outside of the approved use cases.',
      "I do not use or transfer user data for purposes that are unrelated to my item's single purpose.",
      'I do not use or transfer user data to determine creditworthiness or for lending purposes.',
    ]) assert.ok(data.includes(c), `certifies: ${c}`);
    assert.match(md, /\| Category \| .+ \|/);
    const policy = section(md, 'Privacy policy');
    assert.match(policy, /PRIVACY\.md/);
    assert.match(policy, /pages\/privacy\.html/);
    for (const f of ['PRIVACY.md', 'PRIVACY.hi.md', 'PRIVACY.mr.md']) {
      assert.ok(fs.existsSync(path.join(REPO_ROOT, f)), `${f} exists`);
    }
  });

  it('names every image it points to, and each exists in store/', () => {
    for (const rel of ['promo/promo-tile-440x280.png', 'promo/promo-marquee-1400x560.png',
      ...LANGS.flatMap((l) => ['notice', 'warning', 'danger'].map((v) => `screenshots/screenshot-${l}-${v}.png`))]) {
      assert.ok(fs.existsSync(path.join(STORE, rel)), `store/${rel} (make store-assets)`);
    }
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'extension', 'icons', 'icon-128.png')));
  });
});

describe('store/addons-mozilla-org.md', () => {
  const md = read('addons-mozilla-org.md');
  it('points reviewers at the source package and the pinned build steps', () => {
    const notes = section(md, 'Notes to reviewers');
    assert.match(md, /dist\/saavdhan-source-VERSION\.zip/);
    assert.match(md, /dist\/saavdhan-firefox-VERSION\.xpi/);
    for (const pin of ['Debian 12', 'Rust 1.95.0', 'wasm32-unknown-unknown', 'wasm-bindgen-cli 0.2.130',
      'Node.js 20', 'npm ci', 'binaryen 132', 'make release', 'BUILDING.md']) {
      assert.ok(notes.includes(pin), `the notes name ${pin}`);
    }
    // The pins must be the repository's own.
    const makefile = fs.readFileSync(path.join(REPO_ROOT, 'Makefile'), 'utf8');
    assert.match(makefile, /^WASM_BINDGEN_VERSION := 0\.2\.130$/m);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const binaryen = { ...pkg.dependencies, ...pkg.devDependencies }.binaryen;
    assert.match(binaryen, /^\^?132\./, `package.json pins binaryen 132 (${binaryen})`);
  });
  it('says data collection is none, as the built Firefox manifest does', () => {
    assert.match(section(md, 'Data collection'), /^None\./);
    const file = path.join(REPO_ROOT, 'dist', 'firefox', 'manifest.json');
    assert.ok(fs.existsSync(file), `${file} missing: run \`make build\` first`);
    const m = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(m.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
  });
  it('gives the categories and the listing fields', () => {
    assert.match(md, /\| Categories \| .+ \|/);
    for (const f of ['name', 'amo_summary', 'description']) assert.ok(md.includes(`\`${f}\``), `names the listing field ${f}`);
  });
});
