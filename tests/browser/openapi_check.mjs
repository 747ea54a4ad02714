// The API document the server serves at /api/openapi.json, checked from the
// outside: it is a valid OpenAPI 3.1 document (against the specification's
// own JSON schema, by @seriousme/openapi-schema-validator from npm), every
// "$ref" in it resolves, every operation says what it does and answers
// something besides errors, and it describes exactly the routes the server
// has (`gallery serve --print-routes`): every served route is described and
// every described route is served. The pages' route module
// (/static/js/page_routes.js) lists exactly the routes the document calls pages.
//
// node openapi_check.mjs GALLERY_BINARY SOURCE_DIR OUT_DIR
import assert from 'node:assert/strict';
import {Validator} from '@seriousme/openapi-schema-validator';
import {World, gallery} from './fixtures.mjs';

const [binary, sourceDir, outDir] = process.argv.slice(2);
if (!binary || !sourceDir || !outDir) {
  console.error('usage: node openapi_check.mjs GALLERY_BINARY SOURCE_DIR OUT_DIR');
  process.exit(2);
}

// "GET /api/photos/{id}" for each operation of the document.
function documentedRoutes(doc) {
  const out = new Set();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) out.add(`${method.toUpperCase()} ${path}`);
  }
  return out;
}

function servedRoutes() {
  const lines = gallery(binary, ['serve', '--print-routes']).split('\n').filter(Boolean);
  assert.ok(lines.length > 2, 'the server lists its routes');
  return new Set(lines);
}

// Every "$ref" value in `node`, with where it was found.
function* refs(node, where = '#') {
  if (Array.isArray(node)) {
    for (const [i, x] of node.entries()) yield* refs(x, `${where}/${i}`);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') yield [value, where];
      else yield* refs(value, `${where}/${key}`);
    }
  }
}

function resolves(doc, ref) {
  if (!ref.startsWith('#/')) return false;
  let at = doc;
  for (const key of ref.slice(2).split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (!at || typeof at !== 'object' || !(key in at)) return false;
    at = at[key];
  }
  return true;
}

const failures = [];
function check(name, fn) {
  return Promise.resolve().then(fn).then(
    () => console.log(`ok   ${name}`),
    (err) => { failures.push(name); console.log(`FAIL ${name}\n${err.stack || err}`); });
}

const world = new World(binary, sourceDir, outDir);
try {
  await world.startServer();
  const response = await fetch(`${world.base}/api/openapi.json`);
  assert.equal(response.status, 200);
  const doc = await response.json();

  await check('the document is valid OpenAPI 3.1', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    assert.equal(validator.version, '3.1');
    assert.ok(result.valid, 'schema errors: ' + JSON.stringify(result.errors, null, 1));
  });

  await check('every $ref resolves', () => {
    const broken = [...refs(doc)].filter(([ref]) => !resolves(doc, ref));
    assert.deepEqual(broken, []);
  });

  await check('every operation has a summary and an answer that is not an error', () => {
    const lacking = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const answers = Object.keys(op.responses || {}).filter((s) => /^[123]\d\d$/.test(s));
        if (!op.summary || !answers.length) lacking.push(`${method.toUpperCase()} ${path}`);
      }
    }
    assert.deepEqual(lacking, []);
  });

  await check('every served route is described and every described route is served', () => {
    const served = servedRoutes(), described = documentedRoutes(doc);
    assert.deepEqual([...served].filter((r) => !described.has(r)), [], 'served but not described');
    assert.deepEqual([...described].filter((r) => !served.has(r)), [], 'described but not served');
  });

  await check('the pages route by exactly the page routes of the document', async () => {
    const r = await fetch(`${world.base}/static/js/page_routes.js`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/javascript/);
    const {PAGE_ROUTES} = await import('data:text/javascript,' + encodeURIComponent(await r.text()));
    const pages = Object.entries(doc.paths)
      .filter(([, item]) => 'text/html' in ((((item.get || {}).responses || {})['200'] || {}).content || {}))
      .map(([path]) => path);
    assert.deepEqual(PAGE_ROUTES.map((route) => route.pattern).sort(), pages.sort());
    for (const {page} of PAGE_ROUTES) assert.match(page, /^[a-z_]+$/);
  });

  await check('the pages learn every other route of the document from the same module', async () => {
    const r = await fetch(`${world.base}/static/js/page_routes.js`);
    const {API_ROUTES} = await import('data:text/javascript,' + encodeURIComponent(await r.text()));
    const pages = new Set(Object.entries(doc.paths)
      .filter(([, item]) => 'text/html' in ((((item.get || {}).responses || {})['200'] || {}).content || {}))
      .map(([path]) => `GET ${path}`));
    const others = [...documentedRoutes(doc)].filter((route) => !pages.has(route));
    assert.deepEqual([...API_ROUTES].sort(), others.sort());
  });
} finally {
  await world.tearDown();
}

if (failures.length) {
  console.log(`${failures.length} failed: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('all passed');
