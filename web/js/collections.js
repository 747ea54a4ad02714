// Cards of meetings and albums, with a cover photo each.
import {getJson, withShare} from './api.js';
import {h} from './dom.js';
import {formatRange, photoCount, pick, t} from './i18n.js';
import {altOf, loadMeetingTitles, renditionUrl} from './photo_text.js';

// Fills `holder` with the first photo of `query` as a cover (if any).
function cover(holder, query) {
  Promise.all([getJson('/api/photos', {...query, limit: 1}), loadMeetingTitles()]).then(([page]) => {
    const photo = page.items[0];
    if (photo) holder.append(h('img', {src: renditionUrl(photo, 'small'), alt: altOf(photo), loading: 'lazy'}));
  }).catch(() => {});
}

export function meetingCard(meeting) {
  const picture = h('div', {class: 'cover'});
  cover(picture, {meeting: meeting.slug});
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
  cover(picture, {album: album.slug});
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
