// The same job with gray-matter (the reader the source pipeline uses).
const fs = require('fs'), path = require('path');
const matter = require('gray-matter');
const out = [];
function walk(d) {
  for (const f of fs.readdirSync(d).filter(f => !f.startsWith('.')).sort()) {
    const p = path.join(d, f);
    if (fs.statSync(p).isDirectory()) walk(p);
    else if (/\.(md|markdown)$/.test(f)) {
      const m = matter(fs.readFileSync(p, 'utf8'));
      const r = Object.assign({}, m.data, { _path: p });
      process.stdout.write(JSON.stringify(r) + '\n');
    }
  }
}
for (const a of process.argv.slice(2)) walk(a);
