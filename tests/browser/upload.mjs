// The upload queue in headless Chromium: node upload.mjs GALLERY_BINARY SOURCE_DIR OUT_DIR
// 200 files chosen at once, 60 of them already in the archive: every file
// listed at once (only the rows in view drawn), thumbnails made in the
// page, the known files marked duplicates without being sent (the server's
// count of upload bytes received is exactly the new files' bytes), and the
// link to the new photos at the end; cancel and retry; the page at a
// phone's, a tablet's and a laptop's size in English and French without
// sideways scrolling or accessibility violations.
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
let admin;

before(async () => {
  world.setUp();
  admin = world.run(['token', 'create', '--role', 'admin', '--label', 'metrics']).trim().split('\n').pop();
  await world.startServer();
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
