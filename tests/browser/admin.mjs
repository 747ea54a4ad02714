// Running the archive from the browser, in headless Chromium: node admin.mjs GALLERY_BINARY SOURCE_DIR OUT_DIR
// The first run on an archive without an admin (the setup address the
// server prints, its one-time token, refusals in English and French, the
// address gone afterwards); the API's error codes and upload refusals worded
// in both languages, the file's name once and no decoder text. Every new
// page passes axe-core with no violation; screenshots at 390×844 and
// 1280×800 in both languages go to OUT_DIR.
import assert from 'node:assert/strict';
import {readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {World, makeJpeg} from './fixtures.mjs';

const [binary, sourceDir, outDir] = process.argv.slice(2);
if (!binary || !sourceDir || !outDir) {
  console.error('usage: node admin.mjs GALLERY_BINARY SOURCE_DIR OUT_DIR');
  process.exit(2);
}
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const world = new World(binary, sourceDir, outDir);
const SIZES = [[390, 844], [1280, 800]];
const LANGS = ['en', 'fr'];
export const ADMIN = {name: 'amina', password: 'Casablanca-July-2016'};
export const EDITOR = {name: 'rachid', password: 'editor password 2016'};
export const VIEWER = {name: 'visitor', password: 'viewer password 2016'};

// The token of the setup address the server printed (its log), within 10 s.
async function setupToken() {
  for (let i = 0; i < 200; i++) {
    const m = /first run: no admin yet; create one at (http:\/\/[\d.]+:\d+)\/setup\?token=([A-Za-z0-9_-]{43})/.exec(world.log);
    if (m) return m[2];
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`no setup address in the server's log: ${world.log}`);
}

async function newPage(size = [1280, 800]) {
  const page = await world.context.newPage();
  await page.setViewportSize({width: size[0], height: size[1]});
  page.errors = [];
  page.scripts = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) page.errors.push(m.text()); });
  page.on('request', (r) => { if (r.resourceType() === 'script') page.scripts.push(new URL(r.url()).pathname); });
  return page;
}

async function axe(page, what) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {resultTypes: ['violations']}));
  assert.deepEqual(result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [], `accessibility violations on ${what}`);
}

async function noOverflow(page, what) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= inner, `${what}: the page is ${scroll} px wide in a ${inner} px window`);
}

// Axe, no sideways scrolling and a screenshot of the page as it is, at both
// sizes (the page reloaded at each when `reload`).
async function lookAt(page, name, reload = true) {
  for (const size of SIZES) {
    await page.setViewportSize({width: size[0], height: size[1]});
    if (reload) {
      await page.reload();
      await page.waitForSelector('main h1');
    }
    await noOverflow(page, `${name} ${size.join('x')}`);
    await axe(page, `${name} ${size.join('x')}`);
    await page.screenshot({path: join(outDir, `${name}-${size[0]}x${size[1]}.png`), fullPage: true});
  }
}

async function logIn(page, who, lang = 'en') {
  await page.goto(`/login?lang=${lang}`);
  await page.fill('#login-name', who.name);
  await page.fill('#login-password', who.password);
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('form.login button[type=submit]')]);
}

async function logOut() { await world.context.clearCookies(); }

before(async () => {
  await world.startServer();
  await world.startBrowser();
});
after(() => world.tearDown());

describe('first run', () => {
  test('the setup address creates the first admin once, in English and French', async () => {
    const token = await setupToken();
    assert.match(world.log, /first run: no admin yet; create one at http:\/\/127\.0\.0\.1:\d+\/setup\?token=/);
    const page = await newPage();

    // Without its token, and with a wrong one (in French).
    await page.goto('/setup?lang=en');
    await page.waitForSelector('main h1');
    assert.match(await page.textContent('main'), /lacks its token/);
    await lookAt(page, 'setup-no-token-en');
    await page.goto('/setup?lang=fr&token=' + 'A'.repeat(43));
    await page.waitForSelector('#setup-name');
    assert.equal(new URL(page.url()).searchParams.get('token'), null, 'the token leaves the address bar');
    assert.equal(await page.textContent('main h1'), 'Créer le premier administrateur');
    await lookAt(page, 'setup-fr', false);
    await page.fill('#setup-name', ADMIN.name);
    await page.fill('#setup-password', ADMIN.password);
    await page.fill('#setup-again', ADMIN.password);
    await page.click('form.login button[type=submit]');
    await page.waitForFunction(() => document.querySelector('form.login [role=alert]').textContent !== '');
    assert.match(await page.textContent('form.login [role=alert]'), /jeton de configuration est faux/);

    // The right one: two passwords that differ, then the admin.
    await page.goto('/setup?lang=en&token=' + token);
    await page.waitForSelector('#setup-name');
    await lookAt(page, 'setup-en', false);
    await page.fill('#setup-name', ADMIN.name);
    await page.fill('#setup-password', ADMIN.password);
    await page.fill('#setup-again', ADMIN.password + 'x');
    await page.click('form.login button[type=submit]');
    assert.equal(await page.textContent('form.login [role=alert]'), 'The two passwords differ.');
    await page.fill('#setup-again', ADMIN.password);
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('form.login button[type=submit]')]);
    await page.waitForSelector('.who');
    assert.equal(await page.textContent('.who'), `Signed in as ${ADMIN.name}`);
    const session = await page.evaluate(() => fetch('/api/session').then((r) => r.json()));
    assert.equal(session.role, 'admin');

    // The token is gone: the page says so, the API answers 410.
    await page.goto('/setup?lang=fr&token=' + token);
    await page.waitForSelector('main h1');
    assert.equal(await page.textContent('main h1'), 'L’archive est configurée');
    await lookAt(page, 'setup-done-fr', false);
    const again = await fetch(`${world.base}/api/setup`, {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({token, name: 'other', password: ADMIN.password})});
    assert.equal(again.status, 410);
    assert.equal((await again.json()).code, 'gone');
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});

describe('messages', () => {
  test('every error code the API can answer is worded in English and French', async () => {
    const doc = await (await fetch(`${world.base}/api/openapi.json`)).json();
    const codes = doc.components.schemas.Error.properties.code.enum;
    assert.ok(codes.includes('not_found') && codes.includes('corrupt') && codes.includes('gone'), codes.join());
    const page = await newPage();
    await page.goto('/');
    await page.waitForSelector('main h2');
    const missing = await page.evaluate(async (list) => {
      const i18n = await import('/static/js/i18n.js');
      return list.flatMap((code) => ['en', 'fr'].filter((l) => !i18n.knowsError(code, l)).map((l) => `${code} (${l})`));
    }, codes);
    assert.deepEqual(missing, []);
    // A missing photo in French reads in French, not in the server's English.
    await page.goto('/photos/9999?lang=fr');
    await page.waitForSelector('main h1');
    const text = await page.textContent('main');
    assert.match(text, /Introuvable/);
    assert.doesNotMatch(text, /not found|photo 9999/);
    await page.close();
  });

  test('an upload refusal names the file once and gives a plain reason, never the decoder text', async () => {
    const good = readFileSync(makeJpeg(join(world.images, 'whole.jpg'), 640, 480));
    const cut = join(world.images, 'cut.jpg');
    writeFileSync(cut, good.subarray(0, 700));
    // Its tables and scan replaced by noise: the decoder speaks of "Corrupt JPEG data".
    let seed = 7;
    const noise = Buffer.alloc(3000).map(() => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed >> 16; });
    const garbled = Buffer.concat([good.subarray(0, good.indexOf(Buffer.from([0xff, 0xc4]))), noise, Buffer.from([0xff, 0xd9])]);
    const broken = join(world.images, 'broken.jpg');
    writeFileSync(broken, garbled);
    const page = await newPage();
    await logIn(page, ADMIN);
    for (const [lang, truncated, unreadable] of [['en', 'Refused: The file is cut short.', 'Refused: Not a photo we can read.'],
      ['fr', 'Refusée : Le fichier est tronqué.', 'Refusée : Ce n’est pas une photo que nous savons lire.']]) {
      await page.goto(`/upload?lang=${lang}`);
      await page.setInputFiles('#up-files', [cut, broken]);
      await page.waitForFunction(() => /2/.test(document.querySelector('#up-summary').textContent)
        && document.querySelectorAll('#up-refused li').length === 2, null, {timeout: 30000});
      const rows = await page.$$eval('#up-refused li', (lis) => lis.map((li) => li.textContent));
      const all = rows.join('\n') + (await page.textContent('#up-files-list, .upload-list').catch(() => ''));
      assert.equal(rows.filter((r) => r.split('cut.jpg').length === 2).length, 1, rows.join('\n'));
      assert.doesNotMatch(all, /Vips|jpeg|JPEG data|libjpeg/i, all);
      const states = await page.$$eval('.upload-item', (items) => items.map((li) => li.querySelector('.state, .status')?.textContent || li.textContent));
      assert.ok(states.some((s) => s.includes(truncated)), `${lang}: ${states.join(' | ')}`);
      assert.ok(states.some((s) => s.includes(unreadable)), `${lang}: ${states.join(' | ')}`);
    }
    assert.match(world.log, /upload refused: "cut\.jpg": /, 'the detail is in the server log');
    await page.close();
    await logOut();
  });
});

// --- administration of meetings and albums

async function openDialog(page, button) {
  await page.click(button);
  await page.waitForSelector('dialog.admin-dialog[open]');
}

async function submitDialog(page) {
  await page.click('dialog.admin-dialog[open] button[type=submit]');
}

// Selects the grid's tiles of `ids` in select mode.
async function selectPhotos(page, ids) {
  await page.click('.bulk-tools .toolbar button');
  for (const id of ids) await page.click(`.photo-grid li[data-id="${id}"] a.tile`);
}

describe('administration of meetings and albums', () => {
  let photoIds = [];
  before(() => {
    world.run(['user', 'add', EDITOR.name, '--role', 'editor', '--password-stdin'], EDITOR.password + '\n');
    world.run(['user', 'add', VIEWER.name, '--role', 'viewer', '--password-stdin'], VIEWER.password + '\n');
    world.token = world.run(['token', 'create', '--role', 'editor', '--label', 'admin-tests']).trim().split('\n').pop();
  });

  test('an editor creates, edits and deletes meetings and albums, in English', async () => {
    const page = await newPage();
    await logIn(page, EDITOR);
    await page.waitForSelector('#create-meeting');
    assert.match(await page.textContent('main'), /No meetings yet\. Start with a meeting, then upload its photos\./);
    await lookAt(page, 'home-empty-editor-en');

    // A meeting: its slug follows the English title.
    await openDialog(page, '#create-meeting');
    await page.fill('#meeting-title-en', 'Technical meeting, Casablanca');
    assert.equal(await page.inputValue('#meeting-slug'), 'technical-meeting-casablanca');
    await page.fill('#meeting-title-fr', 'Réunion technique, Casablanca');
    await page.fill('#meeting-description-en', 'Three days on migration data.');
    await page.fill('#meeting-place', 'Casablanca, Morocco');
    await page.fill('#meeting-start', '2016-07-04');
    await page.fill('#meeting-end', '2016-07-06');
    await page.fill('#meeting-credit', '© IOM 2016');
    await lookAt(page, 'meeting-dialog-en', false);
    await Promise.all([page.waitForURL(/\/meetings\/technical-meeting-casablanca$/), submitDialog(page)]);
    await page.waitForSelector('#edit-meeting');
    assert.equal(await page.textContent('main h1'), 'Technical meeting, Casablanca');
    let meeting = await world.api('GET', '/api/meetings/technical-meeting-casablanca');
    assert.deepEqual([meeting.place, meeting.start_date, meeting.end_date, meeting.default_credit, meeting.title.fr],
      ['Casablanca, Morocco', '2016-07-04', '2016-07-06', '© IOM 2016', 'Réunion technique, Casablanca']);

    // Edit it: the form holds its values.
    await openDialog(page, '#edit-meeting');
    assert.equal(await page.inputValue('#meeting-credit'), '© IOM 2016');
    await page.fill('#meeting-place', 'Casablanca');
    await page.fill('#meeting-description-fr', 'Trois jours sur les données migratoires.');
    await Promise.all([page.waitForEvent('load'), submitDialog(page)]);
    await page.waitForSelector('#edit-meeting');
    assert.equal(await page.textContent('main .place'), 'Casablanca');
    meeting = await world.api('GET', '/api/meetings/technical-meeting-casablanca');
    assert.equal(meeting.description.fr, 'Trois jours sur les données migratoires.');

    // Empty, it can be deleted: the question says what happens; Cancel keeps it.
    await openDialog(page, '#delete-meeting');
    assert.match(await page.textContent('dialog.admin-dialog[open] .confirm-text'), /will be deleted/);
    await lookAt(page, 'confirm-delete-meeting-en', false);
    await page.click('dialog.admin-dialog[open] button.secondary');
    await world.api('GET', '/api/meetings/technical-meeting-casablanca');

    // An album in it, private, with its own credit.
    await openDialog(page, '#new-album-here');
    await page.waitForFunction(() => document.querySelector('#album-meeting').value === 'technical-meeting-casablanca');
    await page.fill('#album-title-en', 'Day 3');
    await page.selectOption('#album-visibility', 'private');
    await page.fill('#album-credit', 'Photo: IOM / A. Photographer');
    await lookAt(page, 'album-dialog-en', false);
    await Promise.all([page.waitForURL(/\/albums\/day-3$/), submitDialog(page)]);
    await page.waitForSelector('#edit-album');
    // The empty album says so, with the next step at hand for an editor.
    await page.waitForSelector('.grid-wrap > p.status:not([hidden]) a.button[href="/upload"]');
    assert.equal(await page.textContent('.grid-wrap > p.status a[href="/upload"]'), 'Upload photos');
    let album = await world.api('GET', '/api/albums/day-3');
    assert.deepEqual([album.meeting, album.visibility, album.default_credit], ['technical-meeting-casablanca', 'private', 'Photo: IOM / A. Photographer']);

    // Photos of the meeting: add a selection of them to the album.
    for (let i = 0; i < 3; i++) photoIds.push((await world.upload(`day3-${i}.jpg`, '?meeting=technical-meeting-casablanca')).id);
    await page.goto('/meetings/technical-meeting-casablanca');
    await page.waitForSelector(`.photo-grid li[data-id="${photoIds[2]}"]`);
    assert.equal(await page.$('#delete-meeting'), null, 'a meeting with photos offers no delete');
    assert.match(await page.textContent('#delete-meeting-note'), /once it is empty.*1 album\(s\) and 3 photos/);
    await selectPhotos(page, [photoIds[0], photoIds[1]]);
    await page.waitForFunction(() => document.querySelector('#bulk-album option[value="day-3"]'));
    await page.selectOption('#bulk-album', 'day-3');
    await page.click('.bulk-panel button[type=submit]');
    await page.waitForSelector('dialog.admin-dialog[open] #bulk-preview li');
    assert.deepEqual(await page.$$eval('#bulk-preview li', (lis) => lis.map((li) => li.textContent)),
      ['Added to the album “Day 3”: 2 photos; 0 already in it']);
    await submitDialog(page);
    await page.waitForFunction(() => document.querySelector('.bulk-panel .status').textContent === '2 photos updated.');
    album = await world.api('GET', '/api/albums/day-3');
    assert.equal(album.photo_count, 2);

    // The cover, chosen among the album's photos.
    await page.goto('/albums/day-3');
    await page.waitForSelector(`.photo-grid li[data-id="${photoIds[1]}"]`);
    await openDialog(page, '#choose-cover');
    await page.waitForSelector(`#cover-${photoIds[1]}`);
    assert.equal(await page.locator('.cover-choices input').count(), 3, 'automatic and the two photos');
    await lookAt(page, 'cover-dialog-en', false);
    await page.check(`#cover-${photoIds[1]}`);
    await Promise.all([page.waitForEvent('load'), submitDialog(page)]);
    album = await world.api('GET', '/api/albums/day-3');
    assert.equal(album.cover_photo_id, photoIds[1]);

    // Visibility and credit edited.
    await page.waitForSelector('#edit-album');
    await openDialog(page, '#edit-album');
    assert.equal(await page.inputValue('#album-visibility'), 'private');
    await page.selectOption('#album-visibility', 'public');
    await page.fill('#album-credit', '');
    await Promise.all([page.waitForEvent('load'), submitDialog(page)]);
    album = await world.api('GET', '/api/albums/day-3');
    assert.deepEqual([album.visibility, album.default_credit], ['public', null]);
    await lookAt(page, 'album-editor-en');

    // Remove one photo from the album, after the question.
    await page.waitForSelector(`.photo-grid li[data-id="${photoIds[0]}"]`);
    await selectPhotos(page, [photoIds[0]]);
    await page.waitForFunction(() => document.querySelector('#bulk-leave-album option[value="day-3"]'));
    assert.equal(await page.textContent('#bulk-leave-album option[value="day-3"]'), 'This album (Day 3)');
    assert.equal(await page.$('#bulk-album option[value="day-3"]'), null, 'an album is not offered to join on its own page');
    await page.selectOption('#bulk-leave-album', 'day-3');
    await openDialog(page, '.bulk-panel button[type=submit]');
    assert.deepEqual(await page.$$eval('#bulk-preview li', (lis) => lis.map((li) => li.textContent)),
      ['Removed from the album “Day 3”, staying in the archive and their other albums: 1 photo; 0 not in it']);
    await submitDialog(page);
    await page.waitForFunction(() => document.querySelectorAll('.photo-grid li').length === 1);
    assert.equal((await world.api('GET', '/api/albums/day-3')).photo_count, 1);
    await world.api('GET', `/api/photos/${photoIds[0]}`);

    // Delete the album: its photos stay.
    await openDialog(page, '#delete-album');
    assert.match(await page.textContent('dialog.admin-dialog[open] .confirm-text'), /The album “Day 3” will be deleted\. Its photo stays in the archive\./);
    await Promise.all([page.waitForURL(/\/meetings\/technical-meeting-casablanca$/), submitDialog(page)]);
    const gone = await fetch(`${world.base}/api/albums/day-3`, {headers: {Authorization: `Bearer ${world.token}`}});
    assert.equal(gone.status, 404);
    for (const id of photoIds) await world.api('GET', `/api/photos/${id}`);

    // An empty meeting is deleted.
    await page.goto('/');
    await openDialog(page, '#create-meeting');
    await page.fill('#meeting-title-en', 'Cancelled workshop');
    await Promise.all([page.waitForURL(/\/meetings\/cancelled-workshop$/), submitDialog(page)]);
    await openDialog(page, '#delete-meeting');
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), submitDialog(page)]);
    const deleted = await fetch(`${world.base}/api/meetings/cancelled-workshop`);
    assert.equal(deleted.status, 404);
    assert.deepEqual(page.errors, []);
    await page.close();
    await logOut();
  });

  test('an admin does the same in French, and a refusal is said in French', async () => {
    const page = await newPage();
    await logIn(page, ADMIN, 'fr');
    await page.waitForSelector('#create-album');
    assert.equal(await page.textContent('#create-meeting'), 'Créer une réunion');
    await openDialog(page, '#create-album');
    assert.equal(await page.textContent('dialog.admin-dialog[open] h2'), 'Créer un album');
    await page.fill('#album-title-en', 'Closing');
    await page.fill('#album-title-fr', 'Clôture');
    await page.selectOption('#album-visibility', 'unlisted');
    await lookAt(page, 'album-dialog-fr', false);
    await Promise.all([page.waitForURL(/\/albums\/closing$/), submitDialog(page)]);
    await page.waitForSelector('#edit-album');
    assert.equal(await page.textContent('main h1'), 'Clôture');
    assert.equal((await world.api('GET', '/api/albums/closing')).visibility, 'unlisted');
    await lookAt(page, 'album-editor-fr');

    // The same address name again: the server's 409, said in French.
    await page.goto('/?lang=fr');
    await openDialog(page, '#create-album');
    await page.fill('#album-title-en', 'Closing');
    await submitDialog(page);
    await page.waitForFunction(() => document.querySelector('dialog.admin-dialog[open] [role=alert]').textContent !== '');
    assert.equal(await page.textContent('dialog.admin-dialog[open] [role=alert]'),
      'Ce nom est déjà pris, ou l’élément n’est pas dans un état qui le permet.');
    await page.click('dialog.admin-dialog[open] button.secondary');

    // A meeting, edited, then deleted while empty.
    await openDialog(page, '#create-meeting');
    await page.fill('#meeting-title-en', 'Regional workshop');
    await page.fill('#meeting-title-fr', 'Atelier régional');
    await lookAt(page, 'meeting-dialog-fr', false);
    await Promise.all([page.waitForURL(/\/meetings\/regional-workshop$/), submitDialog(page)]);
    await page.waitForSelector('#edit-meeting');
    assert.equal(await page.textContent('#edit-meeting'), 'Modifier la réunion');
    await openDialog(page, '#edit-meeting');
    await page.fill('#meeting-place', 'Rabat');
    await Promise.all([page.waitForEvent('load'), submitDialog(page)]);
    assert.equal((await world.api('GET', '/api/meetings/regional-workshop')).place, 'Rabat');
    await page.waitForSelector('#delete-meeting');
    await openDialog(page, '#delete-meeting');
    assert.match(await page.textContent('dialog.admin-dialog[open] .confirm-text'), /La réunion « Atelier régional » sera supprimée/);
    await lookAt(page, 'confirm-delete-meeting-fr', false);
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), submitDialog(page)]);
    assert.equal((await fetch(`${world.base}/api/meetings/regional-workshop`)).status, 404);

    // Delete the album in French.
    await page.goto('/albums/closing?lang=fr');
    await openDialog(page, '#delete-album');
    assert.match(await page.textContent('dialog.admin-dialog[open] .confirm-text'), /L’album « Clôture » sera supprimé\. Il ne contient aucune photo\./);
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), submitDialog(page)]);
    assert.equal((await fetch(`${world.base}/api/albums/closing`, {headers: {Authorization: `Bearer ${world.token}`}})).status, 404);
    assert.deepEqual(page.errors, []);
    await page.close();
    await logOut();
  });

  test('visitors and viewers see none of the administration, and never load its code', async () => {
    await world.api('POST', '/api/albums', {slug: 'opening', title: {en: 'Opening'}, meeting: 'technical-meeting-casablanca'});
    await world.api('POST', '/api/albums/opening/photos', {ids: photoIds});
    for (const who of [null, VIEWER]) {
      const page = await newPage();
      if (who) await logIn(page, who);
      for (const path of ['/', '/meetings/technical-meeting-casablanca', '/albums/opening']) {
        await page.goto(path);
        await page.waitForSelector('.photo-grid li');
        for (const selector of ['#create-meeting', '#create-album', '.admin-bar', '#edit-meeting', '#edit-album',
          '#delete-album', '#delete-meeting', '#choose-cover', '#reorder-album', '.bulk-tools', '#bulk-album']) {
          assert.equal(await page.$(selector), null, `${who ? who.name : 'a visitor'} sees ${selector} on ${path}`);
        }
      }
      assert.ok(page.scripts.some((s) => s.endsWith('/main.js')));
      assert.equal(page.scripts.filter((s) => s.includes('editor_collections')).length, 0, page.scripts.join());
      if (!who) {
        await page.goto('/?lang=fr');
        await page.waitForSelector('.photo-grid li');
        await lookAt(page, 'home-visitor-fr');
      }
      await page.close();
      await logOut();
    }
    // An editor does load it.
    const page = await newPage();
    await logIn(page, EDITOR);
    await page.waitForSelector('#create-meeting');
    assert.ok(page.scripts.some((s) => s.endsWith('/editor_collections.js')));
    await page.close();
    await logOut();
  });
});

describe('share links and trash', () => {
  test('an editor creates a share link with an expiry, copies it, lists and revokes it, in English and French', async () => {
    await world.api('POST', '/api/albums', {slug: 'backstage', title: {en: 'Backstage', fr: 'Coulisses'}, visibility: 'private'});
    const shot = await world.upload('backstage.jpg');
    await world.api('POST', '/api/albums/backstage/photos', {ids: [shot.id]});
    await world.context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: world.base});
    const page = await newPage();
    await logIn(page, EDITOR);
    await page.goto('/albums/backstage');
    await page.waitForSelector('#share-details');
    await page.click('#share-details summary');
    await page.waitForSelector('#share-links li');
    assert.equal(await page.textContent('#share-links'), 'No share link yet.');
    await page.selectOption('#share-days', '7');
    await page.click('#share-create');
    await page.waitForSelector('#share-url');
    const url = await page.inputValue('#share-url');
    assert.match(url, /\/albums\/backstage\?share=[A-Za-z0-9_-]{43}$/);
    await page.click('#share-copy');
    await page.waitForFunction(() => /Copied/.test(document.querySelector('#share-new .status').textContent));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
    const links = await world.api('GET', '/api/albums/backstage/links');
    assert.equal(links.items.length, 1);
    const days = (Date.parse(links.items[0].expires_at) - Date.now()) / 86400000;
    assert.ok(days > 6.9 && days <= 7.01, `expires in ${days} days`);
    assert.match(await page.textContent('#share-links'), /valid until/);
    await lookAt(page, 'share-links-en', false);

    // The link opens the private album for a visitor.
    const anonymous = await fetch(url.replace('/albums/backstage?share=', '/api/albums/backstage?share='));
    assert.equal(anonymous.status, 200);

    // Revoked in French, after the question: it answers 401 from then on.
    await page.goto('/albums/backstage?lang=fr');
    await page.click('#share-details summary');
    await page.waitForSelector('.revoke-link');
    await page.click('.revoke-link');
    await page.waitForSelector('dialog.admin-dialog[open]');
    assert.match(await page.textContent('dialog.admin-dialog[open] .confirm-text'), /cessera aussitôt de fonctionner/);
    await lookAt(page, 'share-revoke-fr', false);
    await page.click('dialog.admin-dialog[open] button[type=submit]');
    await page.waitForFunction(() => /révoqué/.test(document.querySelector('.share-section > .status:last-child').textContent));
    const after = await fetch(url.replace('/albums/backstage?share=', '/api/albums/backstage?share='));
    assert.equal(after.status, 401);
    assert.deepEqual(page.errors, []);
    await page.close();
    await logOut();
  });

  test('an admin lists the trash and restores a photo; editors see no trash', async () => {
    const victim = await world.upload('deleted.jpg');
    const adminToken = world.run(['token', 'create', '--role', 'admin', '--label', 'trash']).trim().split('\n').pop();
    const del = await fetch(`${world.base}/api/photos/${victim.id}`, {method: 'DELETE', headers: {Authorization: `Bearer ${adminToken}`}});
    assert.equal(del.status, 200);
    const editor = await newPage();
    await logIn(editor, EDITOR);
    await editor.waitForSelector('#create-meeting');
    assert.equal(await editor.$('#trash-details'), null);
    assert.equal(editor.scripts.filter((s) => s.includes('admin_trash')).length, 0);
    await editor.close();
    await logOut();
    for (const lang of ['fr', 'en']) {
      const page = await newPage();
      await logIn(page, ADMIN, lang);
      await page.waitForSelector('#trash-details');
      await page.click('#trash-details summary');
      await page.waitForSelector('#trash-list li');
      if (lang === 'fr') {
        assert.match(await page.textContent('#trash-list'), /deleted\.jpg, supprimée par/);
        await lookAt(page, 'trash-fr', false);
      } else {
        await page.click(`.trash-item[data-id="${victim.id}"] .restore-photo`);
        await page.waitForFunction(() => /is back in the archive/.test(document.querySelector('.trash-section > .status:last-child').textContent));
        await page.waitForFunction(() => document.querySelector('#trash-list').textContent === 'The trash is empty.');
        await lookAt(page, 'trash-en', false);
        await world.api('GET', `/api/photos/${victim.id}`);
      }
      assert.deepEqual(page.errors, []);
      await page.close();
      await logOut();
    }
  });

  test('an admin empties the trash after a question that counts the photos, in French and English', async () => {
    const adminToken = world.run(['token', 'create', '--role', 'admin', '--label', 'empty-trash']).trim().split('\n').pop();
    const trash = async (ids) => {
      for (const id of ids) {
        const del = await fetch(`${world.base}/api/photos/${id}`, {method: 'DELETE', headers: {Authorization: `Bearer ${adminToken}`}});
        assert.equal(del.status, 200);
      }
    };
    const listed = async () => (await (await fetch(`${world.base}/api/trash`, {headers: {Authorization: `Bearer ${adminToken}`}})).json()).items;
    const two = [(await world.upload('gone-1.jpg')).id, (await world.upload('gone-2.jpg')).id];
    await trash(two);
    for (const [lang, question, done] of [
      ['fr', /^2 photos seront supprimées définitivement : elles ne pourront plus être restaurées\./, '2 photos supprimées définitivement.'],
      ['en', /^1 photo will be deleted for ever: it can no longer be restored\./, '1 photo deleted for ever.']]) {
      const page = await newPage();
      await logIn(page, ADMIN, lang);
      await page.waitForSelector('#trash-details');
      await page.click('#trash-details summary');
      await page.waitForSelector('#trash-empty:not([hidden])');
      // Cancel keeps every photo.
      await openDialog(page, '#trash-empty');
      assert.match(await page.textContent('dialog.admin-dialog[open] .confirm-text'), question);
      await lookAt(page, `trash-empty-confirm-${lang}`, false);
      await page.click('dialog.admin-dialog[open] button.secondary');
      assert.equal((await listed()).length, lang === 'fr' ? 2 : 1);
      await openDialog(page, '#trash-empty');
      await submitDialog(page);
      await page.waitForFunction((text) => document.querySelector('.trash-section > .status:last-child').textContent === text, done);
      assert.equal(await page.textContent('#trash-list'), lang === 'fr' ? 'La corbeille est vide.' : 'The trash is empty.');
      assert.ok(await page.$('#trash-empty[hidden]'), 'no Empty button on an empty trash');
      assert.deepEqual(await listed(), []);
      for (const id of (lang === 'fr' ? two : [])) {
        const restore = await fetch(`${world.base}/api/trash/${id}/restore`, {method: 'POST', headers: {Authorization: `Bearer ${adminToken}`}});
        assert.equal(restore.status, 404, 'gone for ever');
      }
      await lookAt(page, `trash-emptied-${lang}`, false);
      assert.deepEqual(page.errors, []);
      await page.close();
      await logOut();
      if (lang === 'fr') await trash([(await world.upload('gone-3.jpg')).id]);
    }
  });
});

// --- keyboard only

// Presses Tab (Shift+Tab with `back`) until the focus is on `selector`, at most 150 times.
async function tabTo(page, selector, back = false) {
  for (let i = 0; i < 150; i++) {
    if (await page.evaluate((sel) => Boolean(document.activeElement && document.activeElement.matches(sel)), selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  assert.fail(`the keyboard never reached ${selector}`);
}

// Arrow Down on the focused <select> until its value is `value`, at most 30 times.
async function arrowToOption(page, value) {
  for (let i = 0; i < 30; i++) {
    if (await page.evaluate(() => document.activeElement.value) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  assert.fail(`the select never reached ${value}`);
}

const liveText = (page) => page.textContent('#order-live');
const order = async (slug) => (await world.api('GET', `/api/albums/${slug}/photos`)).items.map((p) => p.id);

describe('reordering an album', () => {
  test('with the keyboard alone an editor creates an album, adds photos, reorders them and shares it', async () => {
    await world.api('POST', '/api/meetings', {slug: 'keyboard-meeting', title: {en: 'Keyboard meeting'}});
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await world.upload(`kb-${i}.jpg`, '?meeting=keyboard-meeting')).id);
    const page = await newPage();
    await logIn(page, EDITOR);

    // A private album, from the home page's button.
    await page.waitForSelector('#create-album');
    await tabTo(page, '#create-album');
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog.admin-dialog[open]');
    await tabTo(page, '#album-title-en');
    await page.keyboard.type('Keyboard day');
    await tabTo(page, '#album-visibility');
    await arrowToOption(page, 'private');
    await tabTo(page, '#album-title-en', true);
    await Promise.all([page.waitForURL(/\/albums\/keyboard-day$/), page.keyboard.press('Enter')]);
    assert.equal((await world.api('GET', '/api/albums/keyboard-day')).visibility, 'private');

    // The meeting's three photos, selected with Space and added to it.
    await page.goto('/meetings/keyboard-meeting');
    await page.waitForSelector(`.photo-grid li[data-id="${ids[2]}"]`);
    await tabTo(page, '.bulk-tools .toolbar button');
    await page.keyboard.press('Enter');
    for (const id of ids) {
      await tabTo(page, `.photo-grid li[data-id="${id}"] .select-box`);
      await page.keyboard.press('Space');
    }
    await page.waitForFunction(() => /3 selected/.test(document.querySelector('.selection-count').textContent));
    await page.waitForFunction(() => document.querySelector('#bulk-album option[value="keyboard-day"]'));
    await tabTo(page, '#bulk-album');
    await arrowToOption(page, 'keyboard-day');
    await tabTo(page, '.bulk-panel button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog.admin-dialog[open] #bulk-preview li');
    assert.ok(await page.evaluate(() => document.activeElement.matches('dialog.admin-dialog[open] button[type=submit]')));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.bulk-panel .status').textContent === '3 photos updated.');
    assert.deepEqual(await order('keyboard-day'), ids);

    // Reordered: the first photo picked up, moved to the end, put down; then
    // another picked up and put back with Escape, which leaves the dialog open.
    await page.goto('/albums/keyboard-day');
    await page.waitForSelector('#reorder-album');
    await tabTo(page, '#reorder-album');
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog.admin-dialog[open] .order-item');
    await tabTo(page, `.order-item[data-id="${ids[0]}"] .order-handle`);
    assert.equal(await page.getAttribute(`.order-item[data-id="${ids[0]}"] .order-handle`, 'aria-label'), 'Photo 1 of 3: ' +
      await page.evaluate((id) => document.querySelector(`.order-item[data-id="${id}"]`).dataset.alt, ids[0]));
    await page.keyboard.press('Space');
    assert.match(await liveText(page), /^Photo 1 of 3 picked up\./);
    await page.keyboard.press('ArrowDown');
    assert.equal(await liveText(page), 'Now at place 2 of 3.');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');  // already last: stays
    assert.equal(await liveText(page), 'Now at place 3 of 3.');
    await lookAt(page, 'reorder-moving-en', false);
    await page.keyboard.press('Space');
    assert.equal(await liveText(page), 'Put down at place 3 of 3.');
    await tabTo(page, `.order-item[data-id="${ids[1]}"] .order-handle`, true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    assert.equal(await liveText(page), 'Now at place 3 of 3.');
    await page.keyboard.press('Escape');
    assert.equal(await liveText(page), 'Put back at place 1 of 3.');
    assert.ok(await page.$('dialog.admin-dialog[open]'), 'Escape put the photo back without closing the dialog');
    assert.deepEqual(await page.$$eval('.order-item', (lis) => lis.map((li) => Number(li.dataset.id))), [ids[1], ids[2], ids[0]]);
    assert.deepEqual(await order('keyboard-day'), ids, 'nothing saved before Save');
    await tabTo(page, 'dialog.admin-dialog[open] button[type=submit]');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    assert.deepEqual(await order('keyboard-day'), [ids[1], ids[2], ids[0]]);

    // Shared: a link made and read without the mouse opens the private album.
    await page.waitForSelector('#share-details');
    await tabTo(page, '#share-details summary');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#share-create');
    await tabTo(page, '#share-create');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#share-url');
    const url = await page.inputValue('#share-url');
    assert.match(url, /\/albums\/keyboard-day\?share=[A-Za-z0-9_-]{43}$/);
    const shared = await fetch(url.replace('/albums/keyboard-day?share=', '/api/albums/keyboard-day/photos?share='));
    assert.equal(shared.status, 200);
    assert.deepEqual((await shared.json()).items.map((p) => p.id), [ids[1], ids[2], ids[0]]);
    assert.equal((await fetch(`${world.base}/api/albums/keyboard-day`)).status, 404, 'private without the link');
    assert.deepEqual(page.errors, []);
    await page.close();
    await logOut();
  });

  test('an admin reorders by dragging, in French', async () => {
    const ids = await order('keyboard-day');
    const page = await newPage();
    await logIn(page, ADMIN, 'fr');
    await page.goto('/albums/keyboard-day?lang=fr');
    await page.waitForSelector('#reorder-album');
    assert.equal(await page.textContent('#reorder-album'), 'Réordonner les photos');
    await openDialog(page, '#reorder-album');
    await page.waitForSelector('.order-item');
    assert.match(await page.textContent('#order-hint'), /Faites glisser une photo/);
    await lookAt(page, 'reorder-dialog-fr', false);
    // The last photo dragged onto the top half of the first: it goes first.
    await page.dragAndDrop(`.order-item[data-id="${ids[2]}"]`, `.order-item[data-id="${ids[0]}"]`,
      {targetPosition: {x: 20, y: 4}});
    assert.deepEqual(await page.$$eval('.order-item', (lis) => lis.map((li) => Number(li.dataset.id))), [ids[2], ids[0], ids[1]]);
    assert.equal(await liveText(page), 'Posée à la place 1 sur 3.');
    assert.equal(await page.getAttribute(`.order-item[data-id="${ids[2]}"] .order-handle`, 'aria-label'),
      'Photo 1 sur 3 : ' + await page.evaluate((id) => document.querySelector(`.order-item[data-id="${id}"]`).dataset.alt, ids[2]));
    await Promise.all([page.waitForEvent('load'), submitDialog(page)]);
    assert.deepEqual(await order('keyboard-day'), [ids[2], ids[0], ids[1]]);
    assert.deepEqual(page.errors, []);
    await page.close();
    await logOut();
  });
});

// --- users and tokens

const login = (who) => fetch(`${world.base}/api/session`, {method: 'POST', headers: {'Content-Type': 'application/json'},
  body: JSON.stringify(who)});
const adminApi = async (method, path) => {
  const token = world.adminToken ||= world.run(['token', 'create', '--role', 'admin', '--label', 'people']).trim().split('\n').pop();
  const r = await fetch(world.base + path, {method, headers: {Authorization: `Bearer ${token}`}});
  assert.ok(r.ok, `${method} ${path}: ${r.status}`);
  return r.json();
};
const userNamed = async (name) => (await adminApi('GET', '/api/users')).items.find((u) => u.name === name);

describe('users and tokens', () => {
  const NEWCOMER = {name: 'samira', password: 'first password 2016'};

  test('an admin adds a user, changes their role, disables, enables and gives a new password, in English', async () => {
    const page = await newPage();
    await logIn(page, ADMIN);
    await Promise.all([page.waitForURL(/\/people$/), page.click('#site-nav a[href="/people"]')]);
    await page.waitForSelector(`#user-list .person[data-name="${EDITOR.name}"]`);
    assert.equal(await page.textContent('main h1'), 'Users and tokens');
    assert.equal(await page.textContent(`.person[data-name="${ADMIN.name}"] .person-name`), `${ADMIN.name} (you)`);
    assert.ok(await page.$eval(`.person[data-name="${ADMIN.name}"] .role-select`, (s) => s.disabled), 'no demoting oneself');
    assert.equal(await page.$(`.person[data-name="${ADMIN.name}"] [data-action=disable]`), null);
    await lookAt(page, 'people-en');

    // Added, after a refusal of two passwords that differ.
    await openDialog(page, '#add-user');
    await page.fill('#new-user-name', NEWCOMER.name);
    await page.fill('#new-user-password', NEWCOMER.password);
    await page.fill('#new-user-again', NEWCOMER.password + '!');
    await submitDialog(page);
    await page.waitForFunction(() => document.querySelector('dialog.admin-dialog[open] [role=alert]').textContent !== '');
    assert.equal(await page.textContent('dialog.admin-dialog[open] [role=alert]'), 'The two passwords differ.');
    await lookAt(page, 'people-add-user-en', false);
    await page.fill('#new-user-again', NEWCOMER.password);
    await submitDialog(page);
    await page.waitForSelector(`.person[data-name="${NEWCOMER.name}"]`);
    assert.equal(await page.textContent('#user-list + .status'), 'samira is added as Editor.');
    assert.equal((await userNamed(NEWCOMER.name)).role, 'editor');
    assert.equal((await login(NEWCOMER)).status, 200);

    // A new role, at once.
    await page.selectOption(`.person[data-name="${NEWCOMER.name}"] .role-select`, 'viewer');
    await page.waitForFunction(() => document.querySelector('#user-list + .status').textContent === 'samira is now Viewer.');
    assert.equal((await userNamed(NEWCOMER.name)).role, 'viewer');

    // Disabled after the question; enabled again.
    await openDialog(page, `.person[data-name="${NEWCOMER.name}"] [data-action=disable]`);
    assert.match(await page.textContent('dialog.admin-dialog[open] .confirm-text'), /samira will no longer be able to log in/);
    await submitDialog(page);
    await page.waitForSelector(`.person[data-name="${NEWCOMER.name}"] [data-action=enable]`);
    assert.equal(await page.textContent(`.person[data-name="${NEWCOMER.name}"] .person-state`), 'Disabled');
    assert.equal((await userNamed(NEWCOMER.name)).disabled, true);
    assert.notEqual((await login(NEWCOMER)).status, 200);
    await page.click(`.person[data-name="${NEWCOMER.name}"] [data-action=enable]`);
    await page.waitForSelector(`.person[data-name="${NEWCOMER.name}"] [data-action=disable]`);
    assert.equal((await userNamed(NEWCOMER.name)).disabled, false);

    // A new password: the old one no longer opens a session.
    await openDialog(page, `.person[data-name="${NEWCOMER.name}"] [data-action=password]`);
    assert.match(await page.textContent('dialog.admin-dialog[open] .confirm-text'), /their open sessions end now/);
    await page.fill('#reset-password', 'second password 2016');
    await page.fill('#reset-again', 'second password 2016');
    await submitDialog(page);
    await page.waitForFunction(() => document.querySelector('#user-list + .status').textContent === 'samira has a new password.');
    assert.notEqual((await login(NEWCOMER)).status, 200);
    assert.equal((await login({name: NEWCOMER.name, password: 'second password 2016'})).status, 200);
    assert.deepEqual(page.errors, []);
    await page.close();
    await logOut();
  });

  test('an admin creates a token, copies its secret shown once, and revokes it, in French', async () => {
    await world.context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: world.base});
    const page = await newPage();
    await logIn(page, ADMIN, 'fr');
    await page.goto('/people?lang=fr');
    await page.waitForSelector('#create-token');
    assert.equal(await page.textContent('main h1'), 'Utilisateurs et jetons');
    await openDialog(page, '#create-token');
    await page.fill('#new-token-name', 'importateur');
    await page.selectOption('#new-token-role', 'editor');
    await page.selectOption('#new-token-days', '30');
    await lookAt(page, 'people-token-dialog-fr', false);
    await submitDialog(page);
    await page.waitForSelector('#token-secret');
    const secret = await page.inputValue('#token-secret');
    assert.match(await page.textContent('#token-new label'), /Le secret de « importateur » \(montré seulement maintenant/);
    await page.click('#token-copy');
    await page.waitForFunction(() => document.querySelector('#token-new .status').textContent !== '');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
    const made = (await adminApi('GET', '/api/tokens')).items.find((tok) => tok.name === 'importateur');
    assert.equal(made.role, 'editor');
    const days = (Date.parse(made.expires_at) - Date.now()) / 86400000;
    assert.ok(days > 29.9 && days <= 30.01, `expires in ${days} days`);
    const withSecret = () => fetch(`${world.base}/api/albums/keyboard-day`, {headers: {Authorization: `Bearer ${secret}`}});
    assert.equal((await withSecret()).status, 200, 'the secret opens a private album');
    await lookAt(page, 'people-fr', false);
    // Shown once: gone after a reload.
    await page.reload();
    await page.waitForSelector(`#token-list .token[data-id="${made.id}"]`);
    assert.equal(await page.$('#token-secret'), null);
    await openDialog(page, `#token-list .token[data-id="${made.id}"] .revoke-token`);
    assert.match(await page.textContent('dialog.admin-dialog[open] .confirm-text'),
      /Le jeton « importateur » cessera aussitôt de fonctionner/);
    await submitDialog(page);
    await page.waitForFunction(() => /révoqué/.test(document.querySelector('#token-list + .status').textContent));
    assert.equal((await withSecret()).status, 401);
    assert.deepEqual(page.errors, []);
    await page.close();
    await logOut();
  });

  test('editors, viewers and visitors get neither the page nor its code', async () => {
    for (const who of [EDITOR, VIEWER, null]) {
      const page = await newPage();
      if (who) await logIn(page, who);
      await page.goto('/people');
      await page.waitForSelector('main h1');
      assert.equal(await page.textContent('main p'), 'This page is for admins.');
      assert.equal(await page.$('#site-nav a[href="/people"]'), null);
      assert.equal(await page.$('#add-user, #create-token, #user-list'), null);
      assert.equal(page.scripts.filter((s) => s.includes('admin_people')).length, 0, page.scripts.join());
      if (!who) await lookAt(page, 'people-visitor-en');
      await page.close();
      await logOut();
    }
  });
});

// --- bulk edit of every field

describe('bulk edit', () => {
  test('an editor changes every field of a selection after seeing what will change, in English', async () => {
    await world.api('POST', '/api/meetings', {slug: 'bulk-meeting', title: {en: 'Bulk meeting', fr: 'Réunion groupée'}});
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await world.upload(`bulk-${i}.jpg`, '?meeting=bulk-meeting')).id);
    await world.api('PATCH', `/api/photos/${ids[0]}`, {credit: '© IOM 2016', keywords: ['opening', 'hall']});
    await world.api('PATCH', `/api/photos/${ids[1]}`, {keywords: ['hall']});
    const page = await newPage();
    await logIn(page, EDITOR);
    await page.goto('/meetings/bulk-meeting');
    await page.waitForSelector(`.photo-grid li[data-id="${ids[2]}"]`);
    await page.click('.bulk-tools .toolbar button');
    for (const id of ids) await page.click(`.photo-grid li[data-id="${id}"] .select-box`);
    await page.fill('#bulk-credit', '© IOM 2016');
    await page.fill('#bulk-caption-fr', 'Séance plénière');
    await page.fill('#bulk-alt-text-en', 'Delegates in the hall');
    await page.fill('#bulk-creator', 'A. Photographer');
    await page.fill('#bulk-copyright', 'IOM');
    await page.fill('#bulk-usage-terms', 'Editorial use only');
    await page.fill('#bulk-embargo', '2030-01-01');
    await page.selectOption('#bulk-keywords-action', 'remove');
    await page.fill('#bulk-keywords', 'hall');
    await page.click('.bulk-panel button[type=submit]');
    await page.waitForSelector('dialog.admin-dialog[open] #bulk-preview li');
    const lines = await page.$$eval('#bulk-preview li', (lis) => lis.map((li) => li.textContent));
    assert.ok(lines.includes('2 photos: Credit “” → “© IOM 2016”; 1 already have it'), lines.join('\n'));
    assert.ok(lines.includes('3 photos: Caption (French) “” → “Séance plénière”'), lines.join('\n'));
    assert.ok(lines.includes('Keywords “hall” removed from 2 photos; 1 do not have them'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('3 photos: Embargo until “” → “2030-01-01”')), lines.join('\n'));
    assert.equal(await page.textContent('dialog.admin-dialog[open] h2'), 'What will change in 3 photos');
    await lookAt(page, 'bulk-preview-en', false);
    // Cancel writes nothing.
    await page.click('dialog.admin-dialog[open] button.secondary');
    assert.deepEqual((await world.api('GET', `/api/photos/${ids[1]}`)).keywords, ['hall']);
    await page.click('.bulk-panel button[type=submit]');
    await page.waitForSelector('dialog.admin-dialog[open] #bulk-preview li');
    await page.click('dialog.admin-dialog[open] button[type=submit]');
    await page.waitForFunction(() => document.querySelector('.bulk-panel .status').textContent === '3 photos updated.');
    const got = await Promise.all(ids.map((id) => world.api('GET', `/api/photos/${id}`)));
    for (const p of got) {
      assert.deepEqual([p.credit, p.caption.fr, p.alt_text.en, p.creator, p.copyright, p.usage_terms, p.embargo_until.slice(0, 10)],
        ['© IOM 2016', 'Séance plénière', 'Delegates in the hall', 'A. Photographer', 'IOM', 'Editorial use only', '2030-01-01'], `photo ${p.id}`);
    }
    assert.deepEqual(got.map((p) => p.keywords), [['opening'], [], []]);
    const history = (await world.api('GET', `/api/photos/${ids[1]}/history`)).items;
    assert.ok(history.some((e) => e.field === 'credit' && e.new_value === '© IOM 2016' && e.who === EDITOR.name), JSON.stringify(history));
    assert.ok(history.some((e) => e.field === 'keywords' && e.old_value === '["hall"]' && e.new_value === '[]'));
    assert.deepEqual(page.errors, []);
    await page.close();
    await logOut();
  });

  test('an admin adds keywords to a selection, each photo keeping its own, in French', async () => {
    const photos = (await world.api('GET', '/api/photos?meeting=bulk-meeting')).items;
    const ids = photos.map((p) => p.id).sort((a, b) => a - b);
    const page = await newPage();
    await logIn(page, ADMIN, 'fr');
    await page.goto('/meetings/bulk-meeting?lang=fr');
    await page.waitForSelector(`.photo-grid li[data-id="${ids[2]}"]`);
    await page.click('.bulk-tools .toolbar button');
    for (const id of ids.slice(0, 2)) await page.click(`.photo-grid li[data-id="${id}"] .select-box`);
    assert.equal(await page.inputValue('#bulk-keywords-action'), 'add');
    await page.fill('#bulk-keywords', 'plénière, opening');
    await page.click('.bulk-panel button[type=submit]');
    await page.waitForSelector('dialog.admin-dialog[open] #bulk-preview li');
    const lines = await page.$$eval('#bulk-preview li', (lis) => lis.map((li) => li.textContent));
    assert.deepEqual(lines, ['Mots-clés « plénière », « opening » ajoutés à 2 photos ; 0 les ont déjà']);
    await lookAt(page, 'bulk-preview-fr', false);
    await page.click('dialog.admin-dialog[open] button[type=submit]');
    await page.waitForFunction(() => document.querySelector('.bulk-panel .status').textContent === '2 photos modifiées.');
    const got = await Promise.all(ids.map((id) => world.api('GET', `/api/photos/${id}`)));
    assert.deepEqual(got.map((p) => p.keywords), [['opening', 'plénière'], ['plénière', 'opening'], []]);
    assert.deepEqual(page.errors, []);
    await page.close();
    await logOut();
  });

  test('field and album changes go in one request; the photos\' history names the album in English and French and reverts it', async () => {
    await world.api('POST', '/api/albums', {slug: 'jour-3', title: {en: 'Day 3', fr: 'Jour 3'}});
    await world.api('POST', '/api/albums', {slug: 'only-english', title: {en: 'Only English'}});
    await world.api('POST', '/api/meetings', {slug: 'album-bulk', title: {en: 'Album bulk'}});
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await world.upload(`album-bulk-${i}.jpg`, '?meeting=album-bulk')).id);
    const page = await newPage();
    await logIn(page, EDITOR);
    await page.goto('/meetings/album-bulk');
    await page.waitForSelector(`.photo-grid li[data-id="${ids[2]}"]`);
    await page.click('.bulk-tools .toolbar button');
    for (const id of ids.slice(0, 2)) await page.click(`.photo-grid li[data-id="${id}"] .select-box`);
    await page.fill('#bulk-credit', 'Photo: IOM / Day 3');
    await page.fill('#bulk-headline-en', 'Day 3');
    await page.selectOption('#bulk-keywords-action', 'replace');
    await page.fill('#bulk-keywords', 'day 3, field visit');
    await page.waitForFunction(() => document.querySelector('#bulk-album option[value="jour-3"]'));
    await page.selectOption('#bulk-album', 'jour-3');
    await page.click('.bulk-panel button[type=submit]');
    await page.waitForSelector('dialog.admin-dialog[open] #bulk-preview li');
    const lines = await page.$$eval('#bulk-preview li', (lis) => lis.map((li) => li.textContent));
    assert.ok(lines.some((l) => l.startsWith('2 photos: Credit ') && l.endsWith('→ “Photo: IOM / Day 3”')), lines.join('\n'));
    assert.ok(lines.includes('Added to the album “Day 3”: 2 photos; 0 already in it'), lines.join('\n'));
    assert.ok(lines.includes('2 photos: Headline (English) “” → “Day 3”'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('2 photos: Keywords ') && l.endsWith('→ “day 3, field visit”')), lines.join('\n'));
    // Every write the page sends from here on.
    const writes = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET' && new URL(r.url()).pathname.startsWith('/api/')) writes.push([r.method(), new URL(r.url()).pathname, r.postDataJSON()]);
    });
    await submitDialog(page);
    await page.waitForFunction(() => document.querySelector('.bulk-panel .status').textContent === '2 photos updated.');
    assert.equal(writes.length, 1, JSON.stringify(writes));
    assert.deepEqual(writes[0].slice(0, 2), ['PATCH', '/api/photos']);
    assert.deepEqual(writes[0][2], {ids: ids.slice(0, 2), set: {headline: {en: 'Day 3'}, credit: 'Photo: IOM / Day 3',
      keywords: ['day 3', 'field visit'], add_to_album: 'jour-3'}});
    for (const id of ids.slice(0, 2)) {
      const p = await world.api('GET', `/api/photos/${id}`);
      assert.deepEqual([p.credit, p.headline.en, p.keywords], ['Photo: IOM / Day 3', 'Day 3', ['day 3', 'field visit']]);
      assert.ok(p.albums.includes('jour-3'), JSON.stringify(p.albums));
    }

    // The photo's history says it joined the album, by whom, in both languages.
    await world.api('POST', '/api/albums/only-english/photos', {ids: [ids[0]]});
    await page.goto(`/photos/${ids[0]}?lang=en`);
    await page.waitForSelector('.history li[data-field="album"]');
    const english = await page.$$eval('.history li[data-field="album"] .change', (els) => els.map((e) => e.textContent));
    assert.deepEqual(english, ['Added to album “Only English”', 'Added to album “Day 3”']);
    const bys = await page.$$eval('.history li[data-field="album"] .by', (els) => els.map((e) => e.textContent));
    assert.match(bys[1], new RegExp(`^by ${EDITOR.name}, `));
    await page.goto(`/photos/${ids[0]}?lang=fr`);
    await page.waitForSelector('.history li[data-field="album"]');
    const french = await page.$$eval('.history li[data-field="album"] .change', (els) => els.map((e) => e.textContent));
    assert.deepEqual(french, ['Ajoutée à l’album « only-english »', 'Ajoutée à l’album « Jour 3 »']);

    // Revert: the photo leaves the album, and the history says so; a second
    // revert (of that leave) brings it back.
    await page.goto(`/photos/${ids[0]}?lang=en`);
    await page.waitForSelector('.history li[data-field="album"]');
    await page.locator('.history li[data-field="album"]').nth(1).locator('button').click();
    await page.waitForFunction(() => document.querySelector('.history li .change')?.textContent === 'Removed from album “Day 3”');
    assert.ok(!(await world.api('GET', `/api/photos/${ids[0]}`)).albums.includes('jour-3'));
    await page.locator('.history li').first().locator('button').click();
    await page.waitForFunction(() => document.querySelector('.history li .change')?.textContent === 'Added to album “Day 3”');
    assert.ok((await world.api('GET', `/api/photos/${ids[0]}`)).albums.includes('jour-3'));
    assert.deepEqual(page.errors, []);
    await page.close();
    await logOut();
  });
});

// --- the photo page

describe('the photo page', () => {
  test('an editor sees and edits every rights field and reads the history in their time zone, in English and French', async () => {
    const photo = (await world.api('GET', '/api/photos?meeting=bulk-meeting')).items.sort((a, b) => a.id - b.id)[0];
    const page = await newPage();
    // The reader is in New York: history times are theirs, not UTC.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTimezoneOverride', {timezoneId: 'America/New_York'});
    await logIn(page, EDITOR);
    await page.goto(`/photos/${photo.id}?lang=en`);
    await page.waitForSelector('.history li');
    const fact = (key) => page.textContent(`.facts dd[data-field="${key}"]`);
    assert.equal(await fact('credit'), '© IOM 2016');
    assert.equal(await fact('creator'), 'A. Photographer');
    assert.equal(await fact('copyright'), 'IOM');
    assert.equal(await fact('usage_terms'), 'Editorial use only');
    assert.equal(await fact('embargo_until'), '1 January 2030');
    assert.ok(page.scripts.some((src) => src.endsWith('/editor_photo.js')));

    // Newest first, fields by their names, keywords as what changed.
    const entries = await page.$$eval('.history li', (lis) => lis.map((li) => ({id: Number(li.dataset.id),
      field: li.dataset.field, text: li.querySelector('.change').textContent, at: li.querySelector('time').getAttribute('datetime'),
      shown: li.querySelector('time').textContent})));
    assert.deepEqual(entries.map((e) => e.id), entries.map((e) => e.id).slice().sort((a, b) => b - a), 'newest first');
    const text = entries.map((e) => e.text).join('\n');
    assert.match(text, /^Keywords: added “plénière”$/m, text);
    assert.match(text, /^Keywords: removed “hall”$/m, text);
    assert.match(text, /^Caption \(French\): \(empty\) → “Séance plénière”$/m, text);
    assert.match(text, /^Terms of use: \(empty\) → “Editorial use only”$/m, text);
    assert.doesNotMatch(text, /alt_text\.en|\["/, text);
    const inNewYork = new Intl.DateTimeFormat('en-GB', {dateStyle: 'long', timeStyle: 'short', timeZone: 'America/New_York'})
      .format(new Date(entries[0].at));
    assert.equal(entries[0].shown, inNewYork);
    await lookAt(page, 'photo-editor-en', false);

    // Edited: creator and terms of use; the embargo lifted.
    await page.fill('#edit-creator', 'B. Photographer');
    await page.fill('#edit-usage-terms', 'Any use with credit');
    await page.fill('#edit-embargo', '');
    await page.click('.edit-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('.facts dd[data-field="creator"]')?.textContent === 'B. Photographer');
    let got = await world.api('GET', `/api/photos/${photo.id}`);
    assert.deepEqual([got.creator, got.usage_terms, got.embargo_until], ['B. Photographer', 'Any use with credit', null]);
    await page.waitForSelector('.history li[data-field="creator"]');
    assert.equal(await page.textContent('.history li:first-child .change').then((t) => /^(Creator|Terms of use|Embargo until):/.test(t)), true);

    // Reverted from the history, in French.
    await page.goto(`/photos/${photo.id}?lang=fr`);
    await page.waitForSelector('.history li[data-field="creator"]');
    const creatorEntry = page.locator('.history li[data-field="creator"]').first();
    assert.equal(await creatorEntry.locator('.change').textContent(), 'Auteur : « A. Photographer » → « B. Photographer »');
    assert.match(await page.textContent('.history'), /Légende \(français\) : \(vide\) → « Séance plénière »/);
    assert.match(await page.textContent('.history'), /Mots-clés : « hall » retiré\(s\)/);
    await lookAt(page, 'photo-editor-fr', false);
    await creatorEntry.locator('button').click();
    await page.waitForFunction(() => document.querySelector('.facts dd[data-field="creator"]')?.textContent === 'A. Photographer');
    got = await world.api('GET', `/api/photos/${photo.id}`);
    assert.equal(got.creator, 'A. Photographer');
    assert.deepEqual(page.errors, []);
    await page.close();
    await logOut();
  });

  test('a visitor sees the rights and the camera summary, but no embargo, form or history, and not their code', async () => {
    const shot = await world.upload('rights.jpg');
    await world.api('PATCH', `/api/photos/${shot.id}`, {credit: '© IOM 2017', creator: 'C. Photographer',
      copyright: 'IOM', usage_terms: 'Editorial use only'});
    for (const lang of ['en', 'fr']) {
      const page = await newPage();
      await page.goto(`/photos/${shot.id}?lang=${lang}`);
      await page.waitForSelector('.facts');
      assert.equal(await page.textContent('.facts dd[data-field="creator"]'), 'C. Photographer');
      assert.equal(await page.textContent('.facts dd[data-field="usage_terms"]'), 'Editorial use only');
      assert.equal(await page.textContent('.facts dd[data-field="copyright"]'), 'IOM');
      assert.equal(await page.textContent('.facts dd[data-field="size"]'), '480 × 320');
      for (const selector of ['.edit-form', '.history-panel', '.facts dd[data-field="embargo_until"]']) {
        assert.equal(await page.$(selector), null, `a visitor sees ${selector}`);
      }
      assert.equal(page.scripts.filter((src) => src.includes('editor_')).length, 0, page.scripts.join());
      await lookAt(page, `photo-visitor-${lang}`);
      await page.close();
    }
  });
});
