// web-ext lint on the built Firefox package (the release xpi's contents) must report
// 0 errors and 0 warnings: addons.mozilla.org runs the same linter on submission.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { lintFirefox, formatIssues } from './lib/lint-firefox.mjs';

it('web-ext lint on dist/firefox reports 0 errors and 0 warnings', { timeout: 240_000 }, async () => {
  const r = await lintFirefox();
  console.log(`# web-ext lint: ${r.errors.length} errors, ${r.warnings.length} warnings, ${r.notices.length} notices`);
  assert.equal(r.errors.length, 0, `web-ext lint errors:\n${formatIssues(r.errors)}`);
  assert.equal(r.warnings.length, 0, `web-ext lint warnings:\n${formatIssues(r.warnings)}`);
});
