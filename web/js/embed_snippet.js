// For editors: the code that shows a meeting's or an album's embed page
// (/embed/...) in a frame on another site, with a Copy button, folded
// under one line until opened.
import {copyField, h} from './dom.js';
import {lang, t} from './i18n.js';

function attribute(text) {
  return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// The <iframe> for embed page `path` (e.g. "/embed/meetings/x") titled after `title`.
export function embedCode(path, title) {
  const src = new URL(path, location.origin);
  src.searchParams.set('lang', lang());
  return `<iframe src="${attribute(src.href)}" title="${attribute(t('embed_frame_title', {title}))}" ` +
    'loading="lazy" width="100%" height="480"></iframe>';
}

const copy = (field, status) => copyField(field, status, {copied: t('copied'), failed: t('copy_failed')});

export function embedSection(path, title) {
  const textarea = h('textarea', {id: 'embed-code', readonly: true, rows: 3, spellcheck: 'false',
    'aria-describedby': 'embed-hint', value: embedCode(path, title)});
  const status = h('span', {class: 'status'});
  return h('details', {class: 'embed-snippet'},
    h('summary', {text: t('embed_title')}),
    h('label', {for: 'embed-code', text: t('embed_code')}),
    textarea,
    h('p', {id: 'embed-hint', class: 'status', text: t('embed_hint')}),
    h('p', {class: 'embed-actions'},
      h('button', {type: 'button', text: t('copy'), on: {click: () => copy(textarea, status)}}), ' ', status));
}
