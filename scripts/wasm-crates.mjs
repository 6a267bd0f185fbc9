// `twiggy top -n 1000000 -f csv WASM | node scripts/wasm-crates.mjs`: what the page's wasm is
// made of (issue 14), from the named build (target/wasm32-unknown-unknown/release, before
// wasm-bindgen and wasm-opt): the code per crate (each function under the crate its path names
// first; `<a::T as b::Trait>::f` is a's), the read-only data (the rules' texts and every string)
// and the largest functions. Shares, not dist's bytes: wasm-bindgen then drops the describe
// functions and the name section, and wasm-opt shrinks the code. Prints figures only.
import fs from 'node:fs';

const rows = fs.readFileSync(0, 'utf8').split('\n').slice(1).filter(Boolean).map((line) => {
  // Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent (the name may be quoted).
  const m = /^("(?:[^"]|"")*"|[^,]*),(\d+),/.exec(line);
  if (!m) return null;
  const name = m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1];
  return { name, bytes: Number(m[2]) };
}).filter(Boolean);

function part(name) {
  if (name.startsWith('custom section') || name.includes('subsection')) return '(names and custom sections: dropped at bind)';
  if (name.startsWith('data segment')) return '(read-only data: texts and strings)';
  if (/^export |__wbindgen_describe|__wbindgen_placeholder/.test(name)) return '(wasm-bindgen glue: mostly dropped at bind)';
  const m = /([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name);
  return m ? m[1] : '(other)';
}

const by = new Map();
let code = 0;
for (const r of rows) {
  const p = part(r.name);
  by.set(p, (by.get(p) ?? 0) + r.bytes);
  if (!p.startsWith('(')) code += r.bytes;
}
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
console.log(`wasm: the named build's code, ${kb(code)} in crates' functions, by crate (and the rest):`);
for (const [p, b] of [...by].sort((a, z) => z[1] - a[1]).slice(0, 16)) {
  const share = p.startsWith('(') ? '' : ` (${((100 * b) / code).toFixed(1)}% of the code)`;
  console.log(`wasm:   ${kb(b).padStart(10)}  ${p}${share}`);
}
console.log('wasm: its largest functions:');
for (const r of rows.filter((r) => !part(r.name).startsWith('(')).sort((a, z) => z.bytes - a.bytes).slice(0, 12)) {
  console.log(`wasm:   ${kb(r.bytes).padStart(10)}  ${r.name.length > 110 ? `${r.name.slice(0, 107)}...` : r.name}`);
}
