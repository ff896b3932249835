// The store images: runs tools/store/screenshots.mjs (headless Chromium with the BUILT
// dist/chrome on the harness's practice pages; `make build` first) into a fresh folder
// under out/, then checks that every expected file is there, is a PNG of exactly the
// stores' size (screenshots 1280×800, tile 440×280, marquee 1400×560), and that when each
// screenshot was taken the page showed the banner of that level in that language (the
// banner host's data-saavdhan-level and lang, recorded in shots.json by the script).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { REPO_ROOT, OUT_DIR } from './lib/index.mjs';
import { expectedFiles, LANGS, LEVELS } from '../../tools/store/screenshots.mjs';

const SCRIPT = path.join(REPO_ROOT, 'tools', 'store', 'screenshots.mjs');
const OUT = path.join(OUT_DIR, 'store-test', 'screenshots');

/** {width, height} from a PNG's signature and IHDR chunk; throws if the file is not a PNG. */
function pngSize(file) {
  const b = fs.readFileSync(file);
  const SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(b.length > 33 && b.subarray(0, 8).equals(SIG), `${path.basename(file)} is not a PNG`);
  assert.equal(b.toString('latin1', 12, 16), 'IHDR', `${path.basename(file)}: first chunk is not IHDR`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('store images (tools/store/screenshots.mjs)', { timeout: 240_000 }, () => {
  let run;
  before(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    run = await new Promise((resolve) => {
      execFile(process.execPath, [SCRIPT, OUT], { cwd: REPO_ROOT, timeout: 200_000 },
        (error, stdout, stderr) => resolve({ error, stdout, stderr }));
    });
  });

  it('the script finishes without error', () => {
    assert.equal(run.error, null, `screenshots.mjs failed: ${run.error?.message}\n${run.stderr}\n${run.stdout}`);
  });

  it('makes every expected file: a PNG of exactly the right size', () => {
    const want = expectedFiles();
    assert.equal(want.filter((f) => f.file.startsWith('screenshot-')).length, LANGS.length * LEVELS.length);
    for (const f of want) {
      const p = path.join(OUT, f.file);
      assert.ok(fs.existsSync(p), `missing ${f.file}`);
      assert.deepEqual(pngSize(p), { width: f.width, height: f.height }, f.file);
    }
    assert.deepEqual(pngSize(path.join(OUT, 'promo-tile-440x280.png')), { width: 440, height: 280 });
    assert.deepEqual(pngSize(path.join(OUT, 'promo-marquee-1400x560.png')), { width: 1400, height: 560 });
  });

  it('each screenshot was taken with the banner of its level, in its language, on the page', () => {
    const rec = JSON.parse(fs.readFileSync(path.join(OUT, 'shots.json'), 'utf8'));
    assert.deepEqual(rec.screen, { width: 1280, height: 800 });
    for (const lang of LANGS) {
      for (const { level } of LEVELS) {
        const file = `screenshot-${lang}-${level}.png`;
        const shot = rec.screenshots.find((s) => s.file === file);
        assert.ok(shot, `shots.json has no record of ${file}`);
        assert.ok(shot.banners.some((b) => b.level === level && b.lang === lang),
          `${file}: banners on the page were ${JSON.stringify(shot.banners)}`);
        // Only Saavdhan's own banner of that level: no leftover from another page or language.
        for (const b of shot.banners) assert.equal(b.lang, lang, `${file}: a banner in ${b.lang}`);
        assert.deepEqual(shot.pageErrors.filter((e) => e.kind === 'pageerror'), [], `${file}: uncaught page errors`);
      }
    }
  });

  it('the screenshots differ from one another (each shows its own page and language)', () => {
    const shots = expectedFiles().filter((f) => f.file.startsWith('screenshot-'));
    const bytes = new Set(shots.map((f) => fs.readFileSync(path.join(OUT, f.file)).toString('base64')));
    assert.equal(bytes.size, shots.length);
  });
});
