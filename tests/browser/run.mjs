// The web gallery's browser tests: node run.mjs GALLERY_BINARY SOURCE_DIR OUT_DIR
// Serving and sessions are checked over plain HTTP; the scenarios of the
// web issue run in headless Chromium. Screenshots go to OUT_DIR.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import net from 'node:net';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {EDITOR, World, makeDatedJpeg, makeJpeg, expectAccessible, newPageOf, tusFilename} from './fixtures.mjs';

const [binary, sourceDir, outDir] = process.argv.slice(2);
if (!binary || !sourceDir || !outDir) {
  console.error('usage: node run.mjs GALLERY_BINARY SOURCE_DIR OUT_DIR');
  process.exit(2);
}
const XSS = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';
const world = new World(binary, sourceDir, outDir);
const newPage = () => newPageOf(world.context);
const axe = (page, what) => expectAccessible(page, what, {seriousOnly: true});

// A raw request line sent as is (no client-side path normalisation): the status.
function rawStatus(path) {
  const {port, hostname} = new URL(world.base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
    });
    let reply = '';
    socket.setTimeout(10000, () => { socket.destroy(); reject(new Error(`no answer to GET ${path}`)); });
    socket.on('data', (d) => {
      reply += d;
      const m = /^HTTP\/1\.1 (\d+)/.exec(reply);
      if (m) { socket.destroy(); resolve(Number(m[1])); }
    });
    socket.on('error', reject);
  });
}

// Waits until the grid shows `n` photos; on timeout says how many it shows.
async function waitForTiles(page, n) {
  try {
    await page.waitForFunction((want) => document.querySelectorAll('.photo-grid li').length === want, n, {timeout: 15000});
  } catch {
    const have = await page.locator('.photo-grid li').count();
    assert.fail(`expected ${n} photos in the grid, saw ${have} at ${page.url()}`);
  }
}

async function logIn(page) {
  await page.goto('/login');
  await page.fill('#login-name', EDITOR.name);
  await page.fill('#login-password', EDITOR.password);
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('form.login button[type=submit]')]);
}



before(async () => {
  world.setUp();
  await world.startServer();
  await world.startBrowser();
});
after(() => world.tearDown());


// Submits the bulk panel, then confirms the change it shows; returns the
// lines of what would change, as the dialog said them.
async function applyBulk(page) {
  await page.click('.bulk-panel button[type=submit]');
  await page.waitForSelector('dialog.admin-dialog[open] #bulk-preview li');
  const lines = await page.$$eval('#bulk-preview li', (lis) => lis.map((li) => li.textContent));
  await page.click('dialog.admin-dialog[open] button[type=submit]');
  return lines.join('\n');
}

describe('serving the pages', () => {
  test('every page address answers the HTML shell with the Content-Security-Policy', async () => {
    for (const path of ['/', '/meetings/casablanca-2016', '/albums/opening-session', '/photos/1', '/upload', '/login']) {
      const r = await fetch(world.base + path);
      assert.equal(r.status, 200, path);
      assert.match(r.headers.get('content-type'), /^text\/html/, path);
      const csp = r.headers.get('content-security-policy');
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /img-src 'self' data: blob:/);
      assert.match(csp, /object-src 'none'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      const html = await r.text();
      assert.match(html, /<script type="module" src="\/static\/js\/main\.js"><\/script>/);
      assert.doesNotMatch(html, /<script>(?!<)/, 'no inline script');
    }
  });

  test('static files carry their type, an ETag, and answer 304 when unchanged', async () => {
    const js = await fetch(`${world.base}/static/js/main.js`);
    assert.equal(js.status, 200);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(js.headers.get('cache-control'), 'no-cache');
    const etag = js.headers.get('etag');
    // This client accepts gzip (as browsers do): the compressed form's own ETag.
    assert.equal(js.headers.get('content-encoding'), 'gzip');
    assert.match(etag, /^"[0-9a-f]{32}-gzip"$/);
    assert.equal(await js.text(), readFileSync(join(sourceDir, 'web/js/main.js'), 'utf8'));
    const again = await fetch(`${world.base}/static/js/main.js`, {headers: {'If-None-Match': etag}});
    assert.equal(again.status, 304);
    const css = await fetch(`${world.base}/static/app.css`);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    const svg = await fetch(`${world.base}/static/icon.svg`);
    assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
  });

  test('each page shell preloads exactly the modules its entry imports, and each of them is served', async () => {
    // The static imports of web/js/<entry>, then theirs, in the order they end (page_routes.js is the server's).
    const imported = (entry) => {
      const seen = new Set();
      const visit = (file) => {
        if (seen.has(file)) return;
        seen.add(file);
        if (file === 'page_routes.js') return;
        const text = readFileSync(join(sourceDir, 'web/js', file), 'utf8');
        for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'\.\/([^']+)'/gms)) visit(m[1]);
        for (const m of text.matchAll(/^\s*import\s+'\.\/([^']+)'/gm)) visit(m[1]);
      };
      visit(entry);
      seen.delete(entry);
      return [...seen].sort();
    };
    for (const [shell, entry, path] of [['index.html', 'main.js', '/'], ['embed.html', 'embed.js', '/embed/albums/x']]) {
      const html = await (await fetch(world.base + path)).text();
      const preloaded = [...html.matchAll(/<link rel="modulepreload" href="\/static\/js\/([^"]+)">/g)].map((m) => m[1]);
      assert.deepEqual([...preloaded].sort(), imported(entry), shell);
      for (const file of preloaded) assert.equal((await fetch(`${world.base}/static/js/${file}`)).status, 200, file);
    }
  });

  test('nothing outside the web folder, and no hidden or unknown kinds of file', async () => {
    for (const path of ['/static/../catalog.db', '/static/..%2fcatalog.db', '/static/%2e%2e/catalog.db',
      '/static/js/..%2f..%2fCMakeLists.txt', '/static/README.md', '/static/.gitignore', '/static/nope.js',
      '/static/js/../../data/catalog.db', '/static/index.html', '/static/node_modules/tus-js-client/package.json',
      '/static/node_modules/.package-lock.json']) {
      assert.equal(await rawStatus(path), 404, path);
    }
  });
});

describe('gallery user add', () => {
  test('refuses a short password and a taken name, and stores only an argon2id hash', () => {
    const run = (args, input) => spawnSync(binary, [...args, '--data', world.data], {input, encoding: 'utf8'});
    const short = run(['user', 'add', 'shorty', '--role', 'editor', '--password-stdin'], 'short\n');
    assert.equal(short.status, 2);
    assert.match(short.stderr, /at least 8 characters/);
    const taken = run(['user', 'add', EDITOR.name, '--role', 'admin', '--password-stdin'], 'another password\n');
    assert.notEqual(taken.status, 0);
    // Issue 14: the viewer role can be given (it could not before).
    const viewer = run(['user', 'add', 'viewer', '--role', 'viewer', '--password-stdin'], 'long enough password\n');
    assert.equal(viewer.status, 0, viewer.stderr);
    const db = spawnSync('sqlite3', [join(world.data, 'catalog.db'), 'SELECT password_hash FROM app_user'], {encoding: 'utf8'});
    assert.equal(db.status, 0, db.stderr);
    assert.match(db.stdout.trim(), /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.ok(!db.stdout.includes(EDITOR.password));
  });
});

describe('sessions', () => {
  const post = (body, headers = {}) => fetch(`${world.base}/api/session`, {method: 'POST',
    headers: {'Content-Type': 'application/json', ...headers}, body: JSON.stringify(body)});

  test('a wrong password or name is refused with 401', async () => {
    assert.equal((await post({name: EDITOR.name, password: 'wrong password'})).status, 401);
    assert.equal((await post({name: 'nobody', password: EDITOR.password})).status, 401);
    assert.equal((await post({name: EDITOR.name})).status, 400);
  });

  test('login sets an HttpOnly SameSite=Strict cookie; writes need the CSRF token; logout ends it', async () => {
    const r = await post(EDITOR);
    assert.equal(r.status, 200);
    const cookie = r.headers.get('set-cookie');
    assert.match(cookie, /^gallery_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\//);
    const {csrf_token: csrf} = await r.json();
    assert.match(csrf, /^[0-9a-f]{64}$/);
    const jar = {Cookie: cookie.split(';')[0]};
    const secret = jar.Cookie.split('=')[1];
    const stored = spawnSync('sqlite3', [join(world.data, 'catalog.db'),
      `SELECT secret_sha256, expires_at FROM credential WHERE user_name = '${EDITOR.name}'`], {encoding: 'utf8'}).stdout;
    assert.ok(stored.includes(createHash('sha256').update(secret).digest('hex')), 'the session is stored as its SHA-256');
    assert.ok(!stored.includes(secret), 'never the secret itself');
    assert.match(stored, /\|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, 'with an expiry');
    const me = await (await fetch(`${world.base}/api/session`, {headers: jar})).json();
    assert.equal(me.name, EDITOR.name);
    assert.equal(me.role, 'editor');
    assert.equal(me.csrf_token, csrf);
    const jpeg = readFileSync(makeJpeg(join(world.images, 'session.jpg')));
    const upload = (headers) => fetch(`${world.base}/api/photos`, {method: 'POST', body: jpeg,
      headers: {'Content-Type': 'image/jpeg', 'X-Filename': 'session.jpg', ...headers}});
    const noCsrf = await upload(jar);
    assert.equal(noCsrf.status, 403);
    assert.equal((await noCsrf.json()).code, 'csrf');
    assert.equal((await upload({...jar, 'X-CSRF-Token': '0'.repeat(64)})).status, 403);
    assert.equal((await upload({...jar, 'X-CSRF-Token': csrf})).status, 201);
    assert.equal((await upload({Authorization: `Bearer ${world.token}`})).status, 200, 'bearer needs no CSRF');
    const out = await fetch(`${world.base}/api/session`, {method: 'DELETE', headers: {...jar, 'X-CSRF-Token': csrf}});
    assert.equal(out.status, 200);
    assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
    const after = await (await fetch(`${world.base}/api/session`, {headers: jar})).json();
    assert.equal(after.authenticated, false);
    assert.equal((await upload({...jar, 'X-CSRF-Token': csrf})).status, 401, 'the old cookie opens nothing');
  });
});

describe('the gallery in a browser', () => {
  let photos;
  let page;

  before(async () => {
    photos = [];
    for (let i = 1; i <= 5; i++) {
      photos.push(await world.upload(`opening-${i}.jpg`, '?album=opening-session&meeting=casablanca-2016'));
    }
    await world.api('PATCH', `/api/photos/${photos[0].id}`, {caption: {en: 'Delegates arrive', fr: 'Arrivée des délégués'},
      alt_text: {en: 'Delegates walking into the hall'}});
    await world.api('PATCH', `/api/photos/${photos[1].id}`, {caption: {fr: 'Seulement en français'}});
    page = await newPage();
  });

  test('home shows the meeting with its place and dates, and the albums', async () => {
    await page.goto('/?lang=en');
    await page.waitForSelector('.cards .card');
    const text = await page.textContent('main');
    assert.match(text, /Technical meeting, Casablanca/);
    assert.match(text, /Casablanca, Morocco/);
    assert.match(text, /4 July 2016 – 6 July 2016/);
    assert.match(text, /Opening session/);
    assert.doesNotMatch(text, /Closed room/, 'a private album is not listed to the public');
    await page.waitForSelector('.photo-grid li');
    await axe(page, 'home');
  });

  test('album grid, lightbox by keyboard, caption fallback and the credit line', async () => {
    await page.goto('/albums/opening-session?lang=en');
    await page.waitForSelector('.photo-grid li img');
    assert.equal(await page.locator('.photo-grid li').count(), 5);
    const alts = await page.$$eval('.photo-grid img', (imgs) => imgs.map((i) => i.alt));
    assert.ok(alts.every((a) => a.length > 0), 'every image has alt text');
    assert.equal(alts[0], 'Delegates walking into the hall');
    assert.equal(alts[1], 'Seulement en français', 'the caption stands in for missing alt text');
    await axe(page, 'album');
    await page.screenshot({path: join(outDir, 'album-grid.png'), fullPage: true});

    await page.focus('.photo-grid a.tile');
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog.lightbox[open]');
    assert.equal(await page.textContent('.lb-caption'), 'Delegates arrive');
    assert.equal(await page.textContent('.lb-credit'), '© IOM 2016');
    assert.equal(await page.getAttribute('.lb-image', 'alt'), 'Delegates walking into the hall');
    assert.equal(await page.textContent('.lb-counter'), '1 of 5');
    assert.match(await page.getAttribute('.lb-image', 'src'), new RegExp(`^/media/${photos[0].id}/medium\\.webp`));
    await page.waitForFunction(() => document.querySelector('.lb-image').complete);
    await axe(page, 'lightbox');
    await page.screenshot({path: join(outDir, 'lightbox.png')});
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.lb-counter').textContent === '2 of 5');
    assert.equal(await page.textContent('.lb-caption'), 'Seulement en français', 'falls back to the other language');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.querySelector('.lb-counter').textContent === '2 of 5');
    const zipRoute = await world.hasRoute('GET', '/api/albums/{slug}/download');
    if (zipRoute) await page.waitForSelector('.menu-list a[href$="/download"]', {state: 'attached'});
    const links = await page.$$eval('.menu-list a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.some((h) => /\/small\.jpg/.test(h)) && links.some((h) => /\/large\.jpg/.test(h)) &&
      links.some((h) => /\/original/.test(h)), `download menu: ${links}`);
    if (zipRoute) {
      const zip = links.find((h) => h === '/api/albums/opening-session/download');
      assert.ok(zip, `the album ZIP is offered: ${links}`);
      const r = await fetch(world.base + zip);
      assert.equal(r.status, 200);
      assert.equal(Buffer.from(await r.arrayBuffer()).subarray(0, 2).toString(), 'PK');
    }
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog.lightbox:not([open])', {state: 'attached'});
    assert.equal(await page.evaluate(() => document.activeElement.dataset.index), '1', 'focus returns to the photo shown');
    // The IIIF manifest's link, absolute for dragging into a viewer.
    const iiif = await page.getAttribute('.iiif-link a', 'href');
    assert.equal(iiif, `${world.base}/iiif/3/manifests/albums/opening-session`);
    const manifest = await (await fetch(iiif)).json();
    assert.equal(manifest.type, 'Manifest');
    assert.equal(manifest.items.length, 5, 'one canvas per photo');
    assert.deepEqual(page.errors, []);
  });

  test('on a touch screen, swiping the lightbox photo left and right moves between photos', async () => {
    const touch = await world.touchContext();
    try {
      const tp = await touch.newPage();
      await tp.goto('/albums/opening-session?lang=en');
      await tp.waitForSelector('.photo-grid li img');
      await tp.tap('.photo-grid a.tile[data-index="0"]');
      await tp.waitForSelector('dialog.lightbox[open]');
      await tp.waitForFunction(() => document.querySelector('.lb-image').complete);
      const box = await tp.locator('.lb-image').boundingBox();
      const cdp = await touch.newCDPSession(tp);
      const swipe = async (dx, dy = 0) => {
        const x = box.x + box.width / 2;
        const y = box.y + box.height / 2;
        await cdp.send('Input.dispatchTouchEvent', {type: 'touchStart', touchPoints: [{x, y}]});
        for (let i = 1; i <= 5; i++) {
          await cdp.send('Input.dispatchTouchEvent', {type: 'touchMove', touchPoints: [{x: x + dx * i / 5, y: y + dy * i / 5}]});
        }
        await cdp.send('Input.dispatchTouchEvent', {type: 'touchEnd', touchPoints: []});
      };
      const counter = () => tp.textContent('.lb-counter');
      assert.equal(await counter(), '1 of 5');
      await swipe(-200);
      await tp.waitForFunction(() => document.querySelector('.lb-counter').textContent === '2 of 5');
      assert.equal(await tp.textContent('.lb-caption'), 'Seulement en français');
      await swipe(-200);
      await tp.waitForFunction(() => document.querySelector('.lb-counter').textContent === '3 of 5');
      await swipe(200);
      await tp.waitForFunction(() => document.querySelector('.lb-counter').textContent === '2 of 5');
      await swipe(20);
      await swipe(-60, 200);
      await tp.waitForTimeout(300);
      assert.equal(await counter(), '2 of 5', 'a short or mostly vertical move is not a swipe');
    } finally {
      await touch.close();
    }
  });

  test('more photos load on scroll through the cursor', async () => {
    // Small photos, a few at a time: only their number matters here.
    for (let i = 6; i <= 64; i += 4) {
      const batch = [];
      for (let j = i; j < i + 4 && j <= 64; j++) batch.push(j);
      await Promise.all(batch.map((j) => world.upload(`bulk-${String(j).padStart(2, '0')}.jpg`,
        `?album=opening-session&credit=${encodeURIComponent('Photo: Bulk')}`, [96, 64])));
    }
    await page.goto('/albums/opening-session');
    await page.waitForSelector('.photo-grid li');
    assert.equal(await page.locator('.photo-grid li').count(), 60);
    await page.locator('.load-more').scrollIntoViewIfNeeded();
    await waitForTiles(page, 64);
    assert.equal(await page.isHidden('.load-more'), true);
  });

  test('filters: search box and credit narrow the grid', async () => {
    await page.goto('/albums/opening-session?q=delegues');
    await waitForTiles(page, 1);
    await page.fill('#f-q', '');
    await page.click('.filters button[type=submit]');
    await waitForTiles(page, 60);
    await page.waitForSelector('#f-credit-list option[value="© IOM 2016"]', {state: 'attached'});
    await page.fill('#f-credit', '© IOM 2016');
    await waitForTiles(page, 5);
    assert.match(page.url(), /credit=/);
  });

  test('filters: tag and dates narrow the grid and stay in the address', async () => {
    world.run(['album', 'add', 'day-two', '--meeting', 'casablanca-2016', '--title-en', 'Day two']);
    const dated = [];
    for (const [name, when] of [['morning.jpg', '2016:07:05 09:30:00'], ['evening.jpg', '2016:07:06 18:00:00']]) {
      const bytes = readFileSync(makeDatedJpeg(join(world.images, name), when));
      dated.push(await world.api('POST', '/api/photos?album=day-two', bytes, {'Content-Type': 'image/jpeg', 'X-Filename': name}));
    }
    await world.api('PATCH', `/api/photos/${dated[0].id}`, {keywords: ['panel']});
    await page.goto('/albums/day-two?lang=en');
    await waitForTiles(page, 2);
    await page.waitForSelector('#f-tag-list option[value="panel"]', {state: 'attached'});
    await page.fill('#f-tag', 'panel');
    await waitForTiles(page, 1);
    assert.equal(await page.getAttribute('.photo-grid li', 'data-id'), String(dated[0].id));
    assert.match(page.url(), /tag=panel/);
    await page.click('.filters button[type=reset]');
    await waitForTiles(page, 2);
    await page.fill('#f-from', '2016-07-06');
    await page.click('.filters button[type=submit]');
    await waitForTiles(page, 1);
    assert.equal(await page.getAttribute('.photo-grid li', 'data-id'), String(dated[1].id));
    await page.goto('/albums/day-two?to=2016-07-05');
    await waitForTiles(page, 1);
    assert.equal(await page.getAttribute('.photo-grid li', 'data-id'), String(dated[0].id));
    assert.equal(await page.inputValue('#f-to'), '2016-07-05', 'the address fills the form');
  });

  test('the language switch in the header changes the interface and is remembered', async () => {
    await page.goto('/albums/opening-session?lang=en');
    await page.waitForSelector('.photo-grid li');
    await page.click('.lang-switch a[hreflang="fr"]');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.waitForSelector('main h1');
    assert.equal(await page.textContent('main h1'), 'Séance d’ouverture');
    await page.goto('/');
    await page.waitForSelector('.cards .card');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr', 'remembered on the next page');
    assert.match(await page.textContent('main'), /Réunion technique, Casablanca/);
    await page.click('.lang-switch a[hreflang="en"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('.cards .card');
    assert.match(await page.textContent('main'), /Technical meeting, Casablanca/);
  });

  test('upload files: progress per file and overall, retries after a 503 and a network error, a duplicate and a refusal', async () => {
    await logIn(page);
    const fresh = [makeJpeg(join(world.images, 'fresh-1.jpg')), makeJpeg(join(world.images, 'fresh-2.jpg'))];
    const dup = makeJpeg(join(world.images, 'again.jpg'));
    await world.upload('again-first.jpg');
    await world.api('POST', '/api/photos', readFileSync(dup), {'Content-Type': 'image/jpeg', 'X-Filename': 'again.jpg'});
    const text = world.writeFile('notes.txt', 'not a photo');
    let failedOnce = false;
    let droppedOnce = false;
    const sent = [];
    // Each file's upload begins with a creation (POST /api/uploads) that
    // carries its name and, for these small files, all its bytes.
    await page.route('**/api/uploads*', async (route) => {
      const request = route.request();
      const name = tusFilename(request);
      if (!name) return route.continue();
      sent.push(name);
      if (name === 'fresh-2.jpg' && !failedOnce) {
        failedOnce = true;
        return route.fulfill({status: 503, headers: {'Retry-After': '1', 'Content-Type': 'application/json'},
          body: JSON.stringify({code: 'busy', message: 'the ingest queue is full'})});
      }
      if (name === 'fresh-1.jpg' && !droppedOnce) {
        droppedOnce = true;
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.goto('/upload');
    await page.selectOption('#up-album', 'opening-session');
    await page.fill('#up-credit', 'Photo: Test Team');
    await page.setInputFiles('#up-files', [...fresh, dup, text]);
    await page.waitForSelector('.upload-item');
    await page.waitForFunction(() => /4 of 4 done/.test(document.querySelector('#up-summary').textContent), null, {timeout: 30000});
    await page.unroute('**/api/uploads*');
    const states = await page.$$eval('.upload-item', (items) => items.map((li) => [li.querySelector('.name').textContent, li.dataset.state]));
    assert.deepEqual(Object.fromEntries(states), {'fresh-1.jpg': 'done', 'fresh-2.jpg': 'done', 'again.jpg': 'duplicate', 'notes.txt': 'refused'});
    assert.equal(sent.filter((n) => n === 'fresh-2.jpg').length, 2, 'the 503 was retried');
    assert.equal(sent.filter((n) => n === 'fresh-1.jpg').length, 2, 'the dropped connection was retried');
    assert.match(await page.textContent('#up-summary'), /1 duplicates · 1 refused/);
    assert.match(await page.textContent('#up-refused'), /notes\.txt: This kind of file is not accepted\./);
    const overall = await page.$eval('#up-overall', (p) => [p.value, p.max]);
    assert.equal(overall[0], overall[1]);
    const bars = await page.$$eval('.upload-item progress', (ps) => ps.map((p) => p.value === p.max));
    assert.ok(bars.every(Boolean));
    await axe(page, 'upload');
    await page.screenshot({path: join(outDir, 'upload.png'), fullPage: true});
    const stored = await world.api('GET', '/api/photos?album=opening-session&credit=' + encodeURIComponent('Photo: Test Team'));
    assert.equal(stored.items.length, 2);
  });

  test('files dropped onto the drop zone upload to the chosen album and credit', async () => {
    await page.goto('/upload');
    await page.selectOption('#up-album', 'opening-session');
    await page.fill('#up-credit', 'Photo: Dropped');
    await page.focus('#up-credit');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'up-files', 'the file picker is next by keyboard');
    const files = ['drop-1.jpg', 'drop-2.jpg'].map((name) => ({name, type: 'image/jpeg',
      b64: readFileSync(makeJpeg(join(world.images, name))).toString('base64')}));
    const transfer = await page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name, {type: f.type}));
      }
      return dt;
    }, files);
    const accepts = await page.evaluate((dt) => {
      const over = new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true});
      document.querySelector('#drop-zone').dispatchEvent(over);
      return over.defaultPrevented && document.querySelector('#drop-zone').classList.contains('over');
    }, transfer);
    assert.equal(accepts, true, 'the drop zone accepts a drag carrying files');
    await page.dispatchEvent('#drop-zone', 'drop', {dataTransfer: transfer});
    await page.waitForFunction(() => /2 of 2 done/.test(document.querySelector('#up-summary').textContent), null, {timeout: 20000});
    assert.equal(await page.$eval('#drop-zone', (d) => d.classList.contains('over')), false);
    const states = await page.$$eval('.upload-item', (items) => items.map((li) => [li.querySelector('.name').textContent, li.dataset.state]));
    assert.deepEqual(states, [['drop-1.jpg', 'done'], ['drop-2.jpg', 'done']]);
    const stored = await world.api('GET', '/api/photos?album=opening-session&credit=' + encodeURIComponent('Photo: Dropped'));
    assert.deepEqual(stored.items.map((p) => p.filename).sort(), ['drop-1.jpg', 'drop-2.jpg']);
  });

  test('a file whose every attempt fails on the network ends listed as failed, with the reason', async () => {
    // Its own context, so the page's clock can be moved on without waiting
    // out the growing pauses between attempts.
    const other = await world.touchContext();
    try {
      const up = await other.newPage();
      await other.clock.install();
      await logIn(up);
      const attempts = [];
      await up.route('**/api/uploads*', (route) => {
        const name = tusFilename(route.request());
        if (!name) return route.continue();
        attempts.push(name);
        return name === 'lost.jpg' ? route.abort('connectionreset') : route.continue();
      });
      await up.goto('/upload');
      await up.selectOption('#up-album', 'opening-session');
      await up.setInputFiles('#up-files', [makeJpeg(join(world.images, 'lost.jpg')), makeJpeg(join(world.images, 'kept.jpg'))]);
      for (let i = 0; i < 50; i++) {
        if (await up.$('.upload-item[data-state="failed"]')) break;
        await up.waitForTimeout(100);
        if (await up.$('.upload-item[data-state="retrying"]')) await up.clock.fastForward(60000);
      }
      await up.waitForFunction(() => /2 of 2 done/.test(document.querySelector('#up-summary').textContent), null, {timeout: 10000});
      const states = await up.$$eval('.upload-item', (items) => items.map((li) => [li.querySelector('.name').textContent, li.dataset.state]));
      assert.deepEqual(Object.fromEntries(states), {'lost.jpg': 'failed', 'kept.jpg': 'done'});
      assert.equal(attempts.filter((n) => n === 'lost.jpg').length, 6, 'tried six times before giving up');
      assert.equal(attempts.filter((n) => n === 'kept.jpg').length, 1);
      assert.match(await up.textContent('.upload-item[data-state="failed"] .state'), /Failed after 6 attempts: the connection failed/);
      assert.match(await up.textContent('#up-refused'), /lost\.jpg: Failed after 6 attempts: the connection failed/);
      assert.match(await up.textContent('#up-summary'), /1 failed/);
    } finally {
      await other.close();
    }
  });

  test('leaving the page mid-upload asks first; once done it does not', async () => {
    const upPage = await newPage();
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await upPage.route('**/api/uploads*', async (route) => {
      if (['POST', 'PATCH'].includes(route.request().method())) await held;
      return route.continue();
    });
    await upPage.goto('/upload');
    await upPage.click('#up-credit');  // a user gesture: browsers only ask on pages the user touched
    await upPage.setInputFiles('#up-files', [makeJpeg(join(world.images, 'leave.jpg'))]);
    await upPage.waitForSelector('.upload-item[data-state="uploading"]');
    const dialog = new Promise((resolve) => upPage.once('dialog', resolve));
    await upPage.close({runBeforeUnload: true});
    const asked = await dialog;
    assert.equal(asked.type(), 'beforeunload');
    await asked.dismiss();
    assert.equal(upPage.isClosed(), false, 'staying keeps the page');
    release();
    await upPage.waitForFunction(() => /1 of 1 done/.test(document.querySelector('#up-summary').textContent));
    const dialogs = [];
    upPage.on('dialog', (d) => { dialogs.push(d.type()); d.dismiss(); });
    const closed = new Promise((resolve) => upPage.once('close', resolve));
    await upPage.close({runBeforeUnload: true});
    await closed;
    assert.deepEqual(dialogs, [], 'nothing to warn about once every file is done');
  });

  test('an editor edits the French caption and sees it in the lightbox after switching language', async () => {
    const id = photos[2].id;
    await page.goto(`/photos/${id}?lang=en`);
    await page.waitForSelector('#edit-caption-fr');
    await page.fill('#edit-caption-en', 'Coffee break');
    await page.fill('#edit-caption-fr', 'Pause café');
    await page.click('.edit-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('.photo-figure .caption')?.textContent === 'Coffee break');
    await page.waitForSelector('.history li');
    assert.match(await page.textContent('.history'), /Caption \(French\)/);
    await page.goto('/albums/opening-session?lang=fr');
    await page.waitForSelector(`.photo-grid li[data-id="${id}"] a.tile`);
    await page.click(`.photo-grid li[data-id="${id}"] a.tile`);
    await page.waitForSelector('dialog.lightbox[open]');
    assert.equal(await page.textContent('.lb-caption'), 'Pause café');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await page.getAttribute('.lb-prev', 'aria-label'), 'Photo précédente');
    await page.keyboard.press('Escape');
    // Closing goes Back in the history: let it land before the next address.
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('photo'), null, {timeout: 5000});
    await page.goto('/albums/opening-session');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr', 'the language is remembered');
    await page.goto('/albums/opening-session?lang=en');
  });

  test('history: revert an edit', async () => {
    const id = photos[2].id;
    await page.goto(`/photos/${id}`);
    await page.waitForSelector('.history li');
    const row = page.locator('.history li', {hasText: 'Caption (English)'}).first();
    await row.locator('button').click();
    await page.waitForFunction(() => document.querySelector('.photo-figure .caption')?.textContent === 'Pause café');
    const photo = await world.api('GET', `/api/photos/${id}`);
    assert.equal(photo.caption.en, undefined);
  });

  test('bulk-set the credit of two photos', async () => {
    await page.goto('/albums/opening-session');
    await page.waitForSelector('.photo-grid li');
    await page.click('.bulk-tools .toolbar button');
    const tiles = page.locator('.photo-grid a.tile');
    await tiles.nth(3).click();
    await tiles.nth(4).click({modifiers: ['Shift']});
    assert.equal(await page.textContent('.selection-count'), '2 selected');
    await page.fill('#bulk-credit', '© UN Photo 2016');
    const preview = await applyBulk(page);
    assert.match(preview, /^2 photos: Credit “[^”]*” → “© UN Photo 2016”$/);
    await page.waitForFunction(() => /2 photos updated/.test(document.querySelector('.bulk-panel .status').textContent));
    const [a, b, c] = await Promise.all([photos[3], photos[4], photos[2]].map((p) => world.api('GET', `/api/photos/${p.id}`)));
    assert.equal(a.credit, '© UN Photo 2016');
    assert.equal(b.credit, '© UN Photo 2016');
    assert.equal(c.credit, '© IOM 2016');
  });

  test('bulk-set keywords for a Shift+click range, then the meeting for another', async () => {
    world.run(['meeting', 'add', 'geneva-2017', '--title-en', 'Follow-up meeting, Geneva', '--place', 'Geneva']);
    await page.goto('/albums/opening-session');
    await page.waitForSelector('.photo-grid li');
    await page.waitForSelector('#bulk-meeting option[value="geneva-2017"]', {state: 'attached'});
    await page.click('.bulk-tools .toolbar button');
    const tiles = page.locator('.photo-grid a.tile');
    await tiles.nth(0).click();
    await tiles.nth(2).click({modifiers: ['Shift']});
    assert.equal(await page.textContent('.selection-count'), '3 selected');
    assert.equal(await page.locator('.photo-grid li.selected').count(), 3);
    await page.fill('#bulk-keywords', 'plenary, day one');
    await applyBulk(page);
    await page.waitForFunction(() => /3 photos updated/.test(document.querySelector('.bulk-panel .status').textContent));
    const got = await Promise.all(photos.map((p) => world.api('GET', `/api/photos/${p.id}`)));
    for (const p of got.slice(0, 3)) assert.deepEqual(p.keywords, ['plenary', 'day one'], `photo ${p.id}`);
    assert.deepEqual(got[3].keywords || [], [], 'outside the range nothing changes');

    await tiles.nth(3).click();
    await tiles.nth(4).click({modifiers: ['Shift']});
    assert.equal(await page.textContent('.selection-count'), '2 selected');
    await page.selectOption('#bulk-meeting', 'geneva-2017');
    await applyBulk(page);
    await page.waitForFunction(() => /2 photos updated/.test(document.querySelector('.bulk-panel .status').textContent));
    const moved = await Promise.all(photos.map((p) => world.api('GET', `/api/photos/${p.id}`)));
    assert.deepEqual(moved.map((p) => p.meeting),
      ['casablanca-2016', 'casablanca-2016', 'casablanca-2016', 'geneva-2017', 'geneva-2017']);
    assert.deepEqual(moved[3].keywords || [], [], 'setting the meeting leaves the keywords alone');
    await page.goto('/meetings/geneva-2017');
    await waitForTiles(page, 2);
    await page.goto('/meetings/casablanca-2016');
    await page.waitForSelector('.cards .card');
    const albums = await page.$$eval('.cards .card', (cards) => cards.map((c) => c.textContent));
    assert.ok(albums.some((t) => t.includes('Opening session')) && albums.some((t) => t.includes('Day two')),
      `the meeting lists its albums: ${albums}`);
    await page.waitForSelector('.photo-grid li');
  });

  test('inline edits of headline, alt text and keywords are saved and shown after reload', async () => {
    const id = photos[3].id;
    await page.goto(`/photos/${id}?lang=en`);
    await page.waitForSelector('#edit-headline-en');
    await page.fill('#edit-headline-en', 'Opening remarks');
    await page.fill('#edit-headline-fr', 'Discours d’ouverture');
    await page.fill('#edit-alt_text-en', 'A speaker at the lectern');
    await page.fill('#edit-alt_text-fr', 'Une oratrice au pupitre');
    await page.fill('#edit-keywords', 'speech, podium');
    await page.click('.edit-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('.edit-form .status')?.textContent === 'Saved.');
    await page.reload();
    await page.waitForSelector('.photo-figure img');
    assert.equal(await page.textContent('h1.photo-title'), 'Opening remarks');
    assert.equal(await page.textContent('.photo-figure .headline'), 'Opening remarks');
    assert.equal(await page.getAttribute('.photo-figure img', 'alt'), 'A speaker at the lectern');
    const facts = await page.$$eval('.facts dt, .facts dd', (els) => els.map((e) => e.textContent));
    assert.equal(facts[facts.indexOf('Keywords') + 1], 'speech, podium');
    assert.equal(await page.inputValue('#edit-keywords'), 'speech, podium');
    assert.equal(await page.inputValue('#edit-alt_text-fr'), 'Une oratrice au pupitre');
    await page.goto(`/photos/${id}?lang=fr`);
    await page.waitForSelector('.photo-figure img');
    assert.equal(await page.textContent('h1.photo-title'), 'Discours d’ouverture');
    assert.equal(await page.getAttribute('.photo-figure img', 'alt'), 'Une oratrice au pupitre');
    await page.goto('/albums/opening-session?lang=en');
    await page.waitForSelector(`.photo-grid li[data-id="${id}"] img`);
    assert.equal(await page.getAttribute(`.photo-grid li[data-id="${id}"] img`, 'alt'), 'A speaker at the lectern');
    const stored = await world.api('GET', `/api/photos/${id}`);
    assert.deepEqual(stored.keywords, ['speech', 'podium']);
    assert.deepEqual(stored.headline, {en: 'Opening remarks', fr: 'Discours d’ouverture'});
  });

  test('text fields are shown as text: nothing in them runs', async () => {
    const evil = await world.upload(`${XSS}.jpg`, '?album=opening-session');
    await world.api('PATCH', `/api/photos/${evil.id}`, {caption: {en: XSS, fr: XSS}, headline: {en: XSS, fr: XSS},
      alt_text: {en: XSS, fr: XSS}, credit: XSS, keywords: [XSS]});
    world.run(['meeting', 'add', 'evil-meeting', '--title-en', XSS, '--title-fr', XSS, '--place', XSS]);
    world.run(['album', 'add', 'evil-album', '--title-en', XSS, '--meeting', 'evil-meeting']);
    await world.api('PATCH', '/api/albums/evil-album', {title: {fr: XSS}, description: {en: XSS, fr: XSS}});
    await world.api('PATCH', '/api/meetings/evil-meeting', {description: {en: XSS, fr: XSS}});
    await world.upload(`${XSS}-in-album.jpg`, '?album=evil-album');
    const violations = [];
    await page.exposeFunction('__cspViolation', (v) => violations.push(v));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
      (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`)));
    const check = async (what) => {
      assert.equal(await page.evaluate(() => window.__xss), undefined, `${what}: a handler ran`);
      assert.equal(await page.locator('img[src="x"]').count(), 0, `${what}: markup from data became an element`);
    };
    await page.goto('/');
    await page.waitForSelector('.photo-grid li');
    assert.ok((await page.textContent('main')).includes(XSS), 'the text shows as typed');
    await check('home');
    await page.goto('/meetings/evil-meeting');
    await page.waitForSelector('main h1');
    assert.equal(await page.textContent('main h1'), XSS);
    assert.equal(await page.textContent('main .description'), XSS);
    await check('meeting');
    await page.goto('/albums/evil-album?lang=fr');
    await page.waitForSelector('.photo-grid li img');
    assert.equal(await page.textContent('main h1'), XSS);
    assert.equal(await page.textContent('main .description'), XSS);
    await check('album');
    await page.goto('/albums/evil-album?lang=en');
    await page.waitForSelector('.photo-grid li img');
    await page.goto(`/photos/${evil.id}`);
    await page.waitForSelector('.photo-figure');
    assert.equal(await page.textContent('.photo-figure .credit'), XSS);
    assert.equal(await page.inputValue('#edit-caption-fr'), XSS);
    await check('photo page');
    await page.goto(`/albums/opening-session?q=${encodeURIComponent('onerror')}`);
    await page.waitForSelector(`.photo-grid li[data-id="${evil.id}"] a.tile`);
    await page.click(`.photo-grid li[data-id="${evil.id}"] a.tile`);
    await page.waitForSelector('dialog.lightbox[open]');
    assert.equal(await page.textContent('.lb-caption'), XSS);
    await check('lightbox');
    await page.keyboard.press('Escape');
    // Closing goes Back in the history: let it land before the next address.
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('photo'), null, {timeout: 5000});
    await page.goto('/upload');
    await page.setInputFiles('#up-files', [world.writeFile(`${XSS}.txt`, 'x')]);
    await page.waitForFunction(() => /1 of 1 done/.test(document.querySelector('#up-summary').textContent));
    await check('upload');
    assert.deepEqual(violations, [], 'nothing even tried to run');
  });

  test('a private album opens through its share link only', async (t) => {
    await world.upload('secret.jpg', '?album=closed-room');
    await world.context.clearCookies();
    await page.goto('/albums/closed-room');
    await page.waitForSelector('main h1');
    assert.equal(await page.textContent('main h1'), 'Not found.');
    if (!(await world.hasRoute('POST', '/api/albums/{slug}/links'))) {
      t.skip('the server has no share-link route yet (POST /api/albums/{slug}/links)');
      return;
    }
    const link = await world.api('POST', '/api/albums/closed-room/links', {});
    const secret = link.secret || link.token || new URL(link.url, world.base).searchParams.get('share');
    await page.goto(`/albums/closed-room?share=${encodeURIComponent(secret)}`);
    await page.waitForSelector('.photo-grid li img');
    assert.equal(await page.textContent('main h1'), 'Closed room');
    await page.waitForFunction(() => document.querySelector('.photo-grid img').naturalWidth > 0);
  });
});

describe('logging in', () => {
  test('after repeated wrong passwords for a name the form says to wait; other names still log in', async () => {
    const other = await world.touchContext();
    try {
      const p = await other.newPage();
      const attempt = async (name, password) => {
        await p.fill('#login-name', name);
        await p.fill('#login-password', password);
        const [response] = await Promise.all([
          p.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST'),
          p.click('form.login button[type=submit]')]);
        await p.waitForFunction(() => document.querySelector('form.login .error').textContent !== '');
        return {status: response.status(), retryAfter: response.headers()['retry-after'],
          text: await p.textContent('form.login .error')};
      };
      await p.goto('/login?lang=en');
      for (let i = 1; i <= 5; i++) {
        const r = await attempt('intruder', `guess ${i}`);
        assert.equal(r.status, 401, `attempt ${i}`);
        assert.equal(r.text, 'Wrong name or password.');
      }
      const held = await attempt('intruder', 'guess 6');
      assert.equal(held.status, 429);
      assert.match(held.retryAfter, /^\d+$/);
      assert.equal(held.text, `Too many failed attempts from this address. Try again in ${held.retryAfter} seconds.`);
      await p.goto('/login?lang=fr');
      const fr = await attempt('intruder', 'guess 7');
      assert.equal(fr.status, 429);
      assert.match(fr.text, /^Trop d’essais manqués depuis cette adresse\. Réessayez dans \d+ secondes\.$/);
      await p.goto('/login?lang=en');
      await logIn(p);
      const me = await p.evaluate(() => fetch('/api/session').then((r) => r.json()));
      assert.equal(me.name, EDITOR.name, 'another name is not held back');
    } finally {
      await other.close();
    }
  });
});
