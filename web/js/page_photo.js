// A photo's page (/photos/{id}): the medium rendition, caption, credit and
// details, downloads; for editors the inline edit form (captions and
// headlines in English and French, credit, alt text, keywords) and the
// history with revert.
import {getJson, hasRoute, isEditor, sendJson} from './api.js';
import {announce, h, replace} from './dom.js';
import {errorText, formatDate, pick, t} from './i18n.js';
import {altOf, captionOf, loadMeetingTitles, originalUrl, renditionUrl} from './photo_text.js';
import {field} from './photo_browser.js';

export async function renderPhoto(main, id) {
  const [photo] = await Promise.all([getJson(`/api/photos/${encodeURIComponent(id)}`), loadMeetingTitles()]);
  draw(main, photo);
}

function draw(main, photo) {
  const caption = captionOf(photo);
  document.title = `${caption || photo.filename} · ${t('site_title')}`;
  const headline = pick(photo.headline);
  const facts = h('dl', {class: 'facts'});
  const fact = (label, value) => value && facts.append(h('dt', {text: label}), h('dd', {text: value}));
  fact(t('taken_at'), photo.taken_at ? `${formatDate(photo.taken_at)} ${photo.taken_at.slice(11, 16)}` : '');
  fact(t('creator'), photo.creator);
  fact(t('keywords'), (photo.keywords || []).join(', '));
  fact(t('file_name'), photo.filename);
  const downloads = h('ul', {class: 'downloads'},
    h('li', {}, h('a', {href: renditionUrl(photo, 'small', 'jpg'), download: true, text: t('dl_small')})),
    h('li', {}, h('a', {href: renditionUrl(photo, 'large', 'jpg'), download: true, text: t('dl_large')})),
    h('li', {}, h('a', {href: originalUrl(photo), download: photo.filename || true, text: t('dl_original')})));
  const parts = [
    h('figure', {class: 'photo-figure'},
      h('img', {src: renditionUrl(photo, 'medium'), alt: altOf(photo), width: photo.width, height: photo.height}),
      h('figcaption', {},
        headline ? h('p', {class: 'headline', text: headline}) : null,
        h('p', {class: 'caption', text: caption}),
        h('p', {class: 'credit', text: photo.credit || ''}))),
    h('section', {'aria-labelledby': 'details-heading'},
      h('h2', {id: 'details-heading', text: t('details')}), facts,
      h('h3', {text: t('download')}), downloads),
  ];
  if (isEditor()) parts.push(editForm(main, photo), historyPanel(main, photo));
  replace(main, h('h1', {class: 'photo-title', text: headline || caption || photo.filename}), ...parts);
}

const LANG_FIELDS = [['caption', 'caption_en', 'caption_fr'], ['headline', 'headline_en', 'headline_fr'],
  ['alt_text', 'alt_en', 'alt_fr']];

function editForm(main, photo) {
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
  const credit = h('input', {type: 'text', id: 'edit-credit', name: 'credit'});
  credit.value = photo.credit || '';
  const keywords = h('input', {type: 'text', id: 'edit-keywords', name: 'keywords', 'aria-describedby': 'edit-keywords-hint'});
  keywords.value = (photo.keywords || []).join(', ');
  controls.push(field(t('credit'), credit), field(t('keywords'), keywords, t('keywords_hint')));
  const message = h('p', {class: 'status', role: 'status'});
  return h('form', {class: 'edit-form', 'aria-labelledby': 'edit-heading', on: {submit: async (e) => {
    e.preventDefault();
    const change = changes(photo, inputs, credit.value, keywords.value);
    if (!Object.keys(change).length) { message.textContent = t('no_change'); return; }
    try {
      const updated = await sendJson('PATCH', `/api/photos/${photo.id}`, change);
      draw(main, updated);
      announce(t('saved'));
      const status = main.querySelector('.edit-form .status');
      if (status) status.textContent = t('saved');
    } catch (err) {
      message.textContent = errorText(err);
    }
  }}},
  h('h2', {id: 'edit-heading', text: t('edit_photo')}), h('div', {class: 'edit-grid'}, controls),
  h('button', {type: 'submit', text: t('save')}), message);
}

// The PATCH body for what differs from `photo`: {caption: {fr: text|null}, credit, keywords}.
function changes(photo, inputs, credit, keywordText) {
  const out = {};
  for (const [name] of LANG_FIELDS) {
    for (const lang of ['en', 'fr']) {
      const value = inputs[`${name}.${lang}`].value.trim();
      const before = (photo[name] && photo[name][lang]) || '';
      if (value !== before) (out[name] ||= {})[lang] = value === '' ? null : value;
    }
  }
  if (credit.trim() !== (photo.credit || '')) out.credit = credit.trim() === '' ? null : credit.trim();
  const keywords = keywordText.split(',').map((k) => k.trim()).filter(Boolean);
  if (keywords.join('\n') !== (photo.keywords || []).join('\n')) out.keywords = keywords;
  return out;
}

function historyPanel(main, photo) {
  const list = h('ol', {class: 'history'});
  const section = h('section', {class: 'history-panel', 'aria-labelledby': 'history-heading'},
    h('h2', {id: 'history-heading', text: t('history')}), list);
  hasRoute('GET', '/api/photos/{id}/history').then(async (has) => {
    if (!has) { section.hidden = true; return; }
    const history = await getJson(`/api/photos/${photo.id}/history`);
    const items = history.items || [];
    if (!items.length) list.replaceWith(h('p', {class: 'status', text: t('no_history')}));
    for (const entry of items) {
      const revert = h('button', {type: 'button', class: 'secondary', text: t('revert'), on: {click: async () => {
        try {
          const updated = await sendJson('POST', `/api/photos/${photo.id}/history/${entry.id}/revert`);
          draw(main, updated);
          announce(t('reverted'));
        } catch (err) {
          announce(errorText(err));
        }
      }}});
      list.append(h('li', {},
        h('span', {class: 'change', text: t('history_line', {field: entry.field, old: entry.old_value, new: entry.new_value})}),
        h('span', {class: 'by', text: t('history_by', {who: entry.who, at: entry.at})}), revert));
    }
  }).catch((err) => list.replaceWith(h('p', {class: 'error', text: errorText(err)})));
  return section;
}
