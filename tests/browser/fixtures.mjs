// The world the browser scenarios run in: a fresh data folder filled through
// the real command line, a real `gallery serve` on a free loopback port,
// images made with the image library's command-line tool, and headless
// Chromium from the system (never a downloaded browser).
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {chromium} from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const EDITOR = {name: 'editor', password: 'correct horse battery'};
export const CHROMIUM = process.env.GALLERY_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Runs `gallery args...` (with `input` on stdin); throws with its stderr on failure.
export function gallery(binary, args, input = '') {
  const r = spawnSync(binary, args, {input, encoding: 'utf8', timeout: 60000});
  if (r.status !== 0) throw new Error(`gallery ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

// A JPEG of random noise (so every call gives new bytes) at `path`.
export function makeJpeg(path, width = 480, height = 320) {
  const r = spawnSync('vips', ['gaussnoise', `${path}[Q=85]`, String(width), String(height), '--sigma', '60'],
    {encoding: 'utf8'});
  if (r.status !== 0) throw new Error(`vips gaussnoise failed: ${r.stderr}`);
  return path;
}

// A noise JPEG at `path` (`width`×`height`) whose EXIF says it was taken at
// `when` ("YYYY:MM:DD HH:MM:SS").
// `offset` ("+00:00"), when given, is the camera's offset from UTC
// (Exif.Photo.OffsetTimeOriginal): the photo's taken_at is then an instant.
export function makeDatedJpeg(path, when, width = 480, height = 320, offset = '') {
  makeJpeg(path, width, height);
  const commands = ['-M', `set Exif.Photo.DateTimeOriginal Ascii ${when}`];
  if (offset) commands.push('-M', `set Exif.Photo.OffsetTimeOriginal Ascii ${offset}`);
  const r = spawnSync('exiv2', [...commands, 'mo', path], {encoding: 'utf8'});
  if (r.status !== 0) throw new Error(`exiv2 could not date ${path}: ${r.stderr}`);
  return path;
}

export class World {
  constructor(binary, sourceDir, outDir) {
    this.binary = binary;
    this.sourceDir = sourceDir;
    this.outDir = outDir;
    this.tmp = mkdtempSync(join(tmpdir(), 'gallery-browser-'));
    this.data = join(this.tmp, 'data');
    this.images = join(this.tmp, 'images');
    mkdirSync(this.images);
    mkdirSync(outDir, {recursive: true});
  }

  run(args, input) { return gallery(this.binary, [...args, '--data', this.data], input); }

  // Meetings, albums, the editor and an API token.
  setUp() {
    this.run(['meeting', 'add', 'casablanca-2016', '--title-en', 'Technical meeting, Casablanca',
      '--title-fr', 'Réunion technique, Casablanca', '--place', 'Casablanca, Morocco',
      '--start', '2016-07-04', '--end', '2016-07-06', '--credit', '© IOM 2016']);
    this.run(['album', 'add', 'opening-session', '--meeting', 'casablanca-2016',
      '--title-en', 'Opening session', '--title-fr', 'Séance d’ouverture']);
    this.run(['album', 'add', 'closed-room', '--title-en', 'Closed room', '--visibility', 'private']);
    this.run(['user', 'add', EDITOR.name, '--role', 'editor', '--password-stdin'], EDITOR.password + '\n');
    this.token = this.run(['token', 'create', '--role', 'editor', '--label', 'browser-tests']).trim().split('\n').pop();
  }

  // `gallery serve` on a free port, with `extraArgs` added.
  async startServer(extraArgs = []) {
    this.server = spawn(this.binary, ['serve', '--data', this.data, '--port', '0', '--bind', '127.0.0.1',
      '--web', join(this.sourceDir, 'web'), ...extraArgs], {stdio: ['ignore', 'pipe', 'pipe']});
    this.log = '';
    this.server.stderr.on('data', (d) => { this.log += d; });
    this.base = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server did not start: ${this.log}`)), 30000);
      this.server.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      });
      this.server.on('exit', (code) => reject(new Error(`server exited ${code}: ${this.log}`)));
    });
  }

  async startBrowser() {
    this.profile = join(this.tmp, 'profile');
    this.context = await chromium.launchPersistentContext(this.profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS,
      viewport: {width: 1280, height: 900}, baseURL: this.base,
    });
  }

  // A second, separate browser with a touch screen (its own cookies and
  // clock), for scenarios that must not disturb the main context.
  async touchContext() {
    if (!this.touchBrowser) {
      this.touchBrowser = await chromium.launch({executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS});
    }
    return this.touchBrowser.newContext({hasTouch: true, viewport: {width: 1024, height: 768}, baseURL: this.base});
  }

  // An API call with the editor token: the parsed JSON (throws unless 2xx).
  async api(method, path, body, headers = {}) {
    const init = {method, headers: {Authorization: `Bearer ${this.token}`, ...headers}};
    if (body instanceof Uint8Array || typeof body === 'string') init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers['Content-Type'] = 'application/json';
    }
    const r = await fetch(this.base + path, init);
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  // Uploads a new noise JPEG named `filename` (through the API), `size`
  // pixels wide and high, and returns the photo.
  async upload(filename, query = '', size = [480, 320]) {
    const path = makeJpeg(join(this.images, `api-${Date.now()}-${Math.random()}.jpg`), ...size);
    const {readFileSync} = await import('node:fs');
    return this.api('POST', `/api/photos${query}`, readFileSync(path),
      {'Content-Type': 'image/jpeg', 'X-Filename': encodeURIComponent(filename)});
  }

  async hasRoute(method, pattern) {
    const doc = await (await fetch(`${this.base}/api/openapi.json`)).json();
    return Boolean(doc.paths[pattern] && doc.paths[pattern][method.toLowerCase()]);
  }

  writeFile(name, content) {
    const path = join(this.images, name);
    writeFileSync(path, content);
    return path;
  }

  async tearDown() {
    if (this.context) await this.context.close().catch(() => {});
    if (this.touchBrowser) await this.touchBrowser.close().catch(() => {});
    if (this.server && this.server.exitCode === null) {
      this.server.kill('SIGTERM');
      await new Promise((resolve) => this.server.once('exit', resolve));
    }
    rmSync(this.tmp, {recursive: true, force: true});
  }
}

// A new page of `context`, at `viewport` ([width, height]) when given, that
// collects its script and console errors in page.errors.
export async function newPageOf(context, viewport = null) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize({width: viewport[0], height: viewport[1]});
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  return page;
}

// axe-core in `target` (a page or a frame): no violation of any impact, or
// with `seriousOnly` none serious or critical.
export async function expectAccessible(target, what, {seriousOnly = false} = {}) {
  await target.evaluate(AXE_SOURCE);
  const result = await target.evaluate(() => window.axe.run(document, {resultTypes: ['violations']}));
  const bad = result.violations.filter((v) => !seriousOnly || v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [], `accessibility violations on ${what}`);
}

// `target` (a page or a frame) is no wider than its window.
export async function expectNoOverflow(target, what) {
  const [scroll, inner] = await target.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= inner, `${what}: the page is ${scroll} px wide in a ${inner} px window`);
}
