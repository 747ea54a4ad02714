// The full-screen viewer: the medium rendition, the caption in the chosen
// language, the credit line always under the photo, ←/→/Esc and swipe, and
// a download menu. One per page, built on first use.
import {hasRoute, withShare} from './api.js';
import {announce, h, replace} from './dom.js';
import {t} from './i18n.js';
import {altOf, captionOf, originalUrl, photoPageUrl, renditionUrl} from './photo_text.js';

const SWIPE_PX = 50;

// `source` gives the photos: {size(), get(i), more(): Promise<boolean>};
// `options.albumSlug` offers the album ZIP when the server has that route;
// `options.onClose(i)` is told the index shown last.
export class Lightbox {
  constructor() {
    this.index = 0;
    this.source = null;
    this.options = {};
    this.build();
  }

  build() {
    this.image = h('img', {class: 'lb-image', alt: ''});
    this.caption = h('p', {class: 'lb-caption'});
    this.credit = h('p', {class: 'lb-credit'});
    this.counter = h('p', {class: 'lb-counter', 'aria-live': 'polite'});
    this.menu = h('ul', {class: 'menu-list'});
    this.details = h('a', {class: 'lb-details'});
    this.prevButton = h('button', {type: 'button', class: 'lb-nav lb-prev', 'aria-label': t('previous'),
      text: '‹', on: {click: () => this.step(-1)}});
    this.nextButton = h('button', {type: 'button', class: 'lb-nav lb-next', 'aria-label': t('next'),
      text: '›', on: {click: () => this.step(1)}});
    const close = h('button', {type: 'button', class: 'lb-close', 'aria-label': t('close'), text: '×',
      on: {click: () => this.close()}});
    const figure = h('figure', {class: 'lb-figure'}, this.image, h('figcaption', {}, this.caption, this.credit));
    this.dialog = h('dialog', {class: 'lightbox', 'aria-label': t('lightbox'), id: 'lightbox'},
      h('div', {class: 'lb-bar'}, this.counter,
        h('details', {class: 'menu'}, h('summary', {text: t('download')}), this.menu),
        this.details, close),
      h('div', {class: 'lb-stage'}, this.prevButton, figure, this.nextButton));
    this.dialog.addEventListener('keydown', (e) => this.onKey(e));
    this.dialog.addEventListener('close', () => this.options.onClose && this.options.onClose(this.index));
    listenForSwipes(figure, (delta) => this.step(delta));
    document.body.append(this.dialog);
  }

  open(source, index, options = {}) {
    this.source = source;
    this.options = options;
    this.show(index);
    if (!this.dialog.open) this.dialog.showModal();
    this.dialog.focus();
  }

  close() { if (this.dialog.open) this.dialog.close(); }

  onKey(e) {
    if (e.target.closest && e.target.closest('summary, .menu-list')) {
      if (e.key !== 'Escape') return;
    }
    if (e.key === 'ArrowRight') { e.preventDefault(); this.step(1); }
    else if (e.key === 'ArrowLeft') { e.preventDefault(); this.step(-1); }
  }

  async step(delta) {
    let target = this.index + delta;
    if (target >= this.source.size() && !(await this.source.more())) target = this.source.size() - 1;
    if (target < 0) target = 0;
    if (target !== this.index) this.show(target);
  }

  show(index) {
    this.index = index;
    const photo = this.source.get(index);
    this.image.src = renditionUrl(photo, 'medium');
    this.image.alt = altOf(photo);
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
    announce(caption || altOf(photo));
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
    if (slug && (await hasRoute('GET', '/api/albums/{slug}/download')) && this.source.get(this.index) === photo) {
      this.menu.append(item(withShare(`/api/albums/${encodeURIComponent(slug)}/download`), t('dl_zip')));
    }
  }
}

// Calls `onSwipe(1)` for a horizontal swipe to the left on `element` (the
// next photo), `onSwipe(-1)` for one to the right: a finger on a touch
// screen, or a mouse or pen dragged across. Mostly vertical moves are left alone.
function listenForSwipes(element, onSwipe) {
  let start = null;
  const finish = (x, y) => {
    if (!start) return;
    const dx = x - start.x;
    const dy = y - start.y;
    start = null;
    if (Math.abs(dx) >= SWIPE_PX && Math.abs(dx) > Math.abs(dy)) onSwipe(dx < 0 ? 1 : -1);
  };
  element.addEventListener('touchstart', (e) => {
    start = e.touches.length === 1 ? {x: e.touches[0].clientX, y: e.touches[0].clientY} : null;
  }, {passive: true});
  element.addEventListener('touchend', (e) => {
    const touch = e.changedTouches[0];
    if (touch) finish(touch.clientX, touch.clientY);
  });
  element.addEventListener('touchcancel', () => { start = null; });
  element.addEventListener('pointerdown', (e) => {
    if (e.pointerType !== 'touch') start = {x: e.clientX, y: e.clientY};
  });
  element.addEventListener('pointerup', (e) => {
    if (e.pointerType !== 'touch') finish(e.clientX, e.clientY);
  });
  element.addEventListener('dragstart', (e) => e.preventDefault());
}

let shared = null;

export function lightbox() {
  if (!shared) shared = new Lightbox();
  return shared;
}
