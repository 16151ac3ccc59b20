// GET /docs: a self-contained page (no CDN, no assets) that renders /openapi.json in the browser.

const script = `
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const pre = (v) => '<pre>' + esc(JSON.stringify(v, null, 2)) + '</pre>';
fetch('openapi.json').then((r) => r.json()).then((doc) => {
  const out = [];
  out.push('<h1>' + esc(doc.info.title) + ' <small>' + esc(doc.info.version) + ' · OpenAPI ' + esc(doc.openapi) + '</small></h1>');
  out.push('<p>' + esc(doc.info.description) + '</p><nav>');
  const ops = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(byMethod)) ops.push({ path, method, op });
  for (const o of ops) out.push('<a href="#' + esc(o.op.operationId) + '"><b>' + o.method.toUpperCase() + '</b> ' + esc(o.path) + '</a>');
  out.push('</nav>');
  for (const { path, method, op } of ops) {
    out.push('<section id="' + esc(op.operationId) + '"><h2><span class="m ' + method + '">' + method.toUpperCase() + '</span> ' + esc(path) + '</h2>');
    out.push('<p>' + esc(op.summary) + '</p>' + (op.description ? '<p>' + esc(op.description) + '</p>' : ''));
    if (op.parameters.length) {
      out.push('<table><tr><th>parameter</th><th>in</th><th>required</th><th>description</th></tr>');
      for (const p of op.parameters) out.push('<tr><td><code>' + esc(p.name) + '</code></td><td>' + p.in + '</td><td>' + (p.required ? 'yes' : 'no') + '</td><td>' + esc(p.description || '') + '</td></tr>');
      out.push('</table>');
    }
    if (op.requestBody) out.push('<details><summary>request body</summary>' + pre(op.requestBody.content['application/json'].schema) + '</details>');
    for (const [status, r] of Object.entries(op.responses)) {
      const content = r.content ? Object.values(r.content)[0] : undefined;
      out.push('<details><summary><b>' + status + '</b> ' + esc(r.description) + '</summary>' + (content && content.schema ? pre(content.schema) : '') + '</details>');
    }
    out.push('</section>');
  }
  document.getElementById('api').innerHTML = out.join('');
}).catch((e) => { document.getElementById('api').textContent = 'could not load openapi.json: ' + e; });
`;

const style = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1b1b1b; }
nav { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: .2rem 1rem; margin-bottom: 1rem; }
nav a { color: #0b4f8a; text-decoration: none; font-family: ui-monospace, monospace; font-size: 13px; }
section { border-top: 1px solid #ddd; padding: .3rem 0; }
h2 { font-size: 1.05rem; font-family: ui-monospace, monospace; }
.m { display: inline-block; min-width: 3.5rem; padding: 0 .3rem; border-radius: 3px; color: #fff; background: #2b6cb0; }
.m.post { background: #2f855a; }
table { border-collapse: collapse; font-size: 13px; } td, th { border: 1px solid #ddd; padding: .15rem .4rem; text-align: left; }
pre { background: #f6f6f6; padding: .5rem; overflow: auto; font-size: 12px; }
small { color: #666; font-weight: normal; }
`;

export const docsHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>stakemesh API</title><style>${style}</style></head>
<body><main id="api">Loading <a href="openapi.json">openapi.json</a>…</main><script>${script}</script></body></html>
`;
