// `web-ext lint` on the built Firefox package (the release, dist/firefox, by default).
//   node tests/e2e/lib/lint-firefox.mjs [dir]   → prints a summary, exits 1 on any error.
// lintFirefox(dir) → {errors: [...], warnings: [...], notices: [...]} for tests.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, RELEASE_FIREFOX as DIST_FIREFOX } from './paths.mjs';

const WEB_EXT = path.join(REPO_ROOT, 'node_modules', 'web-ext', 'bin', 'web-ext.js');

export function lintFirefox(dir = DIST_FIREFOX) {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    return Promise.reject(new Error(`no built extension at ${dir}: run \`make build\` first`));
  }
  if (!fs.existsSync(WEB_EXT)) return Promise.reject(new Error('web-ext is not installed: run `npm ci`'));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [WEB_EXT, 'lint', '--source-dir', dir, '--output', 'json', '--no-input'],
      { cwd: REPO_ROOT, maxBuffer: 32 * 1024 * 1024, timeout: 180_000, env: { ...process.env, WEB_EXT_NO_CONFIG_DISCOVERY: '1' } },
      (err, stdout, stderr) => {
        // web-ext exits non-zero when there are errors; the JSON report is still on stdout.
        const start = stdout.indexOf('{');
        if (start < 0) {
          reject(new Error(`web-ext lint printed no report (${err ? err.message : 'no error'}): ${stderr || stdout}`));
          return;
        }
        try {
          const report = JSON.parse(stdout.slice(start));
          resolve({ errors: report.errors || [], warnings: report.warnings || [], notices: report.notices || [], summary: report.summary });
        } catch (e) {
          reject(new Error(`web-ext lint report is not JSON: ${e.message}`));
        }
      });
  });
}

export function formatIssues(list) {
  return list.map((m) => `  ${m._type || ''} ${m.code}: ${m.message}${m.file ? ` (${m.file}${m.line ? ':' + m.line : ''})` : ''}`).join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] || DIST_FIREFOX);
  lintFirefox(dir).then((r) => {
    console.log(`web-ext lint ${path.relative(REPO_ROOT, dir) || dir}: ${r.errors.length} errors, ${r.warnings.length} warnings, ${r.notices.length} notices`);
    if (r.errors.length) console.log(formatIssues(r.errors));
    if (r.warnings.length) console.log(formatIssues(r.warnings));
    process.exit(r.errors.length ? 1 : 0);
  }, (e) => { console.error(e.message); process.exit(2); });
}
