// The upload queue in headless Chromium: node upload.mjs GALLERY_BINARY SOURCE_DIR OUT_DIR
// 200 files chosen at once, 60 of them already in the archive: every file
// listed at once (only the rows in view drawn), thumbnails made in the
// page, the known files marked duplicates without being sent (the server's
// count of upload bytes received is exactly the new files' bytes), and the
// link to the new photos at the end; cancel and retry; the page at a
// phone's, a tablet's and a laptop's size in English and French without
// sideways scrolling or accessibility violations. The uploads go through
// tus in chunks of CHUNK bytes (the server's --max-chunk-bytes): the network
// cut mid-upload (DevTools network emulation) and back, and the page
// reloaded mid-queue with the files chosen again, each in English and
// French: every file arrives and the server receives no byte twice (its
// count of resumable upload bytes received is exactly the files' bytes).
// The vendor bundle is fetched only by an editor who sends files.
import assert from 'node:assert/strict';
import {readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {EDITOR, World, makeJpeg, expectAccessible, expectNoOverflow, newPageOf, tusFilename} from './fixtures.mjs';

const [binary, sourceDir, outDir] = process.argv.slice(2);
if (!binary || !sourceDir || !outDir) {
  console.error('usage: node upload.mjs GALLERY_BINARY SOURCE_DIR OUT_DIR');
  process.exit(2);
}
const world = new World(binary, sourceDir, outDir);
const newPage = (viewport = [1280, 900]) => newPageOf(world.context, viewport);
const axe = (page, what) => expectAccessible(page, what);
const noOverflow = expectNoOverflow;
const VIEWPORTS = [[390, 844], [768, 1024], [1280, 800]];
const FILES = 200;
const KNOWN = 60;
const CHUNK = 65536;
let admin;

before(async () => {
  world.setUp();
  admin = world.run(['token', 'create', '--role', 'admin', '--label', 'metrics']).trim().split('\n').pop();
  await world.startServer(['--max-chunk-bytes', String(CHUNK)]);
  await world.startBrowser();
});
after(() => world.tearDown());

async function metric(name) {
  const r = await fetch(`${world.base}/metrics`, {headers: {Authorization: `Bearer ${admin}`}});
  assert.equal(r.status, 200);
  const text = await r.text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

async function logIn(page) {
  await page.goto('/login');
  await page.fill('#login-name', EDITOR.name);
  await page.fill('#login-password', EDITOR.password);
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('form.login button[type=submit]')]);
}




function summaryDone(page, n, timeout = 240000) {
  return page.waitForFunction((want) => new RegExp(`^${want} (of|sur) ${want} `).test(document.querySelector('#up-summary').textContent),
    n, {timeout});
}

test('200 files: listed at once, known ones skipped without being sent, a link to the new photos at the end', async () => {
  const paths = [];
  for (let i = 0; i < FILES; i++) paths.push(makeJpeg(join(world.images, `card-${String(i).padStart(3, '0')}.jpg`), 160, 120));
  // Every third file, up to KNOWN of them, is already in the archive (some
  // in the private album: an editor sees those too).
  const known = new Set();
  for (let i = 0; known.size < KNOWN; i += 3) known.add(i);
  for (const i of known) {
    await world.api('POST', `/api/photos${i % 2 ? '?album=closed-room' : ''}`, readFileSync(paths[i]),
      {'Content-Type': 'image/jpeg', 'X-Filename': `earlier-${i}.jpg`});
  }
  const newBytes = paths.filter((_, i) => !known.has(i)).reduce((sum, p) => sum + statSync(p).size, 0);
  const bytesBefore = await metric('gallery_tus_bytes_received_total');
  const duplicatesBefore = await metric('gallery_ingests_total{outcome="duplicate"}');

  const page = await newPage();
  await logIn(page);
  const uploads = [];
  page.on('request', (r) => {
    const name = tusFilename(r);
    if (name) uploads.push(name);
  });
  await page.goto('/upload?lang=en');
  await page.selectOption('#up-album', 'opening-session');
  await page.setInputFiles('#up-files', paths);
  await page.waitForSelector('.upload-item');
  // Every file is in the list at once; only the rows in view are drawn.
  assert.equal(await page.$eval('.upload-item', (li) => li.getAttribute('aria-setsize')), String(FILES));
  const listHeight = await page.$eval('.upload-list', (ul) => ul.getBoundingClientRect().height);
  assert.equal(listHeight, FILES * 64, 'the list is as tall as every row');
  const drawn = await page.$$eval('.upload-item', (items) => items.length);
  assert.ok(drawn > 0 && drawn <= 30, `${drawn} rows drawn for ${FILES} files`);
  // Thumbnails made in the page for the rows in view.
  await page.waitForFunction(() => [...document.querySelectorAll('.upload-item .thumb')].slice(0, 5)
    .every((img) => img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0), null, {timeout: 20000});

  await summaryDone(page, FILES);
  assert.match(await page.textContent('#up-summary'), new RegExp(`^${FILES} of ${FILES} done · ${KNOWN} duplicates · 0 refused · 0 failed`));
  // The known files never left the page; the server received the new ones' bytes only.
  assert.equal(uploads.length, FILES - KNOWN);
  assert.deepEqual(uploads.filter((name) => known.has(Number(name.slice(5, 8)))), []);
  assert.equal(await metric('gallery_tus_bytes_received_total') - bytesBefore, newBytes);
  assert.equal(await metric('gallery_ingests_total{outcome="duplicate"}'), duplicatesBefore);

  const link = await page.$eval('#up-end a', (a) => [a.textContent, new URL(a.href).pathname]);
  assert.deepEqual(link, [`View the ${FILES - KNOWN} new photos in Opening session`, '/albums/opening-session']);
  // Scrolled to the end, the last rows are drawn with their states.
  await page.$eval('#up-list', (box) => { box.scrollTop = box.scrollHeight; });
  await page.waitForSelector(`.upload-item[aria-posinset="${FILES}"]`);
  const last = await page.$eval(`.upload-item[aria-posinset="${FILES}"]`, (li) => [li.querySelector('.name').textContent, li.dataset.state]);
  assert.deepEqual(last, [`card-${FILES - 1}.jpg`, known.has(FILES - 1) ? 'duplicate' : 'done']);
  assert.ok(await page.$$eval('.upload-item', (items) => items.length) <= 30);
  await page.screenshot({path: join(outDir, 'upload-200.png'), fullPage: true});
  const stored = await world.api('GET', '/api/albums/opening-session');
  assert.equal(stored.photo_count, FILES - KNOWN);
  await page.click('#up-end a');
  await page.waitForURL((u) => u.pathname === '/albums/opening-session');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a file can be cancelled while it is sent, and sent again', async () => {
  const page = await newPage();
  await logIn(page);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route((url) => url.pathname.startsWith('/api/uploads'), async (route) => {
    if (['POST', 'PATCH'].includes(route.request().method())) await held;
    return route.continue().catch(() => {});
  });
  await page.goto('/upload?lang=en');
  await page.selectOption('#up-album', 'opening-session');
  await page.setInputFiles('#up-files', [makeJpeg(join(world.images, 'changed-mind.jpg')), makeJpeg(join(world.images, 'kept-on.jpg'))]);
  await page.waitForSelector('.upload-item[data-state="uploading"]');
  await page.click('.upload-item[aria-posinset="1"] button.cancel');
  await page.waitForSelector('.upload-item[aria-posinset="1"][data-state="cancelled"]');
  assert.equal(await page.isVisible('.upload-item[aria-posinset="1"] button.retry'), true);
  assert.equal(await page.getAttribute('.upload-item[aria-posinset="1"] button.retry', 'aria-label'), 'Retry changed-mind.jpg');
  release();
  await page.waitForSelector('.upload-item[aria-posinset="2"][data-state="done"]');
  await summaryDone(page, 2, 20000);
  assert.match(await page.textContent('#up-summary'), /1 cancelled/);
  assert.equal(await page.textContent('#up-end a'), 'View the new photo in Opening session');
  await page.click('.upload-item[aria-posinset="1"] button.retry');
  await page.waitForSelector('.upload-item[aria-posinset="1"][data-state="done"]', {timeout: 20000});
  assert.equal(await page.textContent('#up-end a'), 'View the 2 new photos in Opening session');
  await page.close();
});

for (const lang of ['en', 'fr']) {
  test(`the upload page in ${lang} fits at three widths and has no accessibility violation`, async () => {
    const page = await newPage();
    await logIn(page);
    await page.goto(`/upload?lang=${lang}`);
    await page.waitForSelector('#up-files', {state: 'attached'});
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize({width: viewport[0], height: viewport[1]});
      await noOverflow(page, `/upload (${lang}, empty) at ${viewport[0]}`);
      await axe(page, `/upload (${lang}, empty) at ${viewport[0]}`);
    }
    await page.selectOption('#up-album', 'opening-session');
    const files = [0, 1, 2].map((i) => makeJpeg(join(world.images, `${lang}-a-file-with-a-rather-long-name-from-the-card-${i}.jpg`)));
    files.push(world.writeFile(`${lang}-notes.txt`, 'not a photo'));
    await page.setInputFiles('#up-files', files);
    await summaryDone(page, 4, 30000);
    const end = await page.textContent('#up-end a');
    assert.equal(end, lang === 'fr' ? 'Voir les 3 nouvelles photos dans Séance d’ouverture'
      : 'View the 3 new photos in Opening session');
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize({width: viewport[0], height: viewport[1]});
      await page.waitForTimeout(100);
      await noOverflow(page, `/upload (${lang}, files) at ${viewport[0]}`);
      await axe(page, `/upload (${lang}, files) at ${viewport[0]}`);
      await page.screenshot({path: join(outDir, `upload-${lang}-${viewport[0]}.png`), fullPage: true});
    }
    assert.deepEqual(page.errors.filter((e) => !/status of 415/.test(e)), []);
    await page.close();
  });
}

// The page's network through DevTools: upload throughput in bytes per
// second (-1: unlimited), or offline.
async function network(cdp, {offline = false, upload = -1} = {}) {
  await cdp.send('Network.emulateNetworkConditions', {offline, latency: 0, downloadThroughput: -1, uploadThroughput: upload});
}

// Waits (bounded) until `predicate()` holds.
async function until(predicate, what, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function allDone(page, timeout = 120000) {
  return page.waitForFunction(() => {
    const m = /^(\d+) (of|sur) (\d+) /.exec(document.querySelector('#up-summary').textContent);
    return m && m[1] === m[3] && Number(m[1]) > 0;
  }, null, {timeout});
}

// Noise photos of a few hundred kB each: many chunks per file.
function bigFiles(prefix, n) {
  const paths = [];
  for (let i = 0; i < n; i++) paths.push(makeJpeg(join(world.images, `${prefix}-${i}.jpg`), 1100, 800));
  return paths;
}
const bytesOf = (paths) => paths.reduce((sum, p) => sum + statSync(p).size, 0);

test('a visitor never fetches the upload library; an editor fetches it once files are sent', async () => {
  const visitor = await world.touchContext();
  try {
    const page = await visitor.newPage();
    const vendor = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/static/vendor/')) vendor.push(r.url()); });
    for (const path of ['/', '/albums/opening-session', '/meetings/casablanca-2016', '/upload']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
    }
    assert.deepEqual(vendor, []);
  } finally {
    await visitor.close();
  }
  const page = await newPage();
  await logIn(page);
  const vendor = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/static/vendor/')) vendor.push(new URL(r.url()).pathname); });
  await page.goto('/upload?lang=en');
  await page.waitForSelector('#up-files', {state: 'attached'});
  await page.waitForLoadState('networkidle');
  assert.deepEqual(vendor, [], 'not before a file is sent');
  await page.setInputFiles('#up-files', [makeJpeg(join(world.images, 'vendor-1.jpg'))]);
  await allDone(page, 30000);
  assert.deepEqual(vendor, ['/static/vendor/tus.js']);
  const served = await fetch(`${world.base}/static/vendor/tus.js`);
  assert.equal(served.status, 200);
  assert.match(served.headers.get('content-type'), /^text\/javascript/);
  assert.match(served.headers.get('content-security-policy') || '', /default-src 'self'/);
  await page.close();
});

for (const lang of ['en', 'fr']) {
  test(`(${lang}) the network lost mid-upload: the files wait, then go on from the server's offset`, async () => {
    const page = await newPage();
    await logIn(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await page.goto(`/upload?lang=${lang}`);
    await page.selectOption('#up-album', 'opening-session');
    const paths = bigFiles(`offline-${lang}`, 3);
    const total = bytesOf(paths);
    assert.ok(total > 12 * CHUNK, `${total} bytes: several chunks a file`);
    const received = await metric('gallery_tus_bytes_received_total');
    const stored = await metric('gallery_tus_bytes_stored_total');
    await network(cdp, {upload: 400 * 1024});
    await page.setInputFiles('#up-files', paths);
    // Some chunks acknowledged, the files not finished: cut.
    await until(async () => await metric('gallery_tus_bytes_stored_total') - stored >= 4 * CHUNK, 'four chunks stored');
    const before = await metric('gallery_tus_bytes_stored_total') - stored;
    assert.ok(before < total - 3 * CHUNK, `${before} of ${total} bytes stored before the cut: too fast to test`);
    await network(cdp, {offline: true});
    await page.waitForSelector('.upload-item[data-state="offline"]', {timeout: 20000});
    assert.equal(await page.textContent('.upload-item[data-state="offline"] .state'),
      lang === 'fr' ? 'En attente du réseau' : 'Waiting for the network');
    await page.waitForTimeout(2500);
    assert.equal(await page.$$eval('.upload-item[data-state="failed"]', (items) => items.length), 0);
    await network(cdp, {upload: 2 * 1024 * 1024});
    await allDone(page);
    const states = await page.$$eval('.upload-item', (items) => items.map((li) => li.dataset.state));
    assert.deepEqual(states, ['done', 'done', 'done']);
    assert.equal(await metric('gallery_tus_bytes_stored_total') - stored, total);
    assert.equal(await metric('gallery_tus_bytes_received_total') - received, total, 'no acknowledged byte sent twice');
    assert.deepEqual(page.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|net::ERR/.test(e)), []);
    await page.close();
  });

  test(`(${lang}) the page reloaded mid-queue: it lists the files, asks for them again, and finishes`, async () => {
    const page = await newPage([1280, 800]);
    await logIn(page);
    page.on('dialog', (d) => d.accept());
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await page.goto(`/upload?lang=${lang}`);
    await page.selectOption('#up-album', 'opening-session');
    const paths = bigFiles(`reload-${lang}`, 5);
    const total = bytesOf(paths);
    const received = await metric('gallery_tus_bytes_received_total');
    const stored = await metric('gallery_tus_bytes_stored_total');
    const photos = (await world.api('GET', '/api/albums/opening-session')).photo_count;
    await network(cdp, {upload: 400 * 1024});
    await page.setInputFiles('#up-files', paths);
    await until(async () => await metric('gallery_tus_bytes_stored_total') - stored >= 4 * CHUNK, 'four chunks stored');
    await page.reload();
    await network(cdp, {upload: 400 * 1024});
    await page.waitForSelector('#up-resume:not([hidden])');
    const missing = await page.$$eval('.upload-item[data-state="missing"]', (items) => items.length);
    assert.ok(missing >= 3, `${missing} files left to choose again`);
    assert.equal(await page.textContent('#up-resume p'), lang === 'fr'
      ? `${missing} fichiers étaient en cours d’envoi à la fermeture de cette page. Choisissez-les de nouveau (les mêmes fichiers) : chacun reprend là où il s’était arrêté.`
      : `${missing} files were still being sent when this page was closed. Choose them again (the same files) and each goes on where it stopped.`);
    assert.equal(await page.textContent('.upload-item[data-state="missing"] .state'),
      lang === 'fr' ? 'Choisissez de nouveau ce fichier pour continuer' : 'Choose this file again to go on');
    // Some of them had begun: their addresses are kept.
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('gallery.upload-queue.'))
      .map((k) => JSON.parse(localStorage.getItem(k)).items.filter((i) => i.url).length));
    assert.ok(kept.length === 1 && kept[0] >= 1, `upload addresses kept: ${kept}`);
    for (const [width, height] of [[390, 844], [1280, 800]]) {
      await page.setViewportSize({width, height});
      await page.waitForTimeout(100);
      await expectNoOverflow(page, `/upload (${lang}, to resume) at ${width}`);
      await expectAccessible(page, `/upload (${lang}, to resume) at ${width}`);
      await page.screenshot({path: join(outDir, `upload-resume-${lang}-${width}.png`), fullPage: true});
    }
    await page.setViewportSize({width: 1280, height: 800});
    // Every file chosen again (as a user would): the unfinished ones resume,
    // the ones already stored are found in the archive and not sent.
    await page.setInputFiles('#up-files', paths);
    await allDone(page);
    assert.equal(await page.isHidden('#up-resume'), true);
    assert.equal(await page.$$eval('.upload-item[data-state="failed"], .upload-item[data-state="refused"]', (i) => i.length), 0);
    assert.equal((await world.api('GET', '/api/albums/opening-session')).photo_count, photos + paths.length);
    assert.equal(await metric('gallery_tus_bytes_stored_total') - stored, total);
    assert.equal(await metric('gallery_tus_bytes_received_total') - received, total, 'no acknowledged byte sent twice');
    // Nothing left to resume: a new page starts empty.
    await page.reload();
    await page.waitForSelector('#up-files', {state: 'attached'});
    assert.equal(await page.isHidden('#up-resume'), true);
    assert.equal(await page.$$eval('.upload-item', (items) => items.length), 0);
    await page.close();
  });
}

test('the answer to the last chunk lost: the page finds the photo on the server and sends nothing again', async () => {
  const page = await newPage();
  await logIn(page);
  await page.goto('/upload?lang=en');
  await page.selectOption('#up-album', 'opening-session');
  const [path] = bigFiles('lost-answer', 1);
  const received = await metric('gallery_tus_bytes_received_total');
  let lost = 0;
  // The PATCH that makes the file whole (201: the photo) reaches the server,
  // which stores the photo, but the page gets a 502 in place of the answer, once.
  await page.route((url) => url.pathname.startsWith('/api/uploads'), async (route) => {
    const request = route.request();
    if (lost || request.method() !== 'PATCH') return route.continue();
    const response = await route.fetch();
    if (response.status() !== 201) return route.fulfill({response});
    lost++;
    return route.fulfill({status: 502, contentType: 'application/json', body: JSON.stringify({code: 'bad_gateway', message: 'lost'})});
  });
  await page.setInputFiles('#up-files', [path]);
  await allDone(page, 60000);
  assert.equal(lost, 1);
  assert.equal(await page.$eval('.upload-item', (li) => li.dataset.state), 'done');
  const link = await page.$eval('.upload-item .link a', (a) => new URL(a.href).pathname);
  assert.match(link, /^\/photos\/\d+$/);
  const photo = await world.api('GET', `/api/photos/${link.split('/').pop()}`);
  assert.equal(photo.filename, 'lost-answer-0.jpg');
  assert.equal(await metric('gallery_tus_bytes_received_total') - received, statSync(path).size, 'nothing sent twice');
  await page.close();
});

// The uploads in flight at each moment, through an interception that holds
// every creation and chunk a little (so that they overlap) and then lets it
// reach the server: `max` distinct uploads at once, and `twice` when one
// upload ever had two requests in flight.
async function watchInFlight(page, holdMs) {
  const seen = {now: new Set(), max: 0, twice: false, requests: 0};
  await page.route((url) => url.pathname.startsWith('/api/uploads'), async (route) => {
    const request = route.request();
    if (!['POST', 'PATCH'].includes(request.method())) return route.continue();
    const key = request.method() === 'POST' ? `new:${tusFilename(request)}` : new URL(request.url()).pathname;
    if (seen.now.has(key)) seen.twice = true;
    seen.now.add(key);
    seen.requests++;
    seen.max = Math.max(seen.max, seen.now.size);
    try {
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      const response = await route.fetch();
      await route.fulfill({response});
    } catch {
      await route.abort().catch(() => {});
    } finally {
      seen.now.delete(key);
    }
  });
  return seen;
}

for (const lang of ['en', 'fr']) {
  test(`(${lang}) a queue of 8 files: 3 at a time, each with its bar, and an overall bar and count that reach the end`, async () => {
    const page = await newPage([1280, 1000]);
    await logIn(page);
    await page.goto(`/upload?lang=${lang}`);
    await page.selectOption('#up-album', 'opening-session');
    const paths = [];
    for (let i = 0; i < 8; i++) paths.push(makeJpeg(join(world.images, `three-${lang}-${i}.jpg`), 700, 500));
    const total = bytesOf(paths);
    assert.ok(total > 8 * CHUNK, `${total} bytes: more than one chunk a file`);
    const seen = await watchInFlight(page, 150);
    const overallName = lang === 'fr' ? 'Progression totale' : 'Overall progress';
    const overall = page.getByRole('progressbar', {name: overallName, exact: true});
    await page.setInputFiles('#up-files', paths);
    // The overall bar, sampled while the files go: it only grows, and is seen part-way.
    const samples = [];
    const end = Date.now() + 120000;
    for (;;) {
      const [value, max, text] = await page.$eval('#up-overall', (p) =>
        [p.value, p.max, document.querySelector('#up-summary').textContent]);
      samples.push(value / max);
      if (/^8 (of|sur) 8 /.test(text)) break;
      assert.ok(Date.now() < end, `the queue did not finish: ${text}`);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    for (let i = 1; i < samples.length; i++) assert.ok(samples[i] >= samples[i - 1], `the overall bar went back: ${samples}`);
    assert.ok(samples.some((f) => f > 0 && f < 1), `the overall bar was seen part-way: ${samples}`);
    assert.equal(await overall.getAttribute('value'), String(total), 'the overall bar is full');
    assert.equal(await overall.getAttribute('max'), String(total));
    assert.match(await page.textContent('#up-summary'), lang === 'fr'
      ? /^8 sur 8 terminées · 0 doublons · 0 refusées · 0 en échec$/
      : /^8 of 8 done · 0 duplicates · 0 refused · 0 failed$/);
    assert.equal(await page.getAttribute('#up-summary', 'role'), 'status');
    // Each file has its own bar, named by the file, full.
    for (const path of paths) {
      const name = path.split('/').pop();
      const bar = page.getByRole('progressbar', {name, exact: true});
      assert.equal(await bar.evaluate((p) => p.value === p.max && p.max > 1), true, `${name}'s bar is full`);
    }
    // Three at a time: exactly, never more and not fewer.
    assert.equal(seen.max, 3, `${seen.max} uploads in flight at once`);
    assert.equal(seen.twice, false, 'one upload had two requests in flight');
    assert.ok(seen.requests >= 16, `${seen.requests} requests`);
    assert.equal(await page.$$eval('.upload-item[data-state="done"]', (items) => items.length), 8);
    await page.unrouteAll({behavior: 'ignoreErrors'});
    await page.close();
  });
}

test('a chunk refused by a busy server is tried again after growing pauses, from the acknowledged offset', async () => {
  const page = await newPage();
  await logIn(page);
  await page.goto('/upload?lang=en');
  await page.selectOption('#up-album', 'opening-session');
  const [path] = bigFiles('backoff', 1);
  const size = statSync(path).size;
  const received = await metric('gallery_tus_bytes_received_total');
  const FAILURES = 3;
  const patches = [];   // {at, offset, failed}
  await page.route((url) => url.pathname.startsWith('/api/uploads'), async (route) => {
    const request = route.request();
    if (request.method() !== 'PATCH') return route.continue();
    const offset = Number(request.headers()['upload-offset']);
    const failed = patches.filter((p) => p.failed).length < FAILURES && patches.length >= 1;
    patches.push({at: Date.now(), offset, failed});
    if (!failed) return route.continue();
    return route.fulfill({status: 503, contentType: 'application/json',
      body: JSON.stringify({code: 'unavailable', message: 'busy'})});
  });
  const texts = new Set();
  page.on('console', () => {});
  await page.setInputFiles('#up-files', [path]);
  const end = Date.now() + 60000;
  while (!/^1 of 1 /.test(await page.textContent('#up-summary'))) {
    const state = await page.$eval('.upload-item .state', (s) => s.textContent).catch(() => '');
    if (state.startsWith('Retrying')) texts.add(state);
    assert.ok(Date.now() < end, 'the upload did not finish');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(await page.$eval('.upload-item', (li) => li.dataset.state), 'done');
  const failedAt = patches.findIndex((p) => p.failed);
  assert.ok(failedAt >= 1, 'a chunk went through before the failures');
  const tries = patches.slice(failedAt, failedAt + FAILURES + 1);
  assert.equal(tries.length, FAILURES + 1);
  // Every try after a failure asks for the same offset: the acknowledged bytes are not sent again.
  assert.deepEqual(tries.map((p) => p.offset), tries.map(() => tries[0].offset));
  assert.ok(tries[0].offset > 0);
  const pauses = tries.slice(1).map((p, i) => p.at - tries[i].at);
  assert.ok(pauses[0] >= 900, `first pause ${pauses[0]} ms`);
  for (let i = 1; i < pauses.length; i++) {
    assert.ok(pauses[i] >= 1.6 * pauses[i - 1], `the pauses grow: ${pauses}`);
  }
  assert.ok(texts.has('Retrying in 1 s (attempt 2)') && texts.has('Retrying in 2 s (attempt 3)'),
    `the row said when it tries again: ${[...texts]}`);
  assert.equal(await metric('gallery_tus_bytes_received_total') - received, size, 'no acknowledged byte sent twice');
  await page.unrouteAll({behavior: 'ignoreErrors'});
  await page.close();
});

for (const lang of ['en', 'fr']) {
  test(`(${lang}) the session ended in the middle of an upload: the file is refused with the reason, and not tried again`, async () => {
    const page = await newPage();
    await logIn(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await page.goto(`/upload?lang=${lang}`);
    await page.selectOption('#up-album', 'opening-session');
    const paths = bigFiles(`revoked-${lang}`, 1);
    const stored = await metric('gallery_tus_bytes_stored_total');
    const requests = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/uploads/') && r.method() === 'PATCH') requests.push(Date.now());
    });
    await network(cdp, {upload: 300 * 1024});
    await page.setInputFiles('#up-files', paths);
    await until(async () => await metric('gallery_tus_bytes_stored_total') - stored >= 2 * CHUNK, 'two chunks stored');
    // The session ends on the server (as when it is revoked), the page not told.
    const status = await page.evaluate(async () => {
      const s = await (await fetch('/api/session')).json();
      return (await fetch('/api/session', {method: 'DELETE', headers: {'X-CSRF-Token': s.csrf_token}})).status;
    });
    assert.equal(status, 200);
    const atEnd = await metric('gallery_tus_bytes_stored_total');
    await page.waitForSelector('.upload-item[data-state="refused"]', {timeout: 30000});
    const reason = lang === 'fr' ? 'Connectez-vous pour faire cela.' : 'Log in to do this.';
    assert.match(await page.textContent('.upload-item .state'), new RegExp(reason.replace('.', '\\.')));
    assert.equal(await page.textContent('#up-refused li .reason'), reason);
    const count = requests.length;
    await page.waitForTimeout(3000);
    assert.equal(requests.length, count, 'no request after the refusal');
    assert.equal(await page.$eval('.upload-item', (li) => li.dataset.state), 'refused');
    assert.ok(await metric('gallery_tus_bytes_stored_total') - atEnd <= CHUNK, 'at most the chunk in flight kept');
    await page.close();
  });
}
