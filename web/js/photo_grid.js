// The grid of a photo listing: justified rows that keep each photo's shape
// (or squares, the visitor's remembered choice), optionally grouped by the
// day the photos were taken, small/medium renditions lazy-loaded through
// srcset, the next page fetched through the API's cursor when the end
// comes into view (or its button is pressed). Editors can select photos
// (click, Shift+click for a range). Opening a photo shows it in the
// lightbox, whose address names the photo.
import {getJson} from './api.js';
import {announce, h, replace} from './dom.js';
import {formatDay, t} from './i18n.js';
import {lightbox} from './lightbox.js';
import {altOf, aspectOf, loadMeetingTitles, photoPageUrl, renditionUrl, renditionWidth} from './photo_text.js';

const PAGE_SIZE = 60;
const LAYOUT_KEY = 'gallery.grid';
export const LAYOUTS = ['justified', 'square'];

export function storedLayout() {
  let stored = null;
  try { stored = localStorage.getItem(LAYOUT_KEY); } catch { /* storage off */ }
  return LAYOUTS.includes(stored) ? stored : 'justified';
}

function rememberLayout(layout) {
  try { localStorage.setItem(LAYOUT_KEY, layout); } catch { /* storage off */ }
}

// The day a photo was taken ("YYYY-MM-DD"), or '' when unknown. A taken_at
// with its offset ("…+02:00", "…Z") is an instant: its day is the day in
// `timeZone` (the meeting's) when one is given. Without an offset, or
// without a time zone, it is the date as written (the camera's clock where
// the photo was taken).
const dayFormats = new Map();
export function dayOf(photo, timeZone = '') {
  const taken = photo.taken_at || '';
  const m = /^\d{4}-\d{2}-\d{2}/.exec(taken);
  if (!m) return '';
  if (!timeZone || !/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(taken)) return m[0];
  const instant = new Date(taken);
  if (Number.isNaN(instant.getTime())) return m[0];
  let format = dayFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', {timeZone, year: 'numeric', month: '2-digit', day: '2-digit'});
    } catch {
      format = null;  // a zone this browser does not know: the date as written
    }
    dayFormats.set(timeZone, format);
  }
  if (!format) return m[0];
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export class PhotoGrid {
  // `query` is the /api/photos filter ({album, meeting, credit, tag, q, from, to});
  // `options.albumSlug` enables the album ZIP in the lightbox;
  // `options.byDay` puts a date heading over each day's photos (days in
  // `options.timeZone` when given, see dayOf).
  constructor(options = {}) {
    this.options = options;
    this.photos = [];
    this.items = [];
    this.cursor = null;
    this.done = false;
    this.loading = null;
    this.selectMode = false;
    this.selected = new Set();
    this.lastClicked = null;
    this.layout = storedLayout();
    this.body = h('div', {class: 'grid-body'});
    this.list = null;
    this.empty = h('p', {class: 'status', hidden: true, text: t('no_photos')});
    // Shown once the first page is in and more remain: before, it would stand
    // where the first tiles come and be pushed down by them.
    this.moreButton = h('button', {type: 'button', class: 'load-more', text: t('load_more'), hidden: true,
      on: {click: () => this.more()}});
    this.element = h('div', {class: `grid-wrap layout-${this.layout}`}, this.body, this.empty, this.moreButton);
    this.onSelectionChange = () => {};
    this.onFirstPage = () => {};
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.more();
    }, {rootMargin: '600px'});
    this.observer.observe(this.moreButton);
    addSkipLink(() => this.focusTile(0));
  }

  // The two layouts as a pair of toggle buttons (the choice is remembered).
  layoutSwitch() {
    const buttons = LAYOUTS.map((layout) => h('button', {type: 'button', class: 'secondary', 'data-layout': layout,
      'aria-pressed': String(layout === this.layout), text: t(`layout_${layout}`),
      on: {click: () => {
        this.setLayout(layout);
        for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.layout === layout));
      }}}));
    return h('div', {class: 'layout-switch', role: 'group', 'aria-label': t('layout')}, buttons);
  }

  setLayout(layout) {
    this.layout = layout;
    rememberLayout(layout);
    this.element.classList.toggle('layout-justified', layout === 'justified');
    this.element.classList.toggle('layout-square', layout === 'square');
    for (let i = 0; i < this.items.length; i++) this.setSources(this.items[i].querySelector('img'), this.photos[i]);
  }

  // Starts over with `query`.
  async reset(query) {
    this.query = query;
    this.photos = [];
    this.items = [];
    this.cursor = null;
    this.done = false;
    this.generation = (this.generation || 0) + 1;
    this.selected.clear();
    this.lastClicked = null;
    this.onSelectionChange();
    replace(this.body);
    this.list = null;
    this.day = null;
    this.loading = null;
    this.moreButton.hidden = true;
    await this.more();
  }

  // Loads the next page; true when photos were added.
  more() {
    if (this.done) return Promise.resolve(false);
    if (!this.loading) {
      const generation = this.generation;
      const first = this.photos.length === 0;
      this.moreButton.textContent = t('loading_more');
      this.loading = Promise.all([getJson('/api/photos', {...this.query, limit: PAGE_SIZE, cursor: this.cursor}),
        loadMeetingTitles()])
        .then(([page]) => {
          if (generation !== this.generation) return false;
          const start = this.photos.length;
          this.photos.push(...page.items);
          this.cursor = page.next_cursor;
          this.done = !page.next_cursor;
          page.items.forEach((p, i) => this.place(p, start + i));
          return page.items.length > 0;
        })
        .finally(() => {
          if (generation !== this.generation) return;
          this.loading = null;
          this.empty.hidden = this.photos.length > 0;
          // No photo, no link to the first one.
          const skip = document.getElementById('skip-photos');
          if (skip) skip.hidden = this.photos.length === 0;
          this.moreButton.hidden = this.done;
          this.moreButton.textContent = t('load_more');
          if (first) this.onFirstPage();
        });
    }
    return this.loading;
  }

  // Appends photo `index`'s tile, under a new day heading when it starts a day.
  place(photo, index) {
    const day = this.options.byDay ? dayOf(photo, this.options.timeZone) : null;
    if (!this.list || (this.options.byDay && day !== this.day)) {
      this.day = day;
      const label = this.options.byDay ? (day ? formatDay(day) : t('date_unknown')) : t('photos');
      if (this.options.byDay) {
        this.body.append(h('h3', {class: 'day-heading'}, day ? h('time', {datetime: day, text: label}) : label));
      }
      this.list = h('ul', {class: 'photo-grid', 'aria-label': this.options.byDay ? t('day_photos', {date: label}) : label});
      this.body.append(this.list);
    }
    const item = this.tile(photo, index);
    this.items[index] = item;
    this.list.append(item);
  }

  setSources(img, photo) {
    if (this.layout === 'square') {
      img.srcset = `${renditionUrl(photo, 'tile')} 256w, ${renditionUrl(photo, 'small')} 480w`;
      img.sizes = '(min-width: 1600px) 320px, (min-width: 700px) 220px, 45vw';
    } else {
      img.srcset = `${renditionUrl(photo, 'small')} ${renditionWidth(photo, 480)}w, ` +
        `${renditionUrl(photo, 'medium')} ${renditionWidth(photo, 1280)}w`;
      // A row is about 220 px high (160 px on phones): the width follows the shape.
      const ratio = aspectOf(photo);
      img.sizes = `(max-width: 699px) min(100vw, ${Math.ceil(160 * ratio)}px), ${Math.ceil(240 * ratio)}px`;
    }
  }

  tile(photo, index) {
    const ratio = aspectOf(photo);
    const img = h('img', {src: renditionUrl(photo, this.layout === 'square' ? 'tile' : 'small'), alt: altOf(photo),
      loading: 'lazy', decoding: 'async',
      width: renditionWidth(photo, 480), height: Math.max(1, Math.round(renditionWidth(photo, 480) / ratio))});
    this.setSources(img, photo);
    const link = h('a', {class: 'tile', href: photoPageUrl(photo), 'data-index': index,
      on: {click: (e) => this.onTileClick(e, index)}}, img);
    if (index === 0) link.id = 'first-photo';
    const item = h('li', {'data-id': photo.id}, link);
    // The shape drives the justified rows (app.css): a custom property, set
    // through the style object (no style attribute under the page's policy).
    item.style.setProperty('--ar', ratio.toFixed(4));
    if (this.options.selectable) {
      const box = h('input', {type: 'checkbox', class: 'select-box', 'aria-label': t('select_photo', {alt: altOf(photo)}),
        on: {click: (e) => this.onBoxClick(e, index)}});
      item.append(box);
    }
    return item;
  }

  // The lightbox's view of this listing.
  source() {
    return {
      size: () => this.photos.length,
      get: (i) => this.photos[i],
      more: () => this.more(),
    };
  }

  // Opens photo `index` in the lightbox; `fromAddress` when the address
  // already names it (a link opened, or Forward).
  open(index, fromAddress = false) {
    lightbox().open(this.source(), index, {albumSlug: this.options.albumSlug, fromAddress,
      onClose: (i) => this.focusTile(i)});
  }

  // Opens the photo with `id`, looking a few pages ahead for it; false
  // when this listing does not hold it.
  async openById(id, fromAddress = true) {
    for (let guard = 0; guard < 10; guard++) {
      const index = this.photos.findIndex((p) => String(p.id) === String(id));
      if (index >= 0) { this.open(index, fromAddress); return true; }
      if (this.done || !(await this.more())) break;
    }
    return false;
  }

  onTileClick(e, index) {
    if (e.ctrlKey || e.metaKey || e.button !== 0) return;
    e.preventDefault();
    if (this.selectMode) {
      this.select(index, e.shiftKey);
      return;
    }
    this.open(index);
  }

  onBoxClick(e, index) {
    e.stopPropagation();
    if (e.shiftKey && this.lastClicked !== null) {
      e.preventDefault();
      this.select(index, true);
    } else {
      this.toggle(index, e.target.checked);
      this.lastClicked = index;
      this.onSelectionChange();
    }
  }

  // Toggles photo `index`, or with `range` selects everything from the last
  // clicked photo to it.
  select(index, range) {
    if (range && this.lastClicked !== null) {
      const [a, b] = [Math.min(this.lastClicked, index), Math.max(this.lastClicked, index)];
      for (let i = a; i <= b; i++) this.toggle(i, true);
    } else {
      this.toggle(index, !this.selected.has(this.photos[index].id));
    }
    this.lastClicked = index;
    this.onSelectionChange();
  }

  toggle(index, on) {
    const id = this.photos[index].id;
    if (on) this.selected.add(id); else this.selected.delete(id);
    const item = this.items[index];
    if (!item) return;
    item.classList.toggle('selected', on);
    const box = item.querySelector('.select-box');
    if (box) box.checked = on;
  }

  setSelectMode(on) {
    this.selectMode = on;
    this.element.classList.toggle('selecting', on);
    if (!on) {
      for (const id of [...this.selected]) this.toggle(this.photos.findIndex((p) => p.id === id), false);
      this.lastClicked = null;
      this.onSelectionChange();
    }
    announce(on ? t('select_hint') : '');
  }

  focusTile(index) {
    const link = this.body.querySelector(`a.tile[data-index="${index}"]`);
    if (link) {
      link.focus();
      link.scrollIntoView({block: 'nearest'});
    }
  }
}

// A second skip link, after "Skip to content": straight to the first photo.
function addSkipLink(focusFirst) {
  const existing = document.getElementById('skip-photos');
  if (existing) existing.remove();
  const link = h('a', {class: 'skip-link', href: '#first-photo', id: 'skip-photos', text: t('skip_photos'),
    on: {click: (e) => { e.preventDefault(); focusFirst(); }}});
  const first = document.getElementById('skip-link');
  if (first) first.after(link); else document.body.prepend(link);
}
