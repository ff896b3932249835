// Every user-facing string lives in the en/hi/mr catalogues (extension/_locales/*):
// * each catalogue has the same keys, with the same $PLACEHOLDERS$, none empty;
// * no sentence-like English string literal is left in the browser code (src/web/**),
//   outside #[cfg(test)] modules. A literal "looks like a sentence" when it starts with
//   a capital letter and has at least three words of letters; code-like literals (CSS,
//   selectors, URLs, format strings with markup) are not sentences. A line may opt out
//   with the comment `i18n-exempt` (for text that is not shown to the user).
// No browser needed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib/paths.mjs';

const LANGS = ['en', 'hi', 'mr'];
const load = (l) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'extension', '_locales', l, 'messages.json'), 'utf8'));
const placeholders = (m) => [...m.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((x) => x[1].toLowerCase()).sort();

/** String literals of a Rust source with their line numbers (comments skipped). */
export function rustStrings(src) {
  const out = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === '\n') { line++; i++; continue; }
    if (c === '/' && src[i + 1] === '/') { while (i < n && src[i] !== '\n') i++; continue; }
    if (c === '/' && src[i + 1] === '*') {
      i += 2;
      while (i < n && !(src[i] === '*' && src[i + 1] === '/')) { if (src[i] === '\n') line++; i++; }
      i += 2; continue;
    }
    if (c === '\'' ) {
      // char literal ('x', '\n', '\u{..}') or lifetime ('a)
      const m = /^'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'/u.exec(src.slice(i, i + 12));
      i += m ? m[0].length : 1; continue;
    }
    const raw = /^r(#*)"/.exec(src.slice(i, i + 10));
    if (raw && !/[A-Za-z0-9_]/.test(src[i - 1] || '')) {
      const end = '"' + raw[1];
      const start = i + raw[0].length;
      const stop = src.indexOf(end, start);
      const text = src.slice(start, stop < 0 ? n : stop);
      out.push({ line, text });
      line += (text.match(/\n/g) || []).length;
      i = stop < 0 ? n : stop + end.length; continue;
    }
    if (c === '"') {
      let j = i + 1;
      let text = '';
      const startLine = line;
      while (j < n && src[j] !== '"') {
        if (src[j] === '\\') { text += src[j + 1] === 'n' ? '\n' : src[j + 1]; j += 2; continue; }
        if (src[j] === '\n') line++;
        text += src[j]; j++;
      }
      out.push({ line: startLine, text });
      i = j + 1; continue;
    }
    i++;
  }
  return out;
}

/** True for a literal that reads like English shown to a person. */
export function looksLikeSentence(s) {
  const t = s.trim();
  if (!/^[A-Z]/.test(t)) return false;
  if (/[{};<>=\[\]#\\|`]|::|\/\/|\$\d/.test(t)) return false;
  const words = t.split(/\s+/).filter((w) => /^[A-Za-z][A-Za-z'’,.!?:-]*$/.test(w));
  return words.length >= 3;
}

function rustFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...rustFiles(p));
    else if (e.name.endsWith('.rs')) out.push(p);
  }
  return out;
}

describe('user-facing strings', () => {
  it('every catalogue has the same keys and placeholders, none empty', () => {
    const cats = Object.fromEntries(LANGS.map((l) => [l, load(l)]));
    const en = Object.keys(cats.en).sort();
    assert.ok(en.length > 50, `en has ${en.length} keys`);
    for (const l of ['hi', 'mr']) {
      assert.deepEqual(Object.keys(cats[l]).sort(), en, `${l} keys differ from en`);
    }
    for (const k of en) {
      for (const l of LANGS) {
        const m = cats[l][k].message;
        assert.ok(typeof m === 'string' && m.trim() !== '', `${l}.${k} is empty`);
        assert.deepEqual(placeholders(m), placeholders(cats.en[k].message), `${l}.${k} placeholders`);
        for (const p of placeholders(m)) {
          assert.ok(cats[l][k].placeholders?.[p]?.content, `${l}.${k} declares placeholder ${p}`);
        }
      }
    }
  });

  it('the sentence detector finds sentences and ignores code', () => {
    const src = [
      'let a = "Be careful with this person";',
      'let b = ".box{font-size:18px;color:#111}";',
      'let c = "[data-part=\\"pin\\"]";',
      '// "Comment Text Is Not Code"',
      'let d = "storage area unavailable";',
      "let e = 'x'; let f = r#\"Raw Strings Count Too\"#;",
      'let g = "https://www.facebook.com/help/769533159735923";',
    ].join('\n');
    const found = rustStrings(src).filter((s) => looksLikeSentence(s.text)).map((s) => s.text);
    assert.deepEqual(found, ['Be careful with this person', 'Raw Strings Count Too']);
  });

  it('no English sentence is left in the browser code (src/web/**)', () => {
    const offenders = [];
    for (const file of rustFiles(path.join(REPO_ROOT, 'src', 'web'))) {
      let src = fs.readFileSync(file, 'utf8');
      const cut = src.search(/^\s*#\[cfg\(test\)\]/m);
      if (cut >= 0) src = src.slice(0, cut);
      const lines = src.split('\n');
      for (const s of rustStrings(src)) {
        if (!looksLikeSentence(s.text)) continue;
        if ((lines[s.line - 1] || '').includes('i18n-exempt')) continue;
        offenders.push(`${path.relative(REPO_ROOT, file)}:${s.line}: "${s.text}"`);
      }
    }
    assert.deepEqual(offenders, [], `move these into extension/_locales/*/messages.json:\n${offenders.join('\n')}`);
  });
});
