// For editors, on a photo's page: the edit form (captions, headlines and alt
// texts in English and French, credit, creator, copyright, terms of use,
// embargo, keywords) and the history as people read it: each field by its
// name in the page's language, keywords as what was added and removed, the
// albums joined and left (by their titles in the page's language),
// times in the reader's time zone, newest first, each entry with Revert.
// Loaded only for editors, from page_photo.js.
import {getJson, hasRoute, sendJson} from './api.js';
import {announce, h} from './dom.js';
import {errorText, formatDate, formatDateTime, lang, t} from './i18n.js';
import {field} from './photo_browser.js';

const LANG_FIELDS = [['caption', 'caption_en', 'caption_fr'], ['headline', 'headline_en', 'headline_fr'],
  ['alt_text', 'alt_en', 'alt_fr']];
const TEXT_FIELDS = ['credit', 'creator', 'copyright', 'usage_terms'];
const LABEL_KEYS = {caption: 'caption', headline: 'headline', alt_text: 'alt_text', credit: 'credit', creator: 'creator',
  copyright: 'copyright', usage_terms: 'usage_terms', embargo_until: 'embargo', meeting: 'meeting', event: 'event',
  keywords: 'keywords', album: 'album'};

const dateOf = (iso) => (iso || '').slice(0, 10);

// `redraw(updated)` draws the page again for the photo as the server returned it.
export function editForm(photo, redraw) {
  const inputs = {};
  const controls = [];
  for (const [name, labelEn, labelFr] of LANG_FIELDS) {
    for (const [lang, label] of [['en', labelEn], ['fr', labelFr]]) {
      const tag = name === 'headline' ? 'input' : 'textarea';
      const input = h(tag, {id: `edit-${name}-${lang}`, name: `${name}.${lang}`, lang, rows: tag === 'textarea' ? 2 : null,
        type: tag === 'input' ? 'text' : null});
      input.value = (photo[name] && photo[name][lang]) || '';
      inputs[`${name}.${lang}`] = input;
      controls.push(field(t(label), input));
    }
  }
  for (const name of TEXT_FIELDS) {
    const input = h('input', {type: 'text', id: `edit-${name.replace('_', '-')}`, name});
    input.value = photo[name] || '';
    inputs[name] = input;
    controls.push(field(t(name), input));
  }
  const embargo = h('input', {type: 'date', id: 'edit-embargo', name: 'embargo_until', 'aria-describedby': 'edit-embargo-hint'});
  embargo.value = dateOf(photo.embargo_until);
  const keywords = h('input', {type: 'text', id: 'edit-keywords', name: 'keywords', 'aria-describedby': 'edit-keywords-hint'});
  keywords.value = (photo.keywords || []).join(', ');
  controls.push(field(t('embargo'), embargo, t('embargo_hint')), field(t('keywords'), keywords, t('keywords_hint')));
  const message = h('p', {class: 'status', role: 'status'});
  return h('form', {class: 'edit-form', 'aria-labelledby': 'edit-heading', on: {submit: async (e) => {
    e.preventDefault();
    const change = changes(photo, inputs, embargo.value, keywords.value);
    if (!Object.keys(change).length) { message.textContent = t('no_change'); return; }
    try {
      const updated = await sendJson('PATCH', `/api/photos/${photo.id}`, change);
      redraw(updated);
      announce(t('saved'));
      const status = document.querySelector('.edit-form .status');
      if (status) status.textContent = t('saved');
    } catch (err) {
      message.textContent = errorText(err);
    }
  }}},
  h('h2', {id: 'edit-heading', text: t('edit_photo')}), h('div', {class: 'edit-grid'}, controls),
  h('button', {type: 'submit', text: t('save')}), message);
}

// The PATCH body for what differs from `photo`: {caption: {fr: text|null}, credit, ..., keywords}.
function changes(photo, inputs, embargo, keywordText) {
  const out = {};
  for (const [name] of LANG_FIELDS) {
    for (const lang of ['en', 'fr']) {
      const value = inputs[`${name}.${lang}`].value.trim();
      const before = (photo[name] && photo[name][lang]) || '';
      if (value !== before) (out[name] ||= {})[lang] = value === '' ? null : value;
    }
  }
  for (const name of TEXT_FIELDS) {
    const value = inputs[name].value.trim();
    if (value !== (photo[name] || '')) out[name] = value === '' ? null : value;
  }
  if (embargo !== dateOf(photo.embargo_until)) out.embargo_until = embargo === '' ? null : embargo;
  const keywords = keywordText.split(',').map((k) => k.trim()).filter(Boolean);
  if (keywords.join('\n') !== (photo.keywords || []).join('\n')) out.keywords = keywords;
  return out;
}

// "Caption (French)" for "caption.fr", "Credit" for "credit", in the page's language.
export function fieldLabel(name) {
  const [base, lang] = name.split('.');
  const key = LABEL_KEYS[base];
  if (!key) return name;
  if (!lang) return t(key);
  if (lang === 'en' || lang === 'fr') return t(`${key === 'alt_text' ? 'alt' : key}_${lang}`);
  return t('field_in_lang', {field: t(key), lang});
}

function keywordList(text) {
  try {
    const list = JSON.parse(text || '[]');
    return Array.isArray(list) ? list.map(String) : [];
  } catch {
    return [];
  }
}

const quoted = (v) => t('bulk_quoted', {v});
const valueText = (name, value) => {
  if (!value) return t('history_empty');
  if (name === 'embargo_until') return quoted(formatDate(value));
  return quoted(value);
};

// The album an "album" entry names: its title in the page's language when
// it has one, else its slug.
function albumName(entry) {
  const slug = entry.album?.slug || entry.old_value || entry.new_value;
  const title = entry.album?.title?.[lang()];
  return title || slug;
}

// What one history entry changed, as a sentence.
export function changeText(entry) {
  if (entry.field === 'album') {
    return t(entry.old_value ? 'history_album_removed' : 'history_album_added', {name: quoted(albumName(entry))});
  }
  const label = fieldLabel(entry.field);
  if (entry.field === 'keywords') {
    const before = keywordList(entry.old_value);
    const after = keywordList(entry.new_value);
    const added = after.filter((k) => !before.includes(k));
    const removed = before.filter((k) => !after.includes(k));
    const parts = [];
    if (added.length) parts.push(t('history_added', {words: added.map(quoted).join(', ')}));
    if (removed.length) parts.push(t('history_removed', {words: removed.map(quoted).join(', ')}));
    if (!parts.length) parts.push(t('history_reordered'));
    return t('history_keywords', {field: label, changes: parts.join(t('history_sep'))});
  }
  return t('history_line', {field: label, old: valueText(entry.field, entry.old_value), new: valueText(entry.field, entry.new_value)});
}

export function historyPanel(photo, redraw) {
  const list = h('ol', {class: 'history'});
  const section = h('section', {class: 'history-panel', 'aria-labelledby': 'history-heading'},
    h('h2', {id: 'history-heading', text: t('history')}), list);
  hasRoute('GET', '/api/photos/{id}/history').then(async (has) => {
    if (!has) { section.hidden = true; return; }
    const history = await getJson(`/api/photos/${photo.id}/history`);
    const items = (history.items || []).slice().sort((a, b) => b.id - a.id);
    if (!items.length) list.replaceWith(h('p', {class: 'status', text: t('no_history')}));
    for (const entry of items) {
      const revert = h('button', {type: 'button', class: 'secondary', text: t('revert'),
        'aria-label': t('revert_entry', {field: fieldLabel(entry.field), at: formatDateTime(entry.at)}), on: {click: async () => {
          try {
            const updated = await sendJson('POST', `/api/photos/${photo.id}/history/${entry.id}/revert`);
            redraw(updated);
            announce(t('reverted'));
          } catch (err) {
            announce(errorText(err));
          }
        }}});
      list.append(h('li', {'data-id': String(entry.id), 'data-field': entry.field},
        h('span', {class: 'change', text: changeText(entry)}),
        h('span', {class: 'by'}, t('history_by_who', {who: entry.who || '—'}), ' ',
          h('time', {datetime: entry.at, text: formatDateTime(entry.at)})), revert));
    }
  }).catch((err) => list.replaceWith(h('p', {class: 'error', text: errorText(err)})));
  return section;
}
