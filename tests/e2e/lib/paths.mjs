// Folders the end-to-end harness uses. out/ is ignored by git.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const OUT_DIR = path.join(REPO_ROOT, 'out');
export const SCREENSHOT_DIR = path.join(OUT_DIR, 'screenshots');
// The test build (make build-test): the release plus its test hooks, which the e2e
// suites and the bench read. SAAVDHAN_DIST_CHROME / SAAVDHAN_DIST_FIREFOX point the
// harness at another unpacked build (e.g. to check the harness itself).
export const DIST_CHROME = path.resolve(process.env.SAAVDHAN_DIST_CHROME || path.join(REPO_ROOT, 'dist-test', 'chrome'));
export const DIST_FIREFOX = path.resolve(process.env.SAAVDHAN_DIST_FIREFOX || path.join(REPO_ROOT, 'dist-test', 'firefox'));
// The release (make build): what the zip/xpi carry. tests/e2e/release-*.test.mjs use it.
export const RELEASE_CHROME = path.resolve(process.env.SAAVDHAN_RELEASE_CHROME || path.join(REPO_ROOT, 'dist', 'chrome'));
export const RELEASE_FIREFOX = path.resolve(process.env.SAAVDHAN_RELEASE_FIREFOX || path.join(REPO_ROOT, 'dist', 'firefox'));
