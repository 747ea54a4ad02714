// A responsive grid of a photo listing: tile/small renditions, lazy-loaded,
// the next page fetched through the API's cursor when the end comes into
// view (or its button is pressed). Editors can select photos (click,
// Shift+click for a range). Opening a photo shows it in the lightbox.
import {getJson} from './api.js';
import {announce, h, replace} from './dom.js';
import {t} from './i18n.js';
import {lightbox} from './lightbox.js';
import {altOf, photoPageUrl, renditionUrl} from './photo_text.js';

const PAGE_SIZE = 60;

export class PhotoGrid {
  // `query` is the /api/photos filter ({album, meeting, credit, tag, q, from, to});
  // `options.albumSlug` enables the album ZIP in the lightbox.
  constructor(options = {}) {
    this.options = options;
    this.photos = [];
    this.cursor = null;
    this.done = false;
    this.loading = null;
    this.selectMode = false;
    this.selected = new Set();
    this.lastClicked = null;
    this.list = h('ul', {class: 'photo-grid', 'aria-label': t('photos')});
    this.empty = h('p', {class: 'status', hidden: true, text: t('no_photos')});
    this.moreButton = h('button', {type: 'button', class: 'load-more', text: t('load_more'),
      on: {click: () => this.more()}});
    this.element = h('div', {class: 'grid-wrap'}, this.list, this.empty, this.moreButton);
    this.onSelectionChange = () => {};
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.more();
    }, {rootMargin: '600px'});
    this.observer.observe(this.moreButton);
  }

  // Starts over with `query`.
  async reset(query) {
    this.query = query;
    this.photos = [];
    this.cursor = null;
    this.done = false;
    this.generation = (this.generation || 0) + 1;
    this.selected.clear();
    this.lastClicked = null;
    this.onSelectionChange();
    replace(this.list);
    this.loading = null;
    await this.more();
  }

  // Loads the next page; true when photos were added.
  more() {
    if (this.done) return Promise.resolve(false);
    if (!this.loading) {
      const generation = this.generation;
      this.moreButton.textContent = t('loading_more');
      this.loading = getJson('/api/photos', {...this.query, limit: PAGE_SIZE, cursor: this.cursor})
        .then((page) => {
          if (generation !== this.generation) return false;
          const start = this.photos.length;
          this.photos.push(...page.items);
          this.cursor = page.next_cursor;
          this.done = !page.next_cursor;
          this.list.append(...page.items.map((p, i) => this.tile(p, start + i)));
          return page.items.length > 0;
        })
        .finally(() => {
          if (generation !== this.generation) return;
          this.loading = null;
          this.empty.hidden = this.photos.length > 0;
          this.moreButton.hidden = this.done;
          this.moreButton.textContent = t('load_more');
        });
    }
    return this.loading;
  }

  tile(photo, index) {
    const img = h('img', {src: renditionUrl(photo, 'tile'), alt: altOf(photo), loading: 'lazy', decoding: 'async',
      width: 256, height: 256,
      srcset: `${renditionUrl(photo, 'tile')} 256w, ${renditionUrl(photo, 'small')} 480w`,
      sizes: '(min-width: 1600px) 320px, (min-width: 700px) 220px, 45vw'});
    const link = h('a', {class: 'tile', href: photoPageUrl(photo), 'data-index': index,
      on: {click: (e) => this.onTileClick(e, index)}}, img);
    const item = h('li', {'data-id': photo.id}, link);
    if (this.options.selectable) {
      const box = h('input', {type: 'checkbox', class: 'select-box', 'aria-label': t('select_photo', {alt: altOf(photo)}),
        on: {click: (e) => this.onBoxClick(e, index)}});
      item.append(box);
    }
    return item;
  }

  onTileClick(e, index) {
    if (e.ctrlKey || e.metaKey || e.button !== 0) return;
    e.preventDefault();
    if (this.selectMode) {
      this.select(index, e.shiftKey);
      return;
    }
    lightbox().open({
      size: () => this.photos.length,
      get: (i) => this.photos[i],
      more: () => this.more(),
    }, index, {albumSlug: this.options.albumSlug, onClose: (i) => this.focusTile(i)});
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
    const item = this.list.children[index];
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
    const link = this.list.querySelector(`a.tile[data-index="${index}"]`);
    if (link) {
      link.focus();
      link.scrollIntoView({block: 'nearest'});
    }
  }
}
