// The gallery's layout in headless Chromium at a phone's, a tablet's and a
// laptop's size, in English and French: node layout.mjs GALLERY_BINARY SOURCE_DIR OUT_DIR
// On the home, meeting and album pages: no sideways scrolling, no
// accessibility violation, justified rows that keep each photo's shape,
// the meeting's photos under one heading per day, filters that fit (folded
// on phones, listing only this page's credits and tags), alt texts, the
// skip link to the first photo; days in the meeting's time zone, set by an
// editor in the meeting's form; the viewer's address, Back, keyboard, wheel
// and pinch zoom and info panel. Screenshots of every page go to OUT_DIR.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {EDITOR, World, makeDatedJpeg, expectAccessible, expectNoOverflow, newPageOf} from './fixtures.mjs';

const [binary, sourceDir, outDir] = process.argv.slice(2);
if (!binary || !sourceDir || !outDir) {
  console.error('usage: node layout.mjs GALLERY_BINARY SOURCE_DIR OUT_DIR');
  process.exit(2);
}
const world = new World(binary, sourceDir, outDir);
const newPage = (viewport) => newPageOf(world.context, viewport);
const axe = (page, what) => expectAccessible(page, what);
const noOverflow = expectNoOverflow;
const VIEWPORTS = [[390, 844], [768, 1024], [1280, 800]];
const LANGS = ['en', 'fr'];

// Photos of three days in every shape: [file, taken, width, height].
const SHOTS = [
  ['wide.jpg', '2016:07:04 09:00:00', 1600, 900],
  ['tall.jpg', '2016:07:04 10:00:00', 800, 1200],
  ['square.jpg', '2016:07:04 11:00:00', 1000, 1000],
  ['panorama.jpg', '2016:07:05 09:00:00', 2400, 800],
  ['classic.jpg', '2016:07:05 10:00:00', 1200, 800],
  ['portrait.jpg', '2016:07:05 11:00:00', 900, 1200],
  ['late.jpg', '2016:07:06 17:00:00', 1500, 1000],
  ['closing.jpg', '2016:07:06 18:00:00', 1000, 1400],
];
let photos = [];

before(async () => {
  world.setUp();
  world.run(['meeting', 'add', 'nasa-visit', '--title-en', 'Space visit', '--credit', 'NASA']);
  world.run(['album', 'add', 'space', '--meeting', 'nasa-visit', '--title-en', 'Space']);
  await world.startServer();
  for (const [name, when, width, height] of SHOTS) {
    const bytes = readFileSync(makeDatedJpeg(join(world.images, name), when, width, height));
    photos.push(await world.api('POST', '/api/photos?album=opening-session&meeting=casablanca-2016', bytes,
      {'Content-Type': 'image/jpeg', 'X-Filename': name}));
  }
  await world.upload('rocket.jpg', '?album=space&meeting=nasa-visit');
  await world.api('PATCH', `/api/photos/${photos[0].id}`, {caption: {en: 'Delegates arrive', fr: 'Arrivée des délégués'},
    keywords: ['arrival'], copyright: '© IOM', usage_terms: 'Editorial use only'});
  await world.api('PATCH', `/api/photos/${photos[1].id}`, {alt_text: {en: 'A delegate at the door', fr: 'Un délégué à la porte'}});
  photos = (await world.api('GET', '/api/photos?album=opening-session&limit=100')).items;
  await world.startBrowser();
});
after(() => world.tearDown());




// Every image of the grid loaded (lazy ones scrolled to first).
async function gridLoaded(page, count) {
  await page.waitForFunction((n) => document.querySelectorAll('.photo-grid li').length === n, count, {timeout: 15000});
  await page.evaluate(async () => {
    for (const img of document.querySelectorAll('.photo-grid img')) {
      img.loading = 'eager';
      if (!img.complete) await new Promise((resolve) => { img.onload = img.onerror = resolve; });
    }
  });
}

// The rendered box of every tile against its photo's width/height.
async function shapes(page) {
  return page.$$eval('.photo-grid li', (items) => items.map((li) => {
    const r = li.querySelector('a.tile').getBoundingClientRect();
    return {id: Number(li.dataset.id), width: r.width, height: r.height, top: r.top, right: r.right,
      list: [...document.querySelectorAll('.photo-grid')].indexOf(li.parentElement),
      listRight: li.parentElement.getBoundingClientRect().right};
  }));
}

function assertShapesKept(boxes, what) {
  for (const box of boxes) {
    const photo = photos.find((p) => p.id === box.id) || {width: 480, height: 320};
    const want = photo.width / photo.height;
    const got = box.width / box.height;
    assert.ok(Math.abs(got / want - 1) < 0.03, `${what}: photo ${box.id} shown ${box.width.toFixed(1)}×${box.height.toFixed(1)}, ` +
      `its shape is ${photo.width}×${photo.height}`);
  }
  // Every row but each list's last fills the width.
  const rows = new Map();
  for (const box of boxes) {
    const key = `${box.list}:${Math.round(box.top)}`;
    rows.set(key, [...(rows.get(key) || []), box]);
  }
  const byList = new Map();
  for (const [key, row] of rows) {
    const list = key.split(':')[0];
    byList.set(list, [...(byList.get(list) || []), row]);
  }
  for (const lists of byList.values()) {
    for (const row of lists.slice(0, -1)) {
      const right = Math.max(...row.map((b) => b.right));
      assert.ok(Math.abs(right - row[0].listRight) < 2, `${what}: a row ends at ${right}, the grid at ${row[0].listRight}`);
    }
  }
}

describe('pages at every size and language', () => {
  for (const viewport of VIEWPORTS) {
    for (const lang of LANGS) {
      const size = `${viewport[0]}x${viewport[1]}`;
      test(`home, meeting and album at ${size} in ${lang}`, async () => {
        const page = await newPage(viewport);
        try {
          await page.goto(`/?lang=${lang}`);
          await page.waitForSelector('.cards .card');
          await gridLoaded(page, photos.length + 1);
          await noOverflow(page, `home ${size} ${lang}`);
          assertShapesKept(await shapes(page), `home ${size} ${lang}`);
          await axe(page, `home ${size} ${lang}`);
          await page.screenshot({path: join(outDir, `home-${size}-${lang}.png`), fullPage: true});

          await page.goto(`/meetings/casablanca-2016?lang=${lang}`);
          await gridLoaded(page, photos.length);
          const days = await page.$$eval('.day-heading', (hs) => hs.map((x) => x.textContent));
          assert.deepEqual(days, lang === 'en'
            ? ['Monday, 4 July 2016', 'Tuesday, 5 July 2016', 'Wednesday, 6 July 2016']
            : ['lundi 4 juillet 2016', 'mardi 5 juillet 2016', 'mercredi 6 juillet 2016']);
          const perDay = await page.$$eval('.grid-body ul.photo-grid', (ls) => ls.map((l) => l.children.length));
          assert.deepEqual(perDay, [3, 3, 2]);
          await noOverflow(page, `meeting ${size} ${lang}`);
          assertShapesKept(await shapes(page), `meeting ${size} ${lang}`);
          await axe(page, `meeting ${size} ${lang}`);
          await page.screenshot({path: join(outDir, `meeting-${size}-${lang}.png`), fullPage: true});

          await page.goto(`/albums/opening-session?lang=${lang}`);
          await gridLoaded(page, photos.length);
          await page.waitForSelector('#f-credit-list option', {state: 'attached'});
          await noOverflow(page, `album ${size} ${lang}`);
          assertShapesKept(await shapes(page), `album ${size} ${lang}`);
          const phone = viewport[0] < 700;
          assert.equal(await page.isVisible('#filters'), !phone, 'the filters fold away on phones only');
          assert.equal(await page.isVisible('.filters-toggle'), phone);
          if (phone) {
            await page.click('.filters-toggle');
            await page.waitForSelector('#filters', {state: 'visible'});
            assert.equal(await page.getAttribute('.filters-toggle', 'aria-expanded'), 'true');
          }
          for (const id of ['#f-q', '#f-credit', '#f-tag', '#f-from', '#f-to']) {
            const box = await page.locator(id).boundingBox();
            assert.ok(box.x >= 0 && box.x + box.width <= viewport[0], `${id} fits in ${viewport[0]} px: ${JSON.stringify(box)}`);
          }
          await noOverflow(page, `album with its filters open ${size} ${lang}`);
          await axe(page, `album ${size} ${lang}`);
          await page.screenshot({path: join(outDir, `album-${size}-${lang}.png`), fullPage: true});
          assert.deepEqual(page.errors, []);
        } finally {
          await page.close();
        }
      });
    }
  }
});

describe('the grid', () => {
  test('credit and tag list only what the album holds, with counts, and filter it', async () => {
    const page = await newPage([1280, 800]);
    await page.goto('/albums/opening-session?lang=en');
    await gridLoaded(page, photos.length);
    await page.waitForSelector('#f-tag-list option', {state: 'attached'});
    const credits = await page.$$eval('#f-credit-list option', (os) => os.map((o) => [o.value, o.textContent]));
    assert.deepEqual(credits, [['© IOM 2016', `${photos.length} photos`]], 'NASA is not in this album');
    assert.deepEqual(await page.$$eval('#f-tag-list option', (os) => os.map((o) => [o.value, o.textContent])),
      [['arrival', '1 photo']]);
    assert.equal(await page.getAttribute('#f-credit', 'list'), 'f-credit-list', 'a text box with suggestions: a combobox');
    await page.fill('#f-tag', 'arrival');
    await page.waitForFunction(() => document.querySelectorAll('.photo-grid li').length === 1);
    assert.match(page.url(), /tag=arrival/);
    await page.goto('/albums/space?lang=en');
    await page.waitForSelector('#f-credit-list option', {state: 'attached'});
    assert.deepEqual(await page.$$eval('#f-credit-list option', (os) => os.map((o) => o.value)), ['NASA']);
    await page.close();
  });

  test('alt text: its own, else the caption, else who took it at which meeting, in the page language', async () => {
    const page = await newPage([1280, 800]);
    for (const [lang, want] of [['en', ['Delegates arrive', 'A delegate at the door',
      'Photo by © IOM 2016, Technical meeting, Casablanca']],
    ['fr', ['Arrivée des délégués', 'Un délégué à la porte', 'Photo : © IOM 2016, Réunion technique, Casablanca']]]) {
      await page.goto(`/albums/opening-session?lang=${lang}`);
      await gridLoaded(page, photos.length);
      const alts = await page.$$eval('.photo-grid img', (imgs) => imgs.map((i) => i.alt));
      assert.deepEqual(alts.slice(0, 3), want);
      assert.ok(alts.every((a) => !/^Photo \d+$/.test(a)), `no "Photo N": ${alts}`);
    }
    await page.close();
  });

  test('the second skip link goes to the first photo', async () => {
    const page = await newPage([1280, 800]);
    await page.goto('/albums/opening-session?lang=en');
    await gridLoaded(page, photos.length);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'skip-link');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to the first photo');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.index), '0');
    await page.close();
  });

  test('squares are a remembered option; rows again on request', async () => {
    const page = await newPage([1280, 800]);
    await page.goto('/albums/opening-session?lang=en');
    await gridLoaded(page, photos.length);
    await page.click('.layout-switch button[data-layout="square"]');
    const square = await shapes(page);
    assert.ok(square.every((b) => Math.abs(b.width - b.height) < 1.5), 'every tile square');
    await page.reload();
    await gridLoaded(page, photos.length);
    assert.ok((await shapes(page)).every((b) => Math.abs(b.width - b.height) < 1.5), 'still squares after reload');
    assert.equal(await page.getAttribute('.layout-switch button[data-layout="square"]', 'aria-pressed'), 'true');
    await page.click('.layout-switch button[data-layout="justified"]');
    assertShapesKept(await shapes(page), 'rows again');
    await page.close();
  });
});

describe('the viewer', () => {
  // In the page: the photo is shown larger than `least` times its fitted
  // size, in the plain view (its transform) or in deep zoom (a photo larger
  // than the screen, zoomed into: the viewer's own drawing, the dialog
  // marked zoomed).
  const zoomedIn = (least) => {
    const dialog = document.querySelector('dialog.lightbox');
    if (dialog.classList.contains('deep')) return dialog.classList.contains('zoomed');
    return new DOMMatrix(getComputedStyle(document.querySelector('.lb-image')).transform).a > least;
  };
  const transformScale = (page) => page.$eval('.lb-image', (img) => new DOMMatrix(getComputedStyle(img).transform).a);

  for (const [viewport, lang] of [[[390, 844], 'fr'], [[1280, 800], 'en']]) {
    test(`address, Back, Forward, keyboard zoom and info at ${viewport.join('x')} in ${lang}`, async () => {
      const page = await newPage(viewport);
      const target = photos[3];  // the panorama, 2400×800
      await page.goto(`/albums/opening-session?lang=${lang}`);
      await gridLoaded(page, photos.length);
      await page.click(`.photo-grid li[data-id="${target.id}"] a.tile`);
      await page.waitForSelector('dialog.lightbox[open]');
      assert.equal(new URL(page.url()).searchParams.get('photo'), String(target.id), 'the address names the photo');
      await page.waitForFunction(() => document.querySelector('.lb-image').complete);
      const box = await page.locator('.lb-image').boundingBox();
      assert.ok(box.width >= viewport[0] * 0.9, `the photo fills the width: ${box.width} of ${viewport[0]}`);
      assert.ok(Math.abs(box.width / box.height - 3) < 0.05, 'and keeps its shape');
      await noOverflow(page, 'viewer');
      await axe(page, `viewer ${viewport.join('x')} ${lang}`);
      await page.screenshot({path: join(outDir, `viewer-${viewport.join('x')}-${lang}.png`)});

      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((id) => new URL(location.href).searchParams.get('photo') === String(id), photos[4].id);
      await page.keyboard.press('+');
      assert.ok(await transformScale(page) > 1.4, 'zoomed in');
      await page.waitForFunction(() => /\/large\.webp/.test(document.querySelector('.lb-image').src));
      await page.keyboard.press('-');
      assert.equal(await transformScale(page), 1, 'zoomed back out');
      await page.keyboard.press('i');
      await page.waitForSelector('#lb-info', {state: 'visible'});
      assert.match(await page.textContent('#lb-info'), /1200 × 800/);
      await page.keyboard.press('i');
      await page.waitForSelector('#lb-info', {state: 'hidden'});

      await page.goBack();
      await page.waitForSelector('dialog.lightbox:not([open])', {state: 'attached'});
      assert.equal(new URL(page.url()).searchParams.get('photo'), null, 'Back closes the viewer');
      await page.goForward();
      await page.waitForSelector('dialog.lightbox[open]');
      await page.waitForFunction((src) => document.querySelector('.lb-image').src.includes(src), `/media/${photos[4].id}/`);
      await page.keyboard.press('Escape');
      await page.waitForSelector('dialog.lightbox:not([open])', {state: 'attached'});
      await page.waitForFunction(() => !new URL(location.href).searchParams.has('photo'));

      await page.goto(`/albums/opening-session?lang=${lang}&photo=${photos[0].id}`);
      await page.waitForSelector('dialog.lightbox[open]');
      assert.equal(await page.textContent('.lb-caption'), lang === 'en' ? 'Delegates arrive' : 'Arrivée des délégués');
      assert.equal(await page.textContent('.lb-counter'), lang === 'en' ? `1 of ${photos.length}` : `1 sur ${photos.length}`);
      await page.keyboard.press('i');
      assert.match(await page.textContent('#lb-info'), /Editorial use only/);
      assert.match(await page.textContent('#lb-info'), /© IOM/);
      await page.keyboard.press('Escape');
      await page.waitForSelector('dialog.lightbox:not([open])', {state: 'attached'});
      // The address is replaced just after the dialog closes: wait for it (bounded) before reading it.
      await page.waitForFunction(() => !new URL(location.href).searchParams.has('photo'), null, {timeout: 5000})
        .catch(() => {});
      assert.equal(new URL(page.url()).searchParams.get('photo'), null, 'closing a linked photo leaves the album address');
      assert.deepEqual(page.errors, []);
      await page.close();
    });
  }

  test('wheel and double-click zoom; the next photo is fetched ahead', async () => {
    const page = await newPage([1280, 800]);
    const asked = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(`/albums/opening-session?lang=en&photo=${photos[1].id}`);
    await page.waitForSelector('dialog.lightbox[open]');
    await page.waitForFunction(() => document.querySelector('.lb-image').complete);
    assert.ok(asked.includes(`/media/${photos[2].id}/medium.webp`), 'the next photo is preloaded');
    assert.ok(asked.includes(`/media/${photos[0].id}/medium.webp`), 'and the previous one');
    const box = await page.locator('.lb-stage').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await page.waitForFunction(zoomedIn, 1.2);
    await page.keyboard.press('0');
    await page.waitForFunction(() => !document.querySelector('dialog.lightbox').classList.contains('zoomed'));
    await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(zoomedIn, 1.9);
    await page.close();
  });

  test('two fingers pinch-zoom on a touch screen', async () => {
    const touch = await world.touchContext();
    try {
      const tp = await touch.newPage();
      await tp.setViewportSize({width: 390, height: 844});
      await tp.goto(`/albums/opening-session?lang=en&photo=${photos[0].id}`);
      await tp.waitForSelector('dialog.lightbox[open]');
      await tp.waitForFunction(() => document.querySelector('.lb-image').complete);
      const box = await tp.locator('.lb-stage').boundingBox();
      const cdp = await touch.newCDPSession(tp);
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      await cdp.send('Input.dispatchTouchEvent', {type: 'touchStart', touchPoints: [{x: x - 30, y, id: 1}, {x: x + 30, y, id: 2}]});
      for (let i = 1; i <= 5; i++) {
        await cdp.send('Input.dispatchTouchEvent', {type: 'touchMove',
          touchPoints: [{x: x - 30 - i * 12, y, id: 1}, {x: x + 30 + i * 12, y, id: 2}]});
      }
      await cdp.send('Input.dispatchTouchEvent', {type: 'touchEnd', touchPoints: []});
      assert.ok(await tp.evaluate(zoomedIn, 1.8), 'pinched in');
      assert.equal(await tp.textContent('.lb-counter'), `1 of ${photos.length}`, 'a pinch is not a swipe');
    } finally {
      await touch.close();
    }
  });
});

describe("a meeting's time zone", () => {
  // Taken at 10:00 and 23:30 UTC on 4 July, and on 6 July with no offset
  // (the camera's clock where it was taken).
  const TOKYO = [['utc-morning.jpg', '2016:07:04 10:00:00', '+00:00'], ['utc-night.jpg', '2016:07:04 23:30:00', '+00:00'],
    ['local.jpg', '2016:07:06 09:00:00', '']];
  const days = async (page) => {
    await gridLoaded(page, TOKYO.length);
    return [await page.$$eval('.day-heading', (hs) => hs.map((x) => x.textContent)),
      await page.$$eval('.grid-body ul.photo-grid', (ls) => ls.map((l) => l.children.length))];
  };

  test('groups the photos by their day where it took place, once an editor sets it', async () => {
    await world.api('POST', '/api/meetings', {slug: 'tokyo-2016', title: {en: 'Tokyo workshop'}});
    for (const [name, when, offset] of TOKYO) {
      const bytes = readFileSync(makeDatedJpeg(join(world.images, name), when, 640, 480, offset));
      await world.api('POST', '/api/photos?meeting=tokyo-2016', bytes, {'Content-Type': 'image/jpeg', 'X-Filename': name});
    }
    const page = await newPage([1280, 800]);
    try {
      await page.goto('/meetings/tokyo-2016?lang=en');
      assert.deepEqual(await days(page), [['Monday, 4 July 2016', 'Wednesday, 6 July 2016'], [2, 1]],
        'without a time zone, the dates as the photos carry them');

      await page.goto('/login');
      await page.fill('#login-name', EDITOR.name);
      await page.fill('#login-password', EDITOR.password);
      await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('form.login button[type=submit]')]);
      await page.goto('/meetings/tokyo-2016?lang=fr');
      await page.click('#edit-meeting');
      await page.fill('#meeting-time-zone', 'Mars/Olympus_Mons');
      await page.click('dialog.admin-dialog button[type=submit]');
      assert.equal(await page.$eval('#meeting-time-zone', (b) => b.validationMessage),
        '« Mars/Olympus_Mons » n’est pas un nom de fuseau horaire. Choisissez-en un dans la liste, p. ex. Africa/Casablanca.');
      assert.ok(await page.isVisible('dialog.admin-dialog'), 'an unknown zone is not sent');
      await axe(page, 'meeting form with a time zone');
      await page.fill('#meeting-time-zone', 'asia/tokyo');
      await Promise.all([page.waitForEvent('load'), page.click('dialog.admin-dialog button[type=submit]')]);
      assert.equal((await world.api('GET', '/api/meetings/tokyo-2016')).time_zone, 'Asia/Tokyo');
      assert.deepEqual(await days(page), [['lundi 4 juillet 2016', 'mardi 5 juillet 2016', 'mercredi 6 juillet 2016'],
        [1, 1, 1]], '23:30 UTC is the next morning in Tokyo; the photo without an offset keeps its date');
    } finally {
      await page.close();
    }
  });
});
