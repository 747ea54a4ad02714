// The embed pages framed by another site, and the photo, login and upload
// pages, in headless Chromium at a phone's, a tablet's and a laptop's size,
// in English and French: node embed_layout.mjs GALLERY_BINARY SOURCE_DIR OUT_DIR
// Two small parent sites on other loopback ports frame /embed/...: the one
// named by --embed-origins shows the photos, the other is refused by the
// Content-Security-Policy. Every page: no sideways scrolling, axe-core with
// no violation at all. The editor's embed code on a meeting's page, copied,
// works in the allowed site. Screenshots of every page go to OUT_DIR.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import http from 'node:http';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {EDITOR, World, makeDatedJpeg, expectAccessible, expectNoOverflow, newPageOf} from './fixtures.mjs';

const [binary, sourceDir, outDir] = process.argv.slice(2);
if (!binary || !sourceDir || !outDir) {
  console.error('usage: node embed_layout.mjs GALLERY_BINARY SOURCE_DIR OUT_DIR');
  process.exit(2);
}
const world = new World(binary, sourceDir, outDir);
const newPage = (viewport) => newPageOf(world.context, viewport);
const axe = (target, what) => expectAccessible(target, what);
const noOverflow = expectNoOverflow;
const VIEWPORTS = [[390, 844], [768, 1024], [1280, 800]];
const LANGS = ['en', 'fr'];
const TEXT = {
  en: {meeting: 'Technical meeting, Casablanca', album: 'Opening session', count: '14 photos', albumCount: '13 photos',
    all: 'Access all photos', notFound: 'Not found.'},
  fr: {meeting: 'Réunion technique, Casablanca', album: 'Séance d’ouverture', count: '14 photos', albumCount: '13 photos',
    all: 'Voir toutes les photos', notFound: 'Introuvable.'},
};

// A parent site on its own loopback port: /frame?src=URL frames URL;
// /page?html=HTML answers HTML as it is (for the editor's embed code).
function parentSite() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let body = '';
    if (url.pathname === '/frame') {
      const src = (url.searchParams.get('src') || '').replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
      body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A partner's page</title>` +
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>' +
        `<body style="margin:0"><main><h1>Partner</h1><iframe src="${src}" title="Photos" width="100%" height="480" ` +
        'style="border:0;display:block"></iframe></main></body></html>';
    } else if (url.pathname === '/page') {
      body = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A partner\'s page</title>' +
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>' +
        `<body style="margin:0"><main><h1>Partner</h1>${url.searchParams.get('html') || ''}</main></body></html>`;
    } else {
      res.writeHead(204).end();  // the browser's /favicon.ico
      return;
    }
    res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8'}).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    server.origin = `http://127.0.0.1:${server.address().port}`;
    resolve(server);
  }));
}

let allowed;
let refused;
let photos = [];

before(async () => {
  allowed = await parentSite();
  refused = await parentSite();
  world.setUp();
  await world.startServer(['--embed-origins', `https://partner.example,${allowed.origin}`]);
  for (let i = 0; i < 13; ++i) {
    const name = `day-${i}.jpg`;
    const when = `2016:07:0${4 + (i % 3)} ${String(9 + i).padStart(2, '0')}:00:00`;
    const [w, h] = [[1600, 900], [800, 1200], [1000, 1000]][i % 3];
    const bytes = readFileSync(makeDatedJpeg(join(world.images, name), when, w, h));
    photos.push(await world.api('POST', '/api/photos?album=opening-session&meeting=casablanca-2016', bytes,
      {'Content-Type': 'image/jpeg', 'X-Filename': name}));
  }
  await world.upload('outside.jpg', '?meeting=casablanca-2016');
  await world.upload('secret.jpg', '?album=closed-room');
  await world.api('PATCH', `/api/photos/${photos[0].id}`, {caption: {en: 'Delegates arrive', fr: 'Arrivée des délégués'}});
  await world.startBrowser();
});
after(async () => {
  await world.tearDown();
  for (const site of [allowed, refused]) if (site) await new Promise((resolve) => site.close(resolve));
});




// The frame of `page` showing the gallery's address `path`.
async function galleryFrame(page, path) {
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f.url().startsWith(world.base + path));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  assert.fail(`no frame showing ${path}; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
}

// Every image shown in `frame` loaded (none broken).
async function imagesLoaded(frame, what) {
  await frame.waitForFunction(() => {
    const shown = [...document.images].filter((i) => i.offsetParent !== null);
    return shown.length > 0 && shown.every((i) => i.complete);
  }, null, {timeout: 15000});
  const broken = await frame.$$eval('img', (imgs) => imgs.filter((i) => i.offsetParent !== null && i.naturalWidth === 0)
    .map((i) => i.src));
  assert.deepEqual(broken, [], `${what}: broken images`);
}

function embedUrl(path, lang) { return `${world.base}${path}?lang=${lang}`; }

describe('embed pages framed by another site', () => {
  test('the header names this origin and the allowed one, never another', async () => {
    for (const path of ['/embed/meetings/casablanca-2016', '/embed/albums/opening-session']) {
      const csp = (await fetch(world.base + path)).headers.get('content-security-policy');
      assert.match(csp, new RegExp(`frame-ancestors 'self' https://partner\\.example ${allowed.origin.replace(/\./g, '\\.')};`));
      assert.ok(!csp.includes(refused.origin), csp);
    }
    const csp = (await fetch(world.base + '/meetings/casablanca-2016')).headers.get('content-security-policy');
    assert.match(csp, /frame-ancestors 'none'/);
  });

  for (const viewport of VIEWPORTS) {
    for (const lang of LANGS) {
      const size = `${viewport[0]}x${viewport[1]}`;
      test(`meeting and album embedded at ${size} in ${lang}`, async () => {
        const page = await newPage(viewport);
        try {
          for (const [kind, slug, title, count, full] of [
            ['meetings', 'casablanca-2016', TEXT[lang].meeting, TEXT[lang].count, '/meetings/casablanca-2016'],
            ['albums', 'opening-session', TEXT[lang].album, TEXT[lang].albumCount, '/albums/opening-session']]) {
            const path = `/embed/${kind}/${slug}`;
            await page.goto(`${allowed.origin}/frame?src=${encodeURIComponent(embedUrl(path, lang))}`);
            const frame = await galleryFrame(page, path);
            await frame.waitForSelector('.embed-grid img', {timeout: 15000});
            await imagesLoaded(frame, `${path} ${size} ${lang}`);
            assert.equal(await frame.textContent('h1'), title);
            assert.equal(await frame.textContent('.embed-head .count'), count);
            const shown = await frame.$$eval('.embed-grid li', (ls) => ls.filter((l) => l.offsetParent !== null).length);
            const columns = await frame.$eval('.embed-grid', (g) => getComputedStyle(g).gridTemplateColumns.split(' ').length);
            const listed = kind === 'meetings' ? 14 : 13;
            assert.equal(shown, Math.min(2 * columns, listed), `two rows of ${columns}`);
            const [height, inner] = await frame.evaluate(() => [document.documentElement.scrollHeight, window.innerHeight]);
            assert.ok(height <= inner, `${path} ${size} ${lang}: ${height} px high in the code's ${inner} px frame`);
            const all = frame.locator('.embed-all a');
            assert.equal((await all.textContent()).startsWith(TEXT[lang].all), true);
            assert.equal(await all.getAttribute('target'), '_blank');
            assert.equal(await all.getAttribute('href'), `${full}?lang=${lang}`);
            const targets = await frame.$$eval('a', (as) => as.map((a) => a.target));
            assert.ok(targets.every((x) => x === '_blank'), `every link opens outside the frame: ${targets}`);
            await noOverflow(frame, `${path} framed ${size} ${lang}`);
            await noOverflow(page, `the parent of ${path} ${size} ${lang}`);
            await axe(frame, `${path} framed ${size} ${lang}`);
            await page.screenshot({path: join(outDir, `embed-${kind}-${size}-${lang}.png`), fullPage: true});
          }
          assert.deepEqual(page.errors, []);
        } finally {
          await page.close();
        }
      });
    }
  }

  test('a photo and "Access all photos" open the gallery in a new tab', async () => {
    const page = await newPage([1280, 800]);
    try {
      const path = '/embed/meetings/casablanca-2016';
      await page.goto(`${allowed.origin}/frame?src=${encodeURIComponent(embedUrl(path, 'fr'))}`);
      const frame = await galleryFrame(page, path);
      await frame.waitForSelector('.embed-grid img');
      const [tab] = await Promise.all([page.context().waitForEvent('page'), frame.click('.embed-all a')]);
      await tab.waitForSelector('.photo-grid li', {timeout: 15000});
      assert.equal(new URL(tab.url()).pathname, '/meetings/casablanca-2016');
      assert.equal(await tab.textContent('h1'), TEXT.fr.meeting);
      await tab.close();
      const [viewer] = await Promise.all([page.context().waitForEvent('page'), frame.click('.embed-grid li:first-child a')]);
      await viewer.waitForSelector('.lb-image', {timeout: 15000});
      assert.match(viewer.url(), /[?&]photo=\d+/);
      await viewer.close();
      assert.equal(new URL(page.url()).origin, allowed.origin, 'the framing page stays');
    } finally {
      await page.close();
    }
  });

  test('a site not named by --embed-origins cannot show them', async () => {
    const page = await newPage([1280, 800]);
    const refusals = [];
    page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) refusals.push(m.text()); });
    try {
      const path = '/embed/meetings/casablanca-2016';
      await page.goto(`${refused.origin}/frame?src=${encodeURIComponent(embedUrl(path, 'en'))}`);
      const frame = await page.waitForSelector('iframe').then((e) => e.contentFrame());
      // The refused frame ends as the browser's error page, never the gallery.
      const deadline = Date.now() + 10000;
      while (!frame.url().startsWith('chrome-error:') && Date.now() < deadline) await page.waitForTimeout(50);
      assert.match(frame.url(), /^chrome-error:/, `the frame shows ${frame.url()}`);
      assert.equal(page.frames().some((f) => f.url().startsWith(world.base)), false);
      assert.equal(refusals.length > 0, true, 'the browser says why it refused');
      await page.screenshot({path: join(outDir, 'embed-refused.png')});
      // The gallery's other pages are refused even to the allowed site.
      await page.goto(`${allowed.origin}/frame?src=${encodeURIComponent(world.base + '/meetings/casablanca-2016')}`);
      const other = await page.waitForSelector('iframe').then((e) => e.contentFrame());
      const until = Date.now() + 10000;
      while (!other.url().startsWith('chrome-error:') && Date.now() < until) await page.waitForTimeout(50);
      assert.match(other.url(), /^chrome-error:/, `a gallery page framed: ${other.url()}`);
    } finally {
      await page.close();
    }
  });

  test('a private album says what an unknown name says', async () => {
    const page = await newPage([768, 1024]);
    try {
      const texts = [];
      for (const slug of ['closed-room', 'never-made']) {
        const path = `/embed/albums/${slug}`;
        await page.goto(`${allowed.origin}/frame?src=${encodeURIComponent(embedUrl(path, 'en'))}`);
        const frame = await galleryFrame(page, path);
        await frame.waitForSelector('h1');
        texts.push([await frame.textContent('main'), await frame.title()]);
        assert.equal(await frame.locator('img').count(), 0);
        await axe(frame, `${path} framed`);
      }
      assert.equal(texts[0][0], texts[1][0]);
      assert.equal(texts[0][1], texts[1][1]);
      assert.match(texts[0][0], new RegExp(TEXT.en.notFound));
    } finally {
      await page.close();
    }
  });
});

describe('photo and login pages at every size and language', () => {
  for (const viewport of VIEWPORTS) {
    for (const lang of LANGS) {
      const size = `${viewport[0]}x${viewport[1]}`;
      test(`photo and login at ${size} in ${lang}`, async () => {
        const page = await newPage(viewport);
        try {
          await page.goto(`/photos/${photos[0].id}?lang=${lang}`);
          await page.waitForSelector('main img');
          await imagesLoaded(page, `photo ${size} ${lang}`);
          await noOverflow(page, `photo ${size} ${lang}`);
          await axe(page, `photo ${size} ${lang}`);
          await page.screenshot({path: join(outDir, `photo-${size}-${lang}.png`), fullPage: true});

          await page.goto(`/login?lang=${lang}`);
          await page.waitForSelector('#login-name');
          await noOverflow(page, `login ${size} ${lang}`);
          await axe(page, `login ${size} ${lang}`);
          await page.fill('#login-name', `nobody-${size}-${lang}`);  // one failure per name: never held back
          await page.fill('#login-password', 'wrong');
          await page.click('form.login button[type=submit]');
          await page.waitForFunction(() => document.querySelector('form.login .error').textContent !== '');
          assert.equal(await page.textContent('form.login .error'),
            lang === 'en' ? 'Wrong name or password.' : 'Nom ou mot de passe incorrect.');
          await noOverflow(page, `login with its error ${size} ${lang}`);
          await axe(page, `login with its error ${size} ${lang}`);
          await page.screenshot({path: join(outDir, `login-${size}-${lang}.png`), fullPage: true});

          await page.goto(`/meetings/casablanca-2016?lang=${lang}`);
          await page.waitForSelector('.photo-grid li');
          assert.equal(await page.locator('.embed-snippet').count(), 0, 'no embed code for visitors');
          assert.deepEqual(page.errors.filter((e) => !/401/.test(e)), []);
        } finally {
          await page.close();
        }
      });
    }
  }
});

describe('for an editor', () => {
  before(async () => {
    const page = await newPage([1280, 800]);
    await page.goto('/login');
    await page.fill('#login-name', EDITOR.name);
    await page.fill('#login-password', EDITOR.password);
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('form.login button[type=submit]')]);
    await page.close();
  });

  for (const viewport of VIEWPORTS) {
    for (const lang of LANGS) {
      const size = `${viewport[0]}x${viewport[1]}`;
      test(`upload page and the embed code at ${size} in ${lang}`, async () => {
        const page = await newPage(viewport);
        try {
          await page.goto(`/upload?lang=${lang}`);
          await page.waitForSelector('#up-files', {state: 'attached'});
          await noOverflow(page, `upload ${size} ${lang}`);
          await axe(page, `upload ${size} ${lang}`);
          await page.screenshot({path: join(outDir, `upload-${size}-${lang}.png`), fullPage: true});

          await page.goto(`/meetings/casablanca-2016?lang=${lang}`);
          await page.waitForSelector('.photo-grid li');
          await page.click('.embed-snippet summary');
          const code = await page.inputValue('#embed-code');
          assert.equal(code, `<iframe src="${world.base}/embed/meetings/casablanca-2016?lang=${lang}" ` +
            `title="${lang === 'en' ? 'Photos: ' : 'Photos : '}${TEXT[lang].meeting}" loading="lazy" ` +
            'width="100%" height="480"></iframe>');
          await noOverflow(page, `meeting with the embed code ${size} ${lang}`);
          await axe(page, `meeting with the embed code ${size} ${lang}`);
          await page.screenshot({path: join(outDir, `meeting-embed-code-${size}-${lang}.png`)});
          assert.deepEqual(page.errors, []);
        } finally {
          await page.close();
        }
      });
    }
  }

  test('Copy puts the code on the clipboard; pasted into the allowed site it shows the photos', async () => {
    await world.context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: world.base});
    const page = await newPage([1280, 800]);
    try {
      await page.goto('/meetings/casablanca-2016?lang=fr');
      await page.click('.embed-snippet summary');
      await page.click('.embed-actions button');
      await page.waitForFunction(() => document.querySelector('.embed-actions .status').textContent !== '');
      assert.equal(await page.textContent('.embed-actions .status'), 'Copié.');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, await page.inputValue('#embed-code'));

      await page.goto(`${allowed.origin}/page?html=${encodeURIComponent(copied)}`);
      const frame = await galleryFrame(page, '/embed/meetings/casablanca-2016');
      await frame.waitForSelector('.embed-grid img', {timeout: 15000});
      assert.equal(await frame.textContent('h1'), TEXT.fr.meeting);
      assert.equal(await page.getAttribute('iframe', 'loading'), 'lazy');
      assert.equal(await page.getAttribute('iframe', 'title'), `Photos : ${TEXT.fr.meeting}`);
    } finally {
      await page.close();
    }
  });
});
