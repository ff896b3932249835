// Shortens the names a WebAssembly module and its wasm-bindgen glue call each other
// by: the import names wasm-bindgen writes (`__wbg_setAttribute_<16 hex digits>`, one
// per browser function the module calls, ~5 KB in the content module) and the export
// names. wasm-opt's --minify-imports-and-exports-and-modules renames them in the
// module and prints the mapping as JSON (binaryen's MinifyImportsAndExports pass, as
// emscripten uses it: https://github.com/WebAssembly/binaryen/pull/1719); this script
// writes the same names into the glue. It does not report the new import module name
// (https://github.com/WebAssembly/binaryen/issues/7657), so that is read from the module.
//
//   node tools/short-names.mjs GLUE.js MODULE_bg.wasm MAPPING.json
//
// Fails (and writes nothing) unless every renamed import is a key of the glue's import
// object exactly once, every export the glue calls is renamed, and afterwards the glue
// provides every import the module asks for.
import { readFileSync, writeFileSync } from 'node:fs';

const [gluePath, wasmPath, mapPath] = process.argv.slice(2);
if (!mapPath) {
  console.error('usage: node tools/short-names.mjs GLUE.js MODULE_bg.wasm MAPPING.json');
  process.exit(2);
}
const fail = (msg) => {
  console.error(`short-names: ${gluePath}: ${msg}`);
  process.exit(1);
};
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A whole identifier: not preceded or followed by another identifier character.
const whole = (s) => `(?<![\\w$])${escape(s)}(?![\\w$])`;

let glue = readFileSync(gluePath, 'utf8');
// With --converge the pass runs once per round and prints one mapping each, every
// round renaming the names of the one before: composed here into first → last.
const rounds = readFileSync(mapPath, 'utf8').split(/^(?=\{$)/m).filter((t) => t.trim()).map((t) => JSON.parse(t));
if (!rounds.length || rounds.some((r) => !Array.isArray(r.imports) || !Array.isArray(r.exports))) {
  fail(`${mapPath} is not wasm-opt's import/export mapping`);
}
const compose = (pairs) => {
  const now = new Map(); // original name → its name after the rounds so far
  pairs.forEach((round, i) => {
    const original = new Map([...now].map(([a, b]) => [b, a]));
    for (const [from, to] of round) {
      const first = i === 0 ? from : original.get(from);
      if (first === undefined) fail(`round ${i + 1} renames ${from}, which no earlier round made`);
      now.set(first, to);
    }
  });
  return now;
};
const importModules = new Set(rounds[0].imports.map(([mod]) => mod));
const map = {
  imports: [...compose(rounds.map((r) => r.imports.map(([, from, to]) => [from, to])))],
  exports: [...compose(rounds.map((r) => r.exports))],
};

const module = new WebAssembly.Module(readFileSync(wasmPath));
const imports = WebAssembly.Module.imports(module);
const modules = [...new Set(imports.map((i) => i.module))];
if (modules.length !== 1) fail(`expected the module to import from one module, got ${JSON.stringify(modules)}`);

// Import names: keys of the glue's import object (`__wbg_x_<hash>: function(…)`).
for (const [from, to] of map.imports) {
  const key = new RegExp(`${whole(from)}(?=\\s*:)`, 'g');
  const n = (glue.match(key) || []).length;
  if (n !== 1) fail(`import ${from} is a key ${n} times, expected once`);
  glue = glue.replace(key, () => to);
}
// The import object's own key (`"./saavdhan_bg.js": import0`).
for (const mod of importModules) {
  const key = new RegExp(`${JSON.stringify(mod).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\s*:)`, 'g');
  const n = (glue.match(key) || []).length;
  if (n !== 1) fail(`import module ${mod} is a key ${n} times, expected once`);
  glue = glue.replace(key, () => JSON.stringify(modules[0]));
}
// Export names: the glue calls them as `wasm.name`.
const renamed = new Map(map.exports);
for (const [from, to] of renamed) {
  glue = glue.replace(new RegExp(`(?<=\\bwasm\\.)${escape(from)}(?![\\w$])`, 'g'), () => to);
}
const shortNames = new Set(renamed.values());
for (const m of glue.matchAll(/\bwasm\.([\w$]+)/g)) {
  if (!shortNames.has(m[1])) fail(`the glue calls wasm.${m[1]}, which the module does not export`);
}
// Every import the module now asks for is a key in the glue.
for (const { name } of imports) {
  if (!new RegExp(`${whole(name)}(?=\\s*:)`).test(glue)) fail(`the module imports ${name}, which the glue does not provide`);
}
writeFileSync(gluePath, glue);
