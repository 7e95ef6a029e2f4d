// write_node.js MODE IN DIR - the source generator's file writer in Node, as
// a peer for bench/write.sh.  MODE "port": a port of generate.js
// (slugify, generateFilename, buildFrontmatter, buildBody; jobs.md job 18);
// MODE "graymatter": gray-matter's stringify (js-yaml) with the same body.
// Writes with fs.writeFileSync, no fsync (as the generator does).
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const [mode, input, dir] = process.argv.slice(2);
const matter = mode === 'graymatter' ? require('gray-matter') : null;
fs.mkdirSync(dir, { recursive: true });

function slugify(t) {
  return String(t).toLowerCase().replace(/[^a-z0-9\s-]/g, '').replace(/\s+/g, '-')
    .replace(/-+/g, '-').replace(/^-|-$/g, '').substring(0, 50);
}
function filename(r) {
  const src = String(r.source_id || 'unknown').replace(/[^A-Za-z0-9_]/g, '_').toLowerCase();
  return `${r.date_published}__${src}__${slugify(r.title || '')}.md`;
}
const esc = (s) => String(s).replace(/"/g, '\\"').replace(/\n/g, ' ');
function frontmatter(r) {
  const L = ['---'];
  for (const [k, v] of Object.entries(r)) {
    if (k.startsWith('_')) continue;
    if (k === 'key_points' && Array.isArray(v)) {
      L.push('key_points:');
      for (const p of v) L.push(`  - "${esc(p)}"`);
    } else if (Array.isArray(v)) {
      L.push(`${k}: [${v.map((x) => `"${esc(x)}"`).join(', ')}]`);
    } else if (typeof v === 'number' || typeof v === 'boolean' || v === null) {
      L.push(`${k}: ${v}`);
    } else {
      L.push(`${k}: "${esc(v)}"`);
    }
  }
  L.push('---');
  return L.join('\n');
}
function body(r) {
  const P = [];
  if (r.summary_ko) P.push('<div class="lang-ko">', '', r.summary_ko, '', '</div>');
  if (r.summary_en) P.push('<div class="lang-en" style="display:none">', '', r.summary_en, '', '</div>');
  if (r.key_points && r.key_points.length) {
    P.push('', '## Key Points', '');
    for (const p of r.key_points) P.push(`- ${p}`);
  }
  return P.join('\n');
}
const rl = readline.createInterface({ input: fs.createReadStream(input), crlfDelay: Infinity });
let n = 0;
rl.on('line', (line) => {
  if (!line.trim()) return;
  const r = JSON.parse(line);
  const f = path.join(dir, filename(r));
  if (fs.existsSync(f)) return;
  let text;
  if (matter) {
    const data = {};
    for (const [k, v] of Object.entries(r)) if (!k.startsWith('_')) data[k] = v;
    text = matter.stringify('\n' + body(r) + '\n', data);
  } else {
    text = frontmatter(r) + '\n\n' + body(r) + '\n';
  }
  fs.writeFileSync(f, text);
  n++;
});
rl.on('close', () => process.stderr.write(`${mode}: ${n} files\n`));
