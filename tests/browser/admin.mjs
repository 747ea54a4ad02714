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
    await page.click('#bulk-add-album');
    await page.waitForFunction(() => /2 photos added to Day 3/.test(document.querySelector('.album-tools .status').textContent));
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
    await openDialog(page, '#bulk-remove-album');
    assert.match(await page.textContent('dialog.admin-dialog[open] .confirm-text'), /This photo will leave this album\. It stays in the archive/);
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
          '#delete-album', '#delete-meeting', '#choose-cover', '.bulk-tools', '#bulk-album']) {
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
});
