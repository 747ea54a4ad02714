// A photo's page (/photos/{id}): the medium rendition, caption, credit and
// every descriptive and rights field (creator, copyright, terms of use; the
// embargo for editors), a short camera summary, downloads. Editors also get
// the edit form and the history (editor_photo.js, fetched for them only).
import {getJson, isEditor} from './api.js';
import {h, replace} from './dom.js';
import {formatDate, pick, t} from './i18n.js';
import {altOf, cameraOf, captionOf, loadMeetingTitles, originalUrl, renditionUrl} from './photo_text.js';

export async function renderPhoto(main, id) {
  const [photo, editor] = await Promise.all([getJson(`/api/photos/${encodeURIComponent(id)}`),
    isEditor() ? import('./editor_photo.js') : null, loadMeetingTitles()]);
  draw(main, photo, editor);
}

// Draws the page for `photo`; `editor` is the editors' module, or null.
function draw(main, photo, editor) {
  const caption = captionOf(photo);
  document.title = `${caption || photo.filename} · ${t('site_title')}`;
  const headline = pick(photo.headline);
  const facts = h('dl', {class: 'facts'});
  const fact = (key, label, value) => value && facts.append(h('dt', {text: label}), h('dd', {'data-field': key, text: value}));
  fact('taken_at', t('taken_at'), photo.taken_at ? `${formatDate(photo.taken_at)} ${photo.taken_at.slice(11, 16)}` : '');
  fact('credit', t('credit_line'), photo.credit);
  fact('creator', t('creator'), photo.creator);
  fact('copyright', t('copyright'), photo.copyright);
  fact('usage_terms', t('usage_terms'), photo.usage_terms);
  if (editor) fact('embargo_until', t('embargo'), photo.embargo_until ? formatDate(photo.embargo_until) : t('embargo_none'));
  fact('keywords', t('keywords'), (photo.keywords || []).join(', '));
  fact('camera', t('camera'), cameraOf(photo));
  fact('size', t('size_px'), photo.width && photo.height ? `${photo.width} × ${photo.height}` : '');
  fact('filename', t('file_name'), photo.filename);
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
  if (editor) {
    const redraw = (updated) => draw(main, updated, editor);
    parts.push(editor.editForm(photo, redraw), editor.historyPanel(photo, redraw));
  }
  replace(main, h('h1', {class: 'photo-title', text: headline || caption || photo.filename}), ...parts);
}
