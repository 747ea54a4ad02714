// A photo listing with its filters (search box, credit, tag, dates) and, for
// editors, selection and bulk changes of every field (editor_bulk.js). The
// filters live in the page's address, so a filtered view can be linked; so
// does the photo open in the lightbox (?photo=ID). On phones the filters
// fold behind one button.
import {editorModule, getJson, isEditor} from './api.js';
import {h, replace} from './dom.js';
import {photoCount, t} from './i18n.js';
import {lightbox} from './lightbox.js';
import {PhotoGrid} from './photo_grid.js';

const FILTERS = ['q', 'credit', 'tag', 'from', 'to'];

// `scope` fixes the listing to an album or meeting ({album} or {meeting});
// `options.byDay` groups the photos by the day they were taken (in
// `options.timeZone` when known).
export function photoBrowser(scope = {}, options = {}) {
  const grid = new PhotoGrid({selectable: isEditor(), albumSlug: scope.album, byDay: options.byDay,
    timeZone: options.timeZone});
  const params = new URLSearchParams(location.search);
  const current = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || '']));
  const {form, toggle, refreshFacets} = filterForm(scope, current, (values) => {
    const url = new URL(location.href);
    for (const k of FILTERS) if (values[k]) url.searchParams.set(k, values[k]); else url.searchParams.delete(k);
    url.searchParams.delete('photo');
    history.replaceState(history.state, '', url);
    refreshFacets(values.q);
    grid.reset({...scope, ...values});
  });
  const parts = [h('div', {class: 'grid-tools'}, toggle, grid.layoutSwitch()), form];
  if (isEditor()) {
    const tools = bulkTools(grid);
    parts.push(tools);
    // The bulk fields (albums to join and leave among them), from the editors' module.
    editorModule().then((editor) => {
      if (!editor) return;
      const panel = tools.querySelector('.bulk-panel');
      const redraw = () => grid.reset(grid.query).then(() => grid.setSelectMode(true));
      const fields = editor.bulkEditor(grid, redraw, scope.album);
      panel.review = fields.review;
      panel.append(fields);
      grid.empty.append(' ', h('a', {href: '/upload', class: 'button', text: t('upload_photos')}));
    }).catch(() => {});
  }
  parts.push(grid.element);
  // A link naming a photo opens it once the first page is in.
  const linked = params.get('photo');
  if (linked) grid.onFirstPage = () => { grid.onFirstPage = () => {}; openLinked(grid, linked); };
  lightbox().onAddress = (id) => { if (id) openLinked(grid, id); };
  grid.reset({...scope, ...current});
  return h('section', {class: 'photo-browser', 'aria-labelledby': 'photos-heading'},
    h('h2', {id: 'photos-heading', text: options.title || t('photos')}), ...parts);
}

// Opens photo `id` from the grid, else on its own (a photo the listing does
// not reach within a few pages, or one filtered out).
async function openLinked(grid, id) {
  if (await grid.openById(id)) return;
  try {
    const photo = await getJson(`/api/photos/${encodeURIComponent(id)}`);
    lightbox().open({size: () => 1, get: () => photo, more: async () => false}, 0,
      {albumSlug: grid.options.albumSlug, fromAddress: true});
  } catch {
    lightbox().forget();
  }
}

function field(label, control, hint) {
  const id = control.id;
  return h('div', {class: 'field'}, h('label', {for: id, text: label}), control,
    hint ? h('small', {id: `${id}-hint`, text: hint}) : null);
}

// A searchable list: a text box with the values (and their photo counts) as
// suggestions; picking or typing a listed value applies it.
function combobox(id, name, value, hint) {
  const list = h('datalist', {id: `${id}-list`});
  const input = h('input', {type: 'text', id, name, value, list: `${id}-list`, autocomplete: 'off',
    spellcheck: 'false', 'aria-describedby': `${id}-hint`});
  const fill = (items, key) => {
    replace(list, items.map((item) => h('option', {value: item[key], text: photoCount(item.photo_count)})));
  };
  const has = (v) => [...list.options].some((o) => o.value === v);
  return {input, list, fill, has, hint};
}

function filterForm(scope, current, onApply) {
  const search = h('input', {type: 'search', id: 'f-q', name: 'q', value: current.q,
    placeholder: t('search_placeholder')});
  const credit = combobox('f-credit', 'credit', current.credit);
  const tag = combobox('f-tag', 'tag', current.tag);
  const from = h('input', {type: 'date', id: 'f-from', name: 'from', value: current.from});
  const to = h('input', {type: 'date', id: 'f-to', name: 'to', value: current.to});
  // The credits and tags of the photos this page lists (its album or
  // meeting, and the search), counted for this visitor.
  const refreshFacets = (q) => {
    const where = {...scope, q};
    getJson('/api/credits', where).then((r) => credit.fill(r.items, 'credit')).catch(() => {});
    getJson('/api/tags', where).then((r) => tag.fill(r.items, 'tag')).catch(() => {});
  };
  refreshFacets(current.q);
  const values = () => ({q: search.value.trim(), credit: credit.input.value.trim(), tag: tag.input.value.trim(),
    from: from.value, to: to.value});
  const toggle = h('button', {type: 'button', class: 'filters-toggle secondary', 'aria-expanded': 'false',
    'aria-controls': 'filters'});
  const countActive = () => {
    const n = Object.values(values()).filter(Boolean).length;
    toggle.textContent = n ? t('filters_active', {n}) : t('filters_show');
  };
  let applied = JSON.stringify(values());
  const apply = () => { countActive(); applied = JSON.stringify(values()); onApply(values()); };
  const applyIfChanged = () => { if (JSON.stringify(values()) !== applied) apply(); };
  const form = h('form', {class: 'filters collapsed', id: 'filters', role: 'search', 'aria-label': t('filters'),
    on: {submit: (e) => { e.preventDefault(); apply(); }}},
    field(t('search'), search),
    h('div', {class: 'field'}, h('label', {for: 'f-credit', text: t('credit')}), credit.input, credit.list,
      h('small', {id: 'f-credit-hint', class: 'visually-hidden', text: t('credit_hint')})),
    h('div', {class: 'field'}, h('label', {for: 'f-tag', text: t('tag')}), tag.input, tag.list,
      h('small', {id: 'f-tag-hint', class: 'visually-hidden', text: t('tag_hint')})),
    field(t('from'), from), field(t('to'), to),
    h('div', {class: 'field buttons'},
      h('button', {type: 'submit', text: t('apply')}),
      h('button', {type: 'reset', class: 'secondary', text: t('reset'), on: {click: (e) => {
        e.preventDefault();
        search.value = ''; credit.input.value = ''; tag.input.value = ''; from.value = ''; to.value = '';
        apply();
      }}})));
  toggle.addEventListener('click', () => {
    const open = form.classList.toggle('collapsed') === false;
    toggle.setAttribute('aria-expanded', String(open));
  });
  countActive();
  // A value picked from the list (or typed in full) applies at once; an
  // emptied box clears its filter.
  for (const box of [credit, tag]) {
    box.input.addEventListener('input', () => {
      const v = box.input.value.trim();
      if (v === '' || box.has(v)) applyIfChanged();
    });
    box.input.addEventListener('change', applyIfChanged);
  }
  return {form, toggle, refreshFacets};
}

// The selection's toolbar and panel; the panel's fields and the album tools
// come from the editors' module (editor_bulk.js, editor_collections.js).
function bulkTools(grid) {
  const count = h('span', {class: 'selection-count', 'aria-live': 'polite'});
  const toggle = h('button', {type: 'button', class: 'secondary', 'aria-pressed': 'false', text: t('select_mode')});
  const panel = h('form', {class: 'bulk-panel', hidden: true, 'aria-label': t('bulk_title'),
    on: {submit: (e) => {
      e.preventDefault();
      if (panel.review) panel.review();
    }}},
  h('h3', {text: t('bulk_title')}));
  toggle.addEventListener('click', () => {
    const on = !grid.selectMode;
    grid.setSelectMode(on);
    toggle.setAttribute('aria-pressed', String(on));
    toggle.textContent = on ? t('select_done') : t('select_mode');
    panel.hidden = !on;
  });
  grid.onSelectionChange = () => { count.textContent = grid.selected.size ? t('selected', {n: grid.selected.size}) : ''; };
  return h('div', {class: 'bulk-tools'}, h('div', {class: 'toolbar'}, toggle, count), panel);
}

export {field};
