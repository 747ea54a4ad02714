// The full-screen viewer: the photo as large as the screen allows, the
// caption in the chosen language, the credit line always under it, a
// download menu and an info panel (rights, camera). Its address names the
// photo (?photo=ID): opening that address opens it, Back closes it.
// Zoom by wheel, pinch, double-tap/double-click or +/−, up to the large
// rendition; swipe (a finger, or a mouse or pen dragged across) and ←/→
// move between photos (zoomed in, the arrows move the photo instead);
// Esc closes; i shows the info panel. A photo larger than the screen,
// zoomed into, switches to deep zoom (deep_zoom.js): its IIIF tiles, as
// deep as the original's pixels, driven by the same keys and buttons.
// The next and previous photos are fetched ahead. One per page, built on
// first use.
import {hasRoute, withShare} from './api.js';
import {DeepZoom, largerThanScreen} from './deep_zoom.js';
import {announce, h, replace} from './dom.js';
import {formatDate, t} from './i18n.js';
import {altOf, aspectOf, captionOf, exposureOf, originalUrl, photoPageUrl, renditionUrl} from './photo_text.js';

const SWIPE_PX = 50;
const TAP_PX = 10;
const DOUBLE_TAP_MS = 350;
const LARGE_SIDE = 2560;
const ZOOM_STEP = 1.5;
const PAN_SHARE = 0.1;

// The page's address with ?photo= set to `id` (or removed when null).
function addressWith(id) {
  const url = new URL(location.href);
  if (id === null) url.searchParams.delete('photo'); else url.searchParams.set('photo', String(id));
  return url.pathname + url.search + url.hash;
}

// `source` gives the photos: {size(), get(i), more(): Promise<boolean>};
// `options.albumSlug` offers the album ZIP when the server has that route;
// `options.fromAddress` when the address already names the photo;
// `options.onClose(i)` is told the index shown last.
export class Lightbox {
  constructor() {
    this.index = 0;
    this.source = null;
    this.options = {};
    this.scale = 1;
    this.x = 0;
    this.y = 0;
    this.closingFromAddress = false;
    this.deep = null;
    this.deepOpening = null;
    this.onAddress = () => {};
    this.build();
    window.addEventListener('popstate', () => this.onPopState());
  }

  build() {
    this.image = h('img', {class: 'lb-image', alt: '', draggable: 'false'});
    this.caption = h('p', {class: 'lb-caption'});
    this.credit = h('p', {class: 'lb-credit'});
    this.counter = h('p', {class: 'lb-counter', 'aria-live': 'polite'});
    this.menu = h('ul', {class: 'menu-list'});
    this.details = h('a', {class: 'lb-details'});
    this.infoList = h('dl', {class: 'facts'});
    this.info = h('aside', {class: 'lb-info', id: 'lb-info', hidden: true, 'aria-labelledby': 'lb-info-title'},
      h('h2', {id: 'lb-info-title', text: t('info_title')}), this.infoList);
    this.infoButton = h('button', {type: 'button', class: 'lb-tool lb-info-toggle', 'aria-expanded': 'false',
      'aria-controls': 'lb-info', text: t('info'), on: {click: () => this.toggleInfo()}});
    this.zoomOutButton = h('button', {type: 'button', class: 'lb-tool lb-zoom-out', 'aria-label': t('zoom_out'),
      text: '−', on: {click: () => this.zoomBy(1 / ZOOM_STEP)}});
    this.zoomInButton = h('button', {type: 'button', class: 'lb-tool lb-zoom-in', 'aria-label': t('zoom_in'),
      text: '+', on: {click: () => this.zoomBy(ZOOM_STEP)}});
    this.prevButton = h('button', {type: 'button', class: 'lb-nav lb-prev', 'aria-label': t('previous'),
      text: '‹', on: {click: () => this.step(-1)}});
    this.nextButton = h('button', {type: 'button', class: 'lb-nav lb-next', 'aria-label': t('next'),
      text: '›', on: {click: () => this.step(1)}});
    const close = h('button', {type: 'button', class: 'lb-close', 'aria-label': t('close'), text: '×',
      on: {click: () => this.close()}});
    this.stage = h('div', {class: 'lb-stage'}, this.image);
    const figure = h('figure', {class: 'lb-figure'}, this.stage,
      h('figcaption', {}, this.caption, this.credit));
    this.dialog = h('dialog', {class: 'lightbox', 'aria-label': t('lightbox'), id: 'lightbox'},
      h('div', {class: 'lb-bar'}, this.counter, this.zoomOutButton, this.zoomInButton, this.infoButton,
        h('details', {class: 'menu'}, h('summary', {text: t('download')}), this.menu),
        this.details, close),
      h('div', {class: 'lb-main'}, figure, this.prevButton, this.nextButton, this.info));
    this.dialog.addEventListener('keydown', (e) => this.onKey(e));
    this.dialog.addEventListener('close', () => this.onClosed());
    this.image.addEventListener('load', () => this.layout());
    listenForGestures(this.stage, this);
    new ResizeObserver(() => { if (this.dialog.open) this.layout(); }).observe(this.stage);
    document.body.append(this.dialog);
  }

  open(source, index, options = {}) {
    this.source = source;
    this.options = options;
    const photo = source.get(index);
    if (!options.fromAddress && !(history.state && history.state.lightbox)) {
      history.pushState({lightbox: true}, '', addressWith(photo.id));
    }
    if (!this.dialog.open) this.dialog.showModal();
    this.show(index);
    this.dialog.focus();
  }

  close() { if (this.dialog.open) this.dialog.close(); }

  // The address no longer names a photo when the viewer closes: Back when
  // the viewer added the entry, else the photo is taken out of it.
  onClosed() {
    this.closeDeep();
    if (this.options.onClose) this.options.onClose(this.index);
    if (this.closingFromAddress) { this.closingFromAddress = false; return; }
    if (history.state && history.state.lightbox) history.back();
    else this.forget();
  }

  forget() { history.replaceState(null, '', addressWith(null)); }

  onPopState() {
    const id = new URLSearchParams(location.search).get('photo');
    if (!id && this.dialog.open) {
      this.closingFromAddress = true;
      this.dialog.close();
    } else if (id && !this.dialog.open) {
      this.onAddress(id);
    }
  }

  onKey(e) {
    if (e.target.closest && e.target.closest('summary, .menu-list')) {
      if (e.key !== 'Escape') return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const pan = this.stage.getBoundingClientRect().width * PAN_SHARE;
    if (e.key.startsWith('Arrow') && this.zoomed()) {
      e.preventDefault();
      const [dx, dy] = {ArrowLeft: [pan, 0], ArrowRight: [-pan, 0], ArrowUp: [0, pan], ArrowDown: [0, -pan]}[e.key] || [0, 0];
      this.panBy(dx, dy);
    }
    else if (e.key === 'ArrowRight') { e.preventDefault(); this.step(1); }
    else if (e.key === 'ArrowLeft') { e.preventDefault(); this.step(-1); }
    else if (e.key === '+' || e.key === '=') { e.preventDefault(); this.zoomBy(ZOOM_STEP); }
    else if (e.key === '-' || e.key === '_') { e.preventDefault(); this.zoomBy(1 / ZOOM_STEP); }
    else if (e.key === '0') { e.preventDefault(); this.zoomTo(1); }
    else if (e.key === 'i' || e.key === 'I') { e.preventDefault(); this.toggleInfo(); }
  }

  async step(delta) {
    let target = this.index + delta;
    if (target >= this.source.size() && !(await this.source.more())) target = this.source.size() - 1;
    if (target < 0) target = 0;
    if (target !== this.index) this.show(target);
  }

  photo() { return this.source.get(this.index); }

  show(index) {
    this.index = index;
    const photo = this.photo();
    this.closeDeep();
    this.largeShown = false;
    this.scale = 1;
    this.x = 0;
    this.y = 0;
    this.image.src = renditionUrl(photo, 'medium');
    this.image.alt = altOf(photo);
    this.layout();
    const caption = captionOf(photo);
    this.caption.textContent = caption;
    this.caption.hidden = !caption;
    this.credit.textContent = photo.credit || '';
    this.counter.textContent = t('position', {i: index + 1, n: this.source.size()});
    this.details.href = photoPageUrl(photo);
    this.details.textContent = t('details');
    this.prevButton.disabled = index === 0;
    this.nextButton.disabled = false;
    this.fillMenu(photo);
    this.fillInfo(photo);
    if (this.dialog.open) history.replaceState(history.state, '', addressWith(photo.id));
    this.preload(index);
    announce(caption || altOf(photo));
  }

  // The photos on either side, fetched ahead so the next step shows at once.
  preload(index) {
    this.preloaded = [index - 1, index + 1]
      .filter((i) => i >= 0 && i < this.source.size())
      .map((i) => {
        const img = new Image();
        img.src = renditionUrl(this.source.get(i), 'medium');
        return img;
      });
  }

  // The photo fitted into the stage (as large as it allows, its shape
  // kept), then moved and scaled by the zoom.
  layout() {
    if (!this.source) return;
    const photo = this.photo();
    const box = this.stage.getBoundingClientRect();
    if (!box.width || !box.height) return;
    const ratio = aspectOf(photo);
    const width = Math.min(box.width, box.height * ratio);
    this.fit = {width, height: width / ratio, stageWidth: box.width, stageHeight: box.height};
    this.image.style.width = `${width}px`;
    this.image.style.height = `${width / ratio}px`;
    this.applyZoom();
  }

  // The most the photo can be enlarged: until the large rendition's pixels
  // (or the original's, when smaller) are shown one to one; at least twice.
  maxScale() {
    if (this.deep) return this.deep.maxScale();
    if (!this.fit) return 1;
    const photo = this.photo();
    const longSide = Math.min(LARGE_SIDE, Math.max(Number(photo.width) || 0, Number(photo.height) || 0));
    const shown = Math.max(this.fit.width, this.fit.height);
    return Math.max(2, longSide / shown);
  }

  // Zooms to `scale` keeping the stage point (px, py) (from its centre) still.
  // A photo larger than the screen goes over to deep zoom; until its tiles
  // are ready the plain view zooms.
  zoomTo(scale, px = 0, py = 0) {
    if (this.deep) {
      if (scale <= 1.001) this.closeDeep(); else this.deep.zoomTo(scale, px, py);
      this.applyZoom();
      return;
    }
    if (scale > 1.001) this.openDeep();
    const next = Math.min(this.maxScale(), Math.max(1, scale));
    const k = next / this.scale;
    this.x = px - (px - this.x) * k;
    this.y = py - (py - this.y) * k;
    this.scale = next;
    this.applyZoom();
  }

  zoomBy(factor, px = 0, py = 0) { this.zoomTo((this.deep ? this.deep.target() : this.scale) * factor, px, py); }

  panBy(dx, dy) {
    if (this.deep) { this.deep.panBy(dx, dy); return; }
    this.x += dx;
    this.y += dy;
    this.applyZoom();
  }

  zoomed() { return this.deep ? this.deep.zoomed() : this.scale > 1.001; }

  // Deep zoom for the photo shown, once per photo, when it is larger than
  // the screen; taken over at the plain view's scale and place.
  openDeep() {
    const photo = this.photo();
    if (this.deepOpening === photo || !largerThanScreen(photo)) return;
    this.deepOpening = photo;
    DeepZoom.open(this.stage, photo, t('deep_zoom', {alt: altOf(photo)})).then((deep) => {
      if (this.photo() !== photo || this.deepOpening !== photo || !this.dialog.open || !this.zoomed()) {
        deep.destroy();
        if (this.deepOpening === photo) this.deepOpening = null;
        return;
      }
      this.deep = deep;
      deep.zoomTo(this.scale, 0, 0, true);
      deep.panBy(this.x, this.y, true);
      deep.onChange(() => this.applyZoom());
      this.dialog.classList.add('deep');
      this.applyZoom();
    }).catch(() => { /* no tiles: the plain view goes on zooming */ });
  }

  closeDeep() {
    this.deepOpening = null;
    if (!this.deep) return;
    this.deep.destroy();
    this.deep = null;
    this.dialog.classList.remove('deep');
    this.scale = 1;
    this.x = 0;
    this.y = 0;
  }

  applyZoom() {
    if (this.deep) {
      this.image.style.transform = '';
      this.dialog.classList.toggle('zoomed', this.zoomed());
      this.zoomOutButton.disabled = false;
      this.zoomInButton.disabled = this.deep.target() >= this.maxScale() - 0.001;
      return;
    }
    if (!this.fit) return;
    if (!this.zoomed()) { this.scale = 1; this.x = 0; this.y = 0; }
    const spareX = Math.max(0, (this.fit.width * this.scale - this.fit.stageWidth) / 2);
    const spareY = Math.max(0, (this.fit.height * this.scale - this.fit.stageHeight) / 2);
    this.x = Math.min(spareX, Math.max(-spareX, this.x));
    this.y = Math.min(spareY, Math.max(-spareY, this.y));
    this.image.style.transform = this.zoomed()
      ? `translate(${this.x}px, ${this.y}px) scale(${this.scale})` : '';
    this.dialog.classList.toggle('zoomed', this.zoomed());
    this.zoomOutButton.disabled = !this.zoomed();
    this.zoomInButton.disabled = this.scale >= this.maxScale() - 0.001;
    if (this.zoomed() && !this.largeShown) this.showLarge();
  }

  // Swaps in the large rendition once it has arrived.
  showLarge() {
    this.largeShown = true;
    const photo = this.photo();
    const src = renditionUrl(photo, 'large');
    if (!src) return;
    const img = new Image();
    img.onload = () => { if (this.photo() === photo) this.image.src = src; };
    img.src = src;
  }

  toggleInfo(open = this.info.hidden) {
    this.info.hidden = !open;
    this.infoButton.setAttribute('aria-expanded', String(open));
    this.dialog.classList.toggle('with-info', open);
    this.layout();
  }

  fillInfo(photo) {
    const exposure = exposureOf(photo);
    const camera = [photo.make, photo.model].filter(Boolean).join(' ');
    const rows = [
      [t('credit_line'), photo.credit],
      [t('creator'), photo.creator],
      [t('copyright'), photo.copyright],
      [t('usage_terms'), photo.usage_terms],
      [t('taken_at'), photo.taken_at ? formatDate(photo.taken_at) : ''],
      [t('camera'), camera],
      [t('lens'), photo.lens],
      [t('exposure'), exposure],
      [t('size_px'), photo.width && photo.height ? `${photo.width} × ${photo.height}` : ''],
    ].filter(([, value]) => value);
    replace(this.infoList, rows.flatMap(([label, value]) => [h('dt', {text: label}), h('dd', {text: String(value)})]));
  }

  async fillMenu(photo) {
    const item = (href, label, name) => h('li', {}, h('a', {href, download: name || true, text: label}));
    const entries = [
      item(renditionUrl(photo, 'small', 'jpg'), t('dl_small')),
      item(renditionUrl(photo, 'large', 'jpg'), t('dl_large')),
      item(originalUrl(photo), t('dl_original'), photo.filename),
    ];
    replace(this.menu, entries);
    const slug = this.options.albumSlug;
    if (slug && (await hasRoute('GET', '/api/albums/{slug}/download')) && this.photo() === photo) {
      this.menu.append(item(withShare(`/api/albums/${encodeURIComponent(slug)}/download`), t('dl_zip')));
    }
  }
}

// Touch, mouse and pen on the stage: unzoomed, a horizontal swipe (a finger,
// or a mouse or pen dragged across) steps to the next (leftwards) or
// previous photo, mostly vertical moves are left alone; zoomed, a drag
// pans. Two fingers pinch-zoom; a double tap or double click zooms in or
// back out; the wheel zooms around the pointer.
function listenForGestures(stage, box) {
  let start = null;
  let pinch = null;
  let lastTap = null;
  const centre = (x, y) => {
    const r = stage.getBoundingClientRect();
    return [x - r.left - r.width / 2, y - r.top - r.height / 2];
  };
  const distance = (a, b) => Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
  const toggleZoomAt = (x, y) => {
    const [px, py] = centre(x, y);
    if (box.zoomed()) box.zoomTo(1); else box.zoomTo(Math.min(box.maxScale(), 2.5), px, py);
  };
  // The end of a one-finger or pointer move from `start` to (x, y).
  const finish = (x, y, touch) => {
    if (!start) return;
    const dx = x - start.x;
    const dy = y - start.y;
    const moved = start.moved;
    start = null;
    if (touch && Math.abs(dx) < TAP_PX && Math.abs(dy) < TAP_PX && !moved) {
      const now = Date.now();
      if (lastTap && now - lastTap.at < DOUBLE_TAP_MS && Math.hypot(x - lastTap.x, y - lastTap.y) < 30) {
        lastTap = null;
        toggleZoomAt(x, y);
      } else {
        lastTap = {at: now, x, y};
      }
      return;
    }
    if (box.zoomed()) return;
    if (Math.abs(dx) >= SWIPE_PX && Math.abs(dx) > Math.abs(dy)) box.step(dx < 0 ? 1 : -1);
  };
  const move = (x, y) => {
    if (!start || box.deep) return;
    if (box.zoomed()) {
      box.panBy(x - start.lastX, y - start.lastY);
      start.moved = true;
    }
    start.lastX = x;
    start.lastY = y;
  };
  stage.addEventListener('touchstart', (e) => {
    if (box.deep) return;
    if (e.touches.length === 2) {
      start = null;
      const [a, b] = e.touches;
      pinch = {distance: distance(a, b), scale: box.scale,
        at: centre((a.clientX + b.clientX) / 2, (a.clientY + b.clientY) / 2)};
    } else if (e.touches.length === 1 && !pinch) {
      const {clientX: x, clientY: y} = e.touches[0];
      start = {x, y, lastX: x, lastY: y, moved: false};
    }
  }, {passive: true});
  stage.addEventListener('touchmove', (e) => {
    if (box.deep) return;
    if (pinch && e.touches.length === 2) {
      e.preventDefault();
      const [a, b] = e.touches;
      box.zoomTo(pinch.scale * distance(a, b) / pinch.distance, ...pinch.at);
    } else if (start && e.touches.length === 1) {
      if (box.zoomed()) e.preventDefault();
      move(e.touches[0].clientX, e.touches[0].clientY);
    }
  }, {passive: false});
  stage.addEventListener('touchend', (e) => {
    if (box.deep) return;
    if (pinch) {
      if (e.touches.length === 0) pinch = null;
      return;
    }
    const touch = e.changedTouches[0];
    if (touch) finish(touch.clientX, touch.clientY, true);
  });
  stage.addEventListener('touchcancel', () => { start = null; pinch = null; });
  stage.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'touch' || box.deep) return;
    start = {x: e.clientX, y: e.clientY, lastX: e.clientX, lastY: e.clientY, moved: false};
  });
  stage.addEventListener('pointermove', (e) => {
    if (e.pointerType !== 'touch' && e.buttons) move(e.clientX, e.clientY);
  });
  stage.addEventListener('pointerup', (e) => {
    if (e.pointerType !== 'touch' && !box.deep) finish(e.clientX, e.clientY, false);
  });
  stage.addEventListener('dblclick', (e) => { if (!box.deep) toggleZoomAt(e.clientX, e.clientY); });
  stage.addEventListener('wheel', (e) => {
    e.preventDefault();
    if (box.deep) return;
    const [px, py] = centre(e.clientX, e.clientY);
    box.zoomBy(Math.exp(-e.deltaY * 0.002), px, py);
  }, {passive: false});
  stage.addEventListener('dragstart', (e) => e.preventDefault());
}

let shared = null;

export function lightbox() {
  if (!shared) shared = new Lightbox();
  return shared;
}
