// Deep zoom in the viewer: node zoom.mjs GALLERY_BINARY SOURCE_DIR OUT_DIR
// A 4000×3000 photo (grey, with a 200 px red square at its centre and a
// blue one to the right) opened in a 1280×900 window: zooming in from the
// keyboard fetches the vendor viewer only then, asks /iiif/3/{id}/ for
// tiles down to scale factor 1 (answered 200), and the centre of the view
// then shows the red square's pixels edge to edge; the arrows move to the
// blue square; 0 and Esc go back. The same through a private album's share
// link; a photo no larger than the screen keeps the plain view; the
// controls' names in English and French; axe-core with the viewer open.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {World, expectAccessible, newPageOf} from './fixtures.mjs';

const [binary, sourceDir, outDir] = process.argv.slice(2);
if (!binary || !sourceDir || !outDir) {
  console.error('usage: node zoom.mjs GALLERY_BINARY SOURCE_DIR OUT_DIR');
  process.exit(2);
}
const world = new World(binary, sourceDir, outDir);
const VIEWPORT = [1280, 900];
const [W, H] = [4000, 3000];
const RED = {x: 1900, y: 1400, size: 200};
const BLUE = {x: 2500, y: 1400, size: 200};

// The test photo as a JPEG: written as a binary PPM, turned into JPEG by vips.
// `grey` is the background (other bytes, another photo).
function makeTestPhoto(path, grey = 128) {
  const header = Buffer.from(`P6\n${W} ${H}\n255\n`);
  const pixels = Buffer.alloc(W * H * 3, grey);
  for (const [square, rgb] of [[RED, [255, 0, 0]], [BLUE, [0, 0, 255]]]) {
    for (let y = square.y; y < square.y + square.size; y++) {
      for (let x = square.x; x < square.x + square.size; x++) pixels.set(rgb, (y * W + x) * 3);
    }
  }
  const ppm = `${path}.ppm`;
  writeFileSync(ppm, Buffer.concat([header, pixels]));
  const r = spawnSync('vips', ['copy', ppm, `${path}[Q=92]`], {encoding: 'utf8'});
  if (r.status !== 0) throw new Error(`vips copy failed: ${r.stderr}`);
  return readFileSync(path);
}

async function uploadTo(album, filename, bytes) {
  return world.api('POST', `/api/photos?album=${album}`, bytes,
    {'Content-Type': 'image/jpeg', 'X-Filename': encodeURIComponent(filename)});
}

let big;
let bigPrivate;
let small;
let secret;

before(async () => {
  world.setUp();
  await world.startServer();
  await world.startBrowser();
  const bytes = makeTestPhoto(join(world.images, 'squares.jpg'));
  big = await uploadTo('opening-session', 'squares.jpg', bytes);
  small = await world.upload('small.jpg', '?album=opening-session', [800, 600]);
  bigPrivate = await uploadTo('closed-room', 'squares-private.jpg',
    makeTestPhoto(join(world.images, 'squares-private.jpg'), 100));
  const link = await world.api('POST', '/api/albums/closed-room/links', {});
  secret = link.secret || link.token || new URL(link.url, world.base).searchParams.get('share');
  await world.context.clearCookies();
});
after(() => world.tearDown());

// The scale factor of an Image API tile request (region width over size
// width), or null for anything else.
function scaleFactorOf(url, photo) {
  const m = new RegExp(`^/iiif/3/${photo.id}/([^/]+)/([^/]+)/0/default\\.jpg$`).exec(url.pathname);
  if (!m) return null;
  const regionWidth = m[1] === 'full' ? photo.width : Number(m[1].split(',')[2]);
  const sizeWidth = m[2] === 'max' ? regionWidth : Number(m[2].split(',')[0]);
  return regionWidth / sizeWidth;
}

// Every response of `page` to a tile request for `photo`: {factor, status, url}.
function recordTiles(page, photo) {
  const tiles = [];
  page.on('response', (r) => {
    const url = new URL(r.url());
    const factor = scaleFactorOf(url, photo);
    if (factor !== null) tiles.push({factor, status: r.status(), url});
  });
  return tiles;
}

// The share of pixels in the view's central `side`×`side` square (read off
// the deep viewer's canvas) that are close to `rgb`.
async function centreShare(page, rgb, side = 160) {
  return page.evaluate(([want, side]) => {
    const canvas = document.querySelector('.lb-deep canvas');
    if (!canvas || !canvas.width) return 0;
    const ctx = canvas.getContext('2d');
    const x = Math.round(canvas.width / 2 - side / 2);
    const y = Math.round(canvas.height / 2 - side / 2);
    const data = ctx.getImageData(x, y, side, side).data;
    let close = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - want[0]) < 60 && Math.abs(data[i + 1] - want[1]) < 60 && Math.abs(data[i + 2] - want[2]) < 60) close++;
    }
    return close / (side * side);
  }, [rgb, side]);
}

// Waits (bounded) until the centre of the view is `rgb` almost everywhere;
// fails saying how much of it was.
async function expectCentre(page, rgb, what) {
  const deadline = Date.now() + 15000;
  let share = 0;
  while (Date.now() < deadline) {
    share = await centreShare(page, rgb);
    if (share > 0.97) return;
    await page.waitForTimeout(150);
  }
  assert.fail(`${what}: only ${Math.round(share * 100)}% of the view's centre is rgb(${rgb})`);
}

async function openViewer(page, photo, query = '') {
  await page.goto(`/albums/${query.includes('share') ? 'closed-room' : 'opening-session'}?lang=en&photo=${photo.id}${query}`);
  await page.waitForSelector('dialog.lightbox[open]');
  await page.waitForFunction(() => document.querySelector('.lb-image').complete);
}

// Presses + until the deep viewer is at its largest scale (bounded).
async function zoomAllTheWay(page) {
  for (let i = 0; i < 12; i++) {
    if (await page.$eval('.lb-zoom-in', (b) => b.disabled)) return;
    await page.keyboard.press('+');
    await page.waitForTimeout(120);
  }
  assert.fail('the zoom-in button never said the photo was at its largest');
}

describe('deep zoom in the viewer', () => {
  test('a photo larger than the screen zooms into its IIIF tiles from the keyboard', async () => {
    const page = await newPageOf(world.context, VIEWPORT);
    const vendor = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/static/vendor/')) vendor.push(r.url()); });
    const tiles = recordTiles(page, big);
    await openViewer(page, big);
    assert.deepEqual(vendor, [], 'the viewer library is not fetched for a reader who does not zoom');
    assert.equal(tiles.length, 0, 'nor any tile');
    assert.equal(await page.$('.lb-deep'), null);

    await page.keyboard.press('+');
    await page.waitForSelector('dialog.deep .lb-deep canvas');
    assert.ok(vendor.some((u) => u.endsWith('/static/vendor/openseadragon.js')), 'fetched when zooming');
    await zoomAllTheWay(page);
    // The viewer asks for the deepest tiles once the zoom settles (bounded wait).
    for (let i = 0; i < 100 && !tiles.some((t) => t.factor === 1); i++) await page.waitForTimeout(150);
    const deepest = tiles.filter((t) => t.factor === 1);
    assert.ok(deepest.length > 0, `tiles at scale factor 1 were asked for (saw factors ${[...new Set(tiles.map((t) => t.factor))]})`);
    await expectCentre(page, [255, 0, 0], 'zoomed into the red square');
    await page.screenshot({path: join(outDir, 'deep-zoom-red.png')});
    assert.ok(Math.max(...tiles.map((t) => t.factor)) > 1, 'after coarser ones');
    assert.deepEqual(tiles.filter((t) => t.status !== 200).map((t) => `${t.status} ${t.url}`), [], 'every tile answered 200');

    // The arrows move the photo: ArrowRight brings what is right of the red square (the blue one) to the centre.
    const stageWidth = (await page.locator('.lb-stage').boundingBox()).width;
    // At its largest the viewer shows a photo pixel as 2 screen pixels: the
    // squares' centres are 1200 screen pixels apart; an arrow moves a tenth of the stage.
    const presses = Math.round(((BLUE.x - RED.x) * 2) / (stageWidth * 0.1));
    for (let i = 0; i < presses; i++) await page.keyboard.press('ArrowRight');
    await expectCentre(page, [0, 0, 255], `after ${presses} presses of ArrowRight`);

    await expectAccessible(page, 'the deep zoom viewer');
    await page.keyboard.press('-');
    await page.waitForTimeout(400);
    assert.ok(await page.$('.lb-deep'), 'one step out stays in deep zoom');
    await page.keyboard.press('0');
    await page.waitForSelector('.lb-deep', {state: 'detached'});
    assert.ok(await page.isVisible('.lb-image'), 'the plain view again');
    await page.keyboard.press('+');
    await page.waitForSelector('dialog.deep .lb-deep canvas');
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog.lightbox:not([open])', {state: 'attached'});
    // The dialog's close event comes a task after it closes: deep zoom ends then.
    await page.waitForSelector('.lb-deep', {state: 'detached', timeout: 5000});
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('a photo no larger than the screen keeps the plain view', async () => {
    const page = await newPageOf(world.context, VIEWPORT);
    const tiles = recordTiles(page, small);
    await openViewer(page, small);
    await page.keyboard.press('+');
    await page.waitForTimeout(500);
    assert.equal(await page.$('.lb-deep'), null);
    const scale = await page.$eval('.lb-image', (img) => new DOMMatrix(getComputedStyle(img).transform).a);
    assert.ok(scale > 1.4, `zoomed in the plain view (${scale})`);
    assert.equal(tiles.length, 0);
    await page.close();
  });

  test("a private album's photo zooms through its share link", async () => {
    const page = await newPageOf(world.context, VIEWPORT);
    const tiles = recordTiles(page, bigPrivate);
    await openViewer(page, bigPrivate, `&share=${encodeURIComponent(secret)}`);
    await page.keyboard.press('+');
    await page.waitForSelector('dialog.deep .lb-deep canvas');
    await zoomAllTheWay(page);
    await expectCentre(page, [255, 0, 0], 'zoomed into the private photo');
    assert.ok(tiles.length > 0);
    assert.deepEqual(tiles.filter((t) => t.status !== 200 || t.url.searchParams.get('share') !== secret)
      .map((t) => `${t.status} ${t.url}`), [], 'every tile carried the share link and answered 200');
    const bare = await fetch(new URL(tiles[0].url.pathname, world.base));
    assert.equal(bare.status, 404, 'without it the tile is not there');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('the controls are named in English and French', async () => {
    for (const [lang, zoomIn, zoomOut, label] of [['en', 'Zoom in', 'Zoom out', /^Zoomable photo: /],
      ['fr', 'Agrandir', 'Réduire', /^Photo agrandissable : /]]) {
      const page = await newPageOf(world.context, VIEWPORT);
      await page.goto(`/albums/opening-session?lang=${lang}&photo=${big.id}`);
      await page.waitForSelector('dialog.lightbox[open]');
      await page.keyboard.press('+');
      await page.waitForSelector('dialog.deep .lb-deep canvas');
      assert.equal(await page.getAttribute('.lb-zoom-in', 'aria-label'), zoomIn);
      assert.equal(await page.getAttribute('.lb-zoom-out', 'aria-label'), zoomOut);
      assert.match(await page.getAttribute('.lb-deep', 'aria-label'), label);
      await expectAccessible(page, `the deep zoom viewer in ${lang}`);
      assert.deepEqual(page.errors, []);
      await page.close();
    }
  });
});
