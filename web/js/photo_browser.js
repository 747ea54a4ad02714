// A photo listing with its filters (search box, credit, tag, dates) and, for
// editors, selection and bulk changes (credit, keywords, meeting). The
// filters live in the page's address, so a filtered view can be linked.
import {getJson, isEditor, sendJson} from './api.js';
import {announce, h, replace} from './dom.js';
import {pick, t} from './i18n.js';
import {PhotoGrid} from './photo_grid.js';

const FILTERS = ['q', 'credit', 'tag', 'from', 'to'];

// `scope` fixes the listing to an album or meeting ({album} or {meeting}).
export function photoBrowser(scope = {}, options = {}) {
  const grid = new PhotoGrid({selectable: isEditor(), albumSlug: scope.album});
  const params = new URLSearchParams(location.search);
  const current = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || '']));
  const form = filterForm(scope, current, (values) => {
    const url = new URL(location.href);
    for (const k of FILTERS) if (values[k]) url.searchParams.set(k, values[k]); else url.searchParams.delete(k);
    history.replaceState(null, '', url);
    grid.reset({...scope, ...values});
  });
  const parts = [form];
  if (isEditor()) parts.push(bulkTools(grid));
  parts.push(grid.element);
  grid.reset({...scope, ...current});
  return h('section', {class: 'photo-browser', 'aria-labelledby': 'photos-heading'},
    h('h2', {id: 'photos-heading', text: options.title || t('photos')}), ...parts);
}

function field(label, control, hint) {
  const id = control.id;
  return h('div', {class: 'field'}, h('label', {for: id, text: label}), control,
    hint ? h('small', {id: `${id}-hint`, text: hint}) : null);
}

function filterForm(scope, current, onApply) {
  const search = h('input', {type: 'search', id: 'f-q', name: 'q', value: current.q,
    placeholder: t('search_placeholder')});
  const credit = h('select', {id: 'f-credit', name: 'credit'}, h('option', {value: '', text: t('any')}));
  const tag = h('select', {id: 'f-tag', name: 'tag'}, h('option', {value: '', text: t('any')}));
  const from = h('input', {type: 'date', id: 'f-from', name: 'from', value: current.from});
  const to = h('input', {type: 'date', id: 'f-to', name: 'to', value: current.to});
  const fill = (select, items, key, chosen) => {
    for (const item of items) {
      select.append(h('option', {value: item[key], text: `${item[key]} (${item.photo_count})`}));
    }
    if (chosen && ![...select.options].some((o) => o.value === chosen)) select.append(h('option', {value: chosen, text: chosen}));
    select.value = chosen;
  };
  const meeting = scope.meeting ? {meeting: scope.meeting} : {};
  getJson('/api/credits', meeting).then((r) => fill(credit, r.items, 'credit', current.credit)).catch(() => {});
  getJson('/api/tags', meeting).then((r) => fill(tag, r.items, 'tag', current.tag)).catch(() => {});
  const values = () => ({q: search.value.trim(), credit: credit.value, tag: tag.value, from: from.value, to: to.value});
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': t('filters'),
    on: {submit: (e) => { e.preventDefault(); onApply(values()); }}},
    field(t('search'), search), field(t('credit'), credit), field(t('tag'), tag),
    field(t('from'), from), field(t('to'), to),
    h('div', {class: 'field buttons'},
      h('button', {type: 'submit', text: t('apply')}),
      h('button', {type: 'reset', class: 'secondary', text: t('reset'), on: {click: (e) => {
        e.preventDefault();
        search.value = ''; credit.value = ''; tag.value = ''; from.value = ''; to.value = '';
        onApply(values());
      }}})));
  for (const select of [credit, tag]) select.addEventListener('change', () => onApply(values()));
  return form;
}

function bulkTools(grid) {
  const count = h('span', {class: 'selection-count', 'aria-live': 'polite'});
  const toggle = h('button', {type: 'button', class: 'secondary', 'aria-pressed': 'false', text: t('select_mode')});
  const credit = h('input', {type: 'text', id: 'bulk-credit', autocomplete: 'off'});
  const keywords = h('input', {type: 'text', id: 'bulk-keywords', autocomplete: 'off', 'aria-describedby': 'bulk-keywords-hint'});
  const meeting = h('select', {id: 'bulk-meeting'}, h('option', {value: '', text: '—'}));
  getJson('/api/meetings').then((r) => {
    for (const m of r.items) meeting.append(h('option', {value: m.slug, text: pick(m.title) || m.slug}));
  }).catch(() => {});
  const message = h('p', {class: 'status', role: 'status'});
  const panel = h('form', {class: 'bulk-panel', hidden: true, 'aria-label': t('bulk_title'),
    on: {submit: async (e) => {
      e.preventDefault();
      const set = {};
      if (credit.value.trim()) set.credit = credit.value.trim();
      if (keywords.value.trim()) set.keywords = keywords.value.split(',').map((k) => k.trim()).filter(Boolean);
      if (meeting.value) set.meeting = meeting.value;
      if (!Object.keys(set).length) { message.textContent = t('bulk_nothing'); return; }
      const ids = [...grid.selected];
      try {
        await sendJson('PATCH', '/api/photos', {ids, set});
        credit.value = ''; keywords.value = ''; meeting.value = '';
        await grid.reset(grid.query);
        grid.setSelectMode(true);
        message.textContent = t('bulk_done', {n: ids.length});
      } catch (err) {
        message.textContent = t('error', {message: err.message});
      }
    }}},
    h('h3', {text: t('bulk_title')}),
    field(t('bulk_credit'), credit), field(t('bulk_keywords'), keywords, t('keywords_hint')),
    field(t('bulk_meeting'), meeting),
    h('button', {type: 'submit', text: t('bulk_apply')}), message);
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
