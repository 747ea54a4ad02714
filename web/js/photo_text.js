// How a photo's data becomes what the pages show: its alt text, caption,
// credit line, shape and media addresses.
import {getJson, withShare} from './api.js';
import {safePath} from './dom.js';
import {pick, t} from './i18n.js';

let meetingTitles = null;
let meetingTitlesLoading = null;

// Loads the meetings' titles once (for alt texts that name the meeting);
// resolves even when the list cannot be had.
export function loadMeetingTitles() {
  if (!meetingTitlesLoading) {
    meetingTitlesLoading = getJson('/api/meetings')
      .then((r) => { meetingTitles = new Map(r.items.map((m) => [m.slug, m.title])); })
      .catch(() => { meetingTitles = new Map(); });
  }
  return meetingTitlesLoading;
}

function meetingTitleOf(photo) {
  if (!photo.meeting || !meetingTitles) return '';
  return pick(meetingTitles.get(photo.meeting)) || '';
}

export function captionOf(photo) { return pick(photo.caption); }

// The alt text field, else the caption, else the headline, else "Photo by
// {credit}, {meeting title}" (or as much of it as is known), else "Photo N".
export function altOf(photo) {
  const text = pick(photo.alt_text) || pick(photo.caption) || pick(photo.headline);
  if (text) return text;
  const meeting = meetingTitleOf(photo);
  if (photo.credit && meeting) return t('photo_by', {credit: photo.credit, meeting});
  if (photo.credit) return t('photo_by_credit', {credit: photo.credit});
  if (meeting) return t('photo_in', {meeting});
  return t('photo_n', {n: photo.id});
}

// Width over height as shown (after orientation); 1 when unknown.
export function aspectOf(photo) {
  const w = Number(photo.width);
  const h = Number(photo.height);
  return w > 0 && h > 0 ? w / h : 1;
}

// The pixel width of rendition `name` (made to fit `longSide`, never enlarged).
export function renditionWidth(photo, longSide) {
  const w = Number(photo.width) || longSide;
  const h = Number(photo.height) || longSide;
  const scale = Math.min(1, longSide / Math.max(w, h));
  return Math.max(1, Math.round(w * scale));
}

// A rendition's same-origin address (with the page's share link), or ''.
export function renditionUrl(photo, name, format = 'webp') {
  const r = photo.renditions && photo.renditions[name];
  return r ? withShare(safePath(r[format])) : '';
}

export function originalUrl(photo) { return withShare(safePath(photo.original_url)); }

export function photoPageUrl(photo) { return withShare(`/photos/${encodeURIComponent(photo.id)}`); }

// The exposure as people read it: "1/250 s · f/4 · ISO 400 · 35 mm" (what is known).
export function exposureOf(photo) {
  return [
    photo.exposure_time ? (photo.exposure_time < 1 ? `1/${Math.round(1 / photo.exposure_time)} s` : `${photo.exposure_time} s`) : '',
    photo.f_number ? `f/${photo.f_number}` : '',
    photo.iso ? `ISO ${photo.iso}` : '',
    photo.focal_length ? `${photo.focal_length} mm` : '',
  ].filter(Boolean).join(' · ');
}

// A short camera summary: "Canon EOS 5D, 24-70 mm lens · 1/250 s · f/4 · ISO 400", or ''.
export function cameraOf(photo) {
  const body = [photo.make, photo.model].filter(Boolean).join(' ');
  return [[body, photo.lens].filter(Boolean).join(', '), exposureOf(photo)].filter(Boolean).join(' · ');
}
