// web-ext lint on the built Firefox package must report 0 errors.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { lintFirefox, formatIssues } from './lib/lint-firefox.mjs';

it('web-ext lint on dist/firefox reports 0 errors', { timeout: 240_000 }, async () => {
  const r = await lintFirefox();
  console.log(`# web-ext lint: ${r.errors.length} errors, ${r.warnings.length} warnings, ${r.notices.length} notices`);
  if (r.warnings.length) console.log(formatIssues(r.warnings).replace(/^/gm, '# '));
  assert.equal(r.errors.length, 0, `web-ext lint errors:\n${formatIssues(r.errors)}`);
});
