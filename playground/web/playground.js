// The greylint playground: two editors, the findings, the safe fixes as a
// diff, the deployment graph, and a share link. The linting is
// greylintLint, from the WebAssembly module (playground/wasm); this file
// only shows its output. Every text from the files reaches the page as
// textContent or as an image, never as markup.
'use strict';

const $ = (id) => document.getElementById(id);
const names = ['config', 'applications'];
const editors = { config: $('config'), applications: $('applications') };

const example = {
  config: `builds:
  - name: api-build
    dockerfile: Dockerfile
services:
  - name: api
    image_from_build: api-build
    ports:
      - containerPort: 3000
    envFrom:
      - configMapRef:
          name: app-config
jobs:
  - name: db-migrate
    image_from_build: api-build
    command: [yarn, migrate]
rules:
  - service: api
    hostnames:
      - shop-\${env.name}.example.com
    path: /api
configmaps:
  - name: app-config
    data:
      LOG_LEVEL: info
`,
  applications: `applications:
  - name: shop
    repository: acme-corp/shop
    branch: main
environments:
  - name: staging
    cluster: shared-staging-eks
    from_applications:
      - name: shop
`,
};

// The share link: both texts as JSON, UTF-8, base64url, in the fragment.
function encodeShare(texts) {
  const bytes = new TextEncoder().encode(JSON.stringify(texts));
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeShare(fragment) {
  try {
    const bin = atob(fragment.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const texts = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    const out = {};
    for (const n of names) {
      if (typeof texts[n] !== 'string') return null;
      out[n] = texts[n];
    }
    return out;
  } catch {
    return null;
  }
}

let output = null;
let graphURL = null;
let timer = 0;

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

// applyEdits applies a fix's edits (UTF-16 offsets of the text it was
// computed for) from the last to the first.
function applyEdits(text, edits) {
  const sorted = [...edits].sort((a, b) => b.from - a.from);
  for (const e of sorted) text = text.slice(0, e.from) + e.text + text.slice(e.to);
  return text;
}

function lint() {
  timer = 0;
  output = JSON.parse(globalThis.greylintLint(editors.config.value, editors.applications.value));
  render();
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(lint, 150);
}

function render() {
  const list = $('findings');
  list.replaceChildren();
  let count = 0;
  const marks = { config: new Map(), applications: new Map() };
  const diffs = [];
  output.files.forEach((file, i) => {
    const name = names[i];
    if (file.diff) diffs.push(file.diff);
    for (const f of file.findings) {
      count++;
      if (!marks[name].has(f.line)) marks[name].set(f.line, f.severity);
      const li = el('li');
      li.dataset.file = name;
      li.dataset.rule = f.rule;
      li.dataset.line = String(f.line);
      li.append(el('span', 'where', `${file.path}:${f.line}:${f.column}`), el('span', `sev ${f.severity}`, f.severity),
        el('span', 'msg', f.message), ' ', el('span', 'rule', `[${f.rule}]`));
      li.addEventListener('click', (ev) => {
        if (ev.target.tagName === 'BUTTON') return;
        const ed = editors[name];
        ed.focus();
        ed.setSelectionRange(f.from, f.to);
      });
      for (const fix of f.fixes || []) {
        const b = el('button', `fix ${fix.safety}`, `${fix.safety} fix: ${fix.title}`);
        b.type = 'button';
        b.addEventListener('click', () => {
          editors[name].value = applyEdits(editors[name].value, fix.edits);
          lint();
        });
        li.append(el('br'), b);
      }
      list.append(li);
    }
  });
  $('count').textContent = count === 0 ? '(none)' : `(${count})`;
  $('status').textContent = count === 0 ? 'no findings' : `${count} finding${count === 1 ? '' : 's'}`;
  const diff = $('diff');
  diff.replaceChildren();
  if (diffs.length === 0) {
    diff.textContent = 'nothing to fix safely';
  } else {
    for (const line of diffs.join('').split('\n')) {
      const cls = line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del' : '';
      diff.append(el('span', cls, line + '\n'));
    }
  }
  $('apply-safe').disabled = diffs.length === 0;
  for (const name of names) gutter(name, marks[name]);
  if (graphURL) URL.revokeObjectURL(graphURL);
  graphURL = URL.createObjectURL(new Blob([output.graph], { type: 'image/svg+xml' }));
  $('graph').src = graphURL;
}

// gutter numbers the lines of an editor, marking those with findings.
function gutter(name, marks) {
  const g = $(`${name}-gutter`);
  const n = editors[name].value.split('\n').length;
  g.replaceChildren();
  for (let i = 1; i <= n; i++) {
    const s = el('span', marks.get(i) || '', String(i));
    if (marks.has(i)) s.dataset.line = String(i);
    g.append(s, '\n');
  }
  g.scrollTop = editors[name].scrollTop;
}

async function start() {
  const go = new Go();
  const ready = new Promise((resolve) => addEventListener('greylint-ready', resolve, { once: true }));
  const bytes = await (await fetch('greylint.wasm')).arrayBuffer();
  const { instance } = await WebAssembly.instantiate(bytes, go.importObject);
  go.run(instance);
  await ready;
  const shared = location.hash.length > 1 ? decodeShare(location.hash.slice(1)) : null;
  const texts = shared || example;
  for (const name of names) {
    editors[name].value = texts[name];
    editors[name].addEventListener('input', schedule);
    editors[name].addEventListener('scroll', () => { $(`${name}-gutter`).scrollTop = editors[name].scrollTop; });
  }
  $('share').disabled = false;
  $('share').addEventListener('click', () => {
    const link = `${location.origin}${location.pathname}#${encodeShare({ config: editors.config.value, applications: editors.applications.value })}`;
    history.replaceState(null, '', link);
    $('link').value = link;
    $('link').select();
  });
  $('apply-safe').addEventListener('click', () => {
    output.files.forEach((file, i) => { editors[names[i]].value = file.fixed; });
    lint();
  });
  lint();
  document.body.dataset.ready = 'true';
}

start().catch((err) => { $('status').textContent = `the linter did not load: ${err}`; });
