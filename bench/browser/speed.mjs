// Measures one album page (URL) in headless Chromium, ROUNDS times, cold:
// first tile painted, first viewport's tiles all loaded, JavaScript and CSS
// bytes transferred (as sent: compressed when the server compresses), at
// 1280×800 and 390×844; then the page audit's performance and accessibility
// scores with its mobile and desktop presets. Prints each round and
// min / median / max against the goals. Usage: node speed.mjs URL ROUNDS PHOTOS
import {chromium} from 'playwright-core';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';

const [url, roundsArg, photosArg] = process.argv.slice(2);
if (!url) {
  console.error('usage: node speed.mjs URL ROUNDS PHOTOS');
  process.exit(2);
}
const ROUNDS = Math.max(1, Math.min(20, Number(roundsArg) || 3));
const CHROMIUM = process.env.GALLERY_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORTS = [
  {name: 'desktop', viewport: {width: 1280, height: 800}, deviceScaleFactor: 1, isMobile: false},
  {name: 'phone', viewport: {width: 390, height: 844}, deviceScaleFactor: 3, isMobile: true, hasTouch: true},
];

// Runs in the page before its own code: notes when the first grid image is
// painted (two frames after it loaded) and when every grid image in the
// viewport has loaded while the grid reaches past the viewport's bottom.
function watchTiles() {
  window.__speed = {firstTile: null, viewport: null};
  const afterPaint = (key) => requestAnimationFrame(() => requestAnimationFrame(() => {
    if (window.__speed[key] === null) window.__speed[key] = performance.now();
  }));
  let firstAsked = false, viewportAsked = false;
  const check = () => {
    const imgs = [...document.querySelectorAll('ul.photo-grid img')];
    const loaded = (img) => img.complete && img.naturalWidth > 0;
    if (!firstAsked && imgs.some(loaded)) { firstAsked = true; afterPaint('firstTile'); }
    if (viewportAsked || !imgs.length) return;
    const inView = imgs.filter((img) => {
      const r = img.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
    });
    const last = imgs[imgs.length - 1].getBoundingClientRect();
    if (inView.length && inView.every(loaded) && last.bottom >= innerHeight) {
      viewportAsked = true;
      afterPaint('viewport');
    }
  };
  document.addEventListener('load', (e) => { if (e.target.tagName === 'IMG') check(); }, true);
  new MutationObserver(check).observe(document, {childList: true, subtree: true});
}

async function measurePage(browser, view) {
  const context = await browser.newContext({viewport: view.viewport, deviceScaleFactor: view.deviceScaleFactor,
    isMobile: view.isMobile, hasTouch: !!view.hasTouch});
  try {
    const page = await context.newPage();
    await page.addInitScript(watchTiles);
    await page.goto(url, {waitUntil: 'load', timeout: 30000});
    // Polled from here: the page's policy forbids the evaluated predicates of a wait.
    for (let waited = 0; !(await page.evaluate(() => window.__speed.viewport !== null)); waited += 50) {
      if (waited > 30000) throw new Error(`${view.name}: the first viewport's tiles did not all load within 30 s`);
      await page.waitForTimeout(50);
    }
    return await page.evaluate(() => {
      const bytes = {js: 0, css: 0, img: 0};
      const count = {js: 0, css: 0, img: 0};
      for (const e of performance.getEntriesByType('resource')) {
        const path = new URL(e.name).pathname;
        const kind = path.endsWith('.js') ? 'js' : path.endsWith('.css') ? 'css' : path.startsWith('/media/') ? 'img' : null;
        if (!kind) continue;
        bytes[kind] += e.encodedBodySize;
        count[kind] += 1;
      }
      return {firstTile: window.__speed.firstTile, viewport: window.__speed.viewport, bytes, count};
    });
  } finally {
    await context.close();
  }
}

async function audit(preset) {
  const chrome = await chromeLauncher.launch({chromePath: CHROMIUM, chromeFlags: ['--headless=new', ...FLAGS]});
  try {
    const flags = {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility']};
    const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
    const lhr = result.lhr;
    const value = (id) => lhr.audits[id]?.numericValue;
    const failed = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0))
      .map((a) => a.id);
    return {performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      fcp: value('first-contentful-paint'), lcp: value('largest-contentful-paint'),
      tbt: value('total-blocking-time'), cls: value('cumulative-layout-shift'), failed};
  } finally {
    await chrome.kill();
  }
}

const samples = {};
const add = (key, v) => { (samples[key] ||= []).push(v); };
const browser = await chromium.launch({executablePath: CHROMIUM, args: FLAGS});
try {
  for (let round = 1; round <= ROUNDS; ++round) {
    for (const view of VIEWPORTS) {
      const m = await measurePage(browser, view);
      console.log(`round ${round} ${view.name}: first tile ${m.firstTile.toFixed(0)} ms, viewport ${m.viewport.toFixed(0)} ms, ` +
        `JS ${m.count.js} files ${(m.bytes.js / 1024).toFixed(1)} kB, CSS ${(m.bytes.css / 1024).toFixed(1)} kB, ` +
        `images ${m.count.img} ${(m.bytes.img / 1024).toFixed(0)} kB`);
      add(`${view.name} first tile (ms)`, m.firstTile);
      add(`${view.name} viewport complete (ms)`, m.viewport);
      add(`${view.name} JavaScript transferred (kB)`, m.bytes.js / 1024);
      add(`${view.name} CSS transferred (kB)`, m.bytes.css / 1024);
    }
    for (const preset of ['mobile', 'desktop']) {
      const a = await audit(preset);
      console.log(`round ${round} audit ${preset}: performance ${a.performance}, accessibility ${a.accessibility}, ` +
        `FCP ${a.fcp.toFixed(0)} ms, LCP ${a.lcp.toFixed(0)} ms, TBT ${a.tbt.toFixed(0)} ms, CLS ${a.cls.toFixed(3)}` +
        (a.failed.length ? `; accessibility audits not passed: ${a.failed.join(', ')}` : ''));
      add(`audit ${preset} performance`, a.performance);
      add(`audit ${preset} accessibility`, a.accessibility);
      add(`audit ${preset} LCP (ms)`, a.lcp);
    }
  }
} finally {
  await browser.close();
}

const GOALS = {
  'desktop first tile (ms)': ['≤ 1000', (v) => v <= 1000],
  'phone first tile (ms)': ['≤ 1000', (v) => v <= 1000],
  'desktop viewport complete (ms)': ['≤ 2000', (v) => v <= 2000],
  'phone viewport complete (ms)': ['≤ 2000', (v) => v <= 2000],
  'desktop JavaScript transferred (kB)': ['≤ 150', (v) => v <= 150],
  'phone JavaScript transferred (kB)': ['≤ 150', (v) => v <= 150],
  'audit mobile performance': ['≥ 90', (v) => v >= 90],
  'audit desktop performance': ['≥ 90', (v) => v >= 90],
  'audit mobile accessibility': ['= 100', (v) => v >= 100],
  'audit desktop accessibility': ['= 100', (v) => v >= 100],
};
const fmt = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
console.log(`\n${url}, ${photosArg || '?'} photos, ${ROUNDS} rounds (min / median / max)`);
console.log('| measure | goal | min / median / max | met (median) |');
console.log('|---|---|---|---|');
for (const [key, values] of Object.entries(samples)) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  const goal = GOALS[key];
  console.log(`| ${key} | ${goal ? goal[0] : ''} | ${fmt(sorted[0])} / ${fmt(median)} / ${fmt(sorted[sorted.length - 1])} | ` +
    `${goal ? (goal[1](median) ? 'yes' : 'no') : ''} |`);
}
