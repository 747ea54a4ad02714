// How a photo's data becomes what the pages show: its alt text, caption,
// credit line and media addresses.
import {withShare} from './api.js';
import {safePath} from './dom.js';
import {pick, t} from './i18n.js';

export function captionOf(photo) { return pick(photo.caption); }

// The alt text field, else the caption, else the headline, else "Photo N".
export function altOf(photo) {
  return pick(photo.alt_text) || pick(photo.caption) || pick(photo.headline) || t('photo_n', {n: photo.id});
}

// A rendition's same-origin address (with the page's share link), or ''.
export function renditionUrl(photo, name, format = 'webp') {
  const r = photo.renditions && photo.renditions[name];
  return r ? withShare(safePath(r[format])) : '';
}

export function originalUrl(photo) { return withShare(safePath(photo.original_url)); }

export function photoPageUrl(photo) { return withShare(`/photos/${encodeURIComponent(photo.id)}`); }
