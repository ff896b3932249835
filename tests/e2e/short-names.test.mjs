// tools/short-names.mjs (Makefile `shrink`): the glue gets the names wasm-opt gave the
// module's imports and exports, composed over --converge's rounds, and a mapping that
// does not fit the glue fails the build without writing anything.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(new URL('../../tools/short-names.mjs', import.meta.url).pathname);

// A module importing function "A" from module "a" and exporting it as "B": what the
// glue must provide after the renaming below.
const name = (s) => [s.length, ...Buffer.from(s)];
const section = (id, body) => [id, body.length, ...body];
const MODULE = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 0, 0]), // one type: () -> ()
  ...section(2, [1, ...name('a'), ...name('A'), 0x00, 0]), // import a.A: function of type 0
  ...section(7, [1, ...name('B'), 0x00, 0]), // export B: function 0
]);

const GLUE = `function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_alert_0123456789abcdef: function() { alert('hi'); },
    };
    return { __proto__: null, "./x_bg.js": import0 };
}
function start() { wasm.start_x(); wasm.start_x_later(); }
`;

// Two rounds, as --converge prints them: each renames the names of the one before.
const ROUNDS = `{
 "imports": [
  ["./x_bg.js", "__wbg_alert_0123456789abcdef", "Z"]
 ],
 "exports": [
  ["start_x", "Y"],
  ["start_x_later", "X"]
 ]
}
{
 "imports": [
  ["q", "Z", "A"]
 ],
 "exports": [
  ["Y", "B"],
  ["X", "C"]
 ]
}
`;

function run(glue, mapping) {
  const dir = mkdtempSync(join(tmpdir(), 'short-names-'));
  try {
    const paths = { glue: join(dir, 'x.js'), wasm: join(dir, 'x_bg.wasm'), map: join(dir, 'x.names.json') };
    writeFileSync(paths.glue, glue);
    writeFileSync(paths.wasm, MODULE);
    writeFileSync(paths.map, mapping);
    let status = 0;
    try {
      execFileSync(process.execPath, [SCRIPT, paths.glue, paths.wasm, paths.map], { stdio: 'pipe' });
    } catch (e) {
      status = e.status;
    }
    return { status, glue: readFileSync(paths.glue, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('tools/short-names.mjs', () => {
  it('writes the last round\'s names into the glue, and the module name read from the module', () => {
    const r = run(GLUE, ROUNDS);
    assert.equal(r.status, 0);
    assert.match(r.glue, /\n {8}A: function\(\) \{ alert\('hi'\); \},/);
    assert.match(r.glue, /"a": import0/);
    assert.match(r.glue, /wasm\.B\(\); wasm\.C\(\);/);
    assert.doesNotMatch(r.glue, /__wbg_alert|x_bg\.js|start_x/);
  });

  it('fails, writing nothing, when a renamed import is not in the glue', () => {
    const glue = GLUE.replace('__wbg_alert_0123456789abcdef', '__wbg_alert_fedcba9876543210');
    const r = run(glue, ROUNDS);
    assert.equal(r.status, 1);
    assert.equal(r.glue, glue);
  });

  it('fails when the glue calls an export the module does not have', () => {
    const glue = GLUE.replace('wasm.start_x_later();', 'wasm.start_x_later(); wasm.gone();');
    const r = run(glue, ROUNDS);
    assert.equal(r.status, 1);
    assert.equal(r.glue, glue);
  });

  it('fails when the module imports a name the glue does not provide', () => {
    const r = run(GLUE, ROUNDS.replace('["q", "Z", "A"]', '["q", "Z", "D"]'));
    assert.equal(r.status, 1);
  });
});
