// Cards of meetings and albums, with a cover photo each.
import {getJson, withShare} from './api.js';
import {h} from './dom.js';
import {formatRange, photoCount, pick, t} from './i18n.js';
import {altOf, loadMeetingTitles, renditionUrl} from './photo_text.js';

// Fills `holder` with the cover the server chose for this asker (the
// editor's choice, else the best photo it may see), if there is one.
function cover(holder, id) {
  if (!id) return;
  Promise.all([getJson(`/api/photos/${encodeURIComponent(id)}`), loadMeetingTitles()]).then(([photo]) => {
    holder.append(h('img', {src: renditionUrl(photo, 'small'), alt: altOf(photo), loading: 'lazy'}));
  }).catch(() => {});
}

export function meetingCard(meeting) {
  const picture = h('div', {class: 'cover'});
  cover(picture, meeting.shown_cover_id);
  const title = pick(meeting.title) || meeting.slug;
  return h('li', {class: 'card'},
    picture,
    h('h3', {}, h('a', {href: `/meetings/${encodeURIComponent(meeting.slug)}`, text: title})),
    meeting.place ? h('p', {class: 'place', text: meeting.place}) : null,
    meeting.start_date || meeting.end_date
      ? h('p', {class: 'dates', text: formatRange(meeting.start_date, meeting.end_date)}) : null,
    h('p', {class: 'count', text: photoCount(meeting.photo_count)}));
}

export function albumCard(album) {
  const picture = h('div', {class: 'cover'});
  cover(picture, album.shown_cover_id);
  return h('li', {class: 'card'},
    picture,
    h('h3', {}, h('a', {href: withShare(`/albums/${encodeURIComponent(album.slug)}`), text: pick(album.title) || album.slug})),
    h('p', {class: 'count', text: photoCount(album.photo_count)}));
}

export function cardList(label, items, render, emptyText) {
  if (!items.length) return h('p', {class: 'status', text: emptyText});
  return h('ul', {class: 'cards', 'aria-label': label}, items.map(render));
}

export {t};
