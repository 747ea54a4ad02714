// Home: the meetings (title, place, dates, cover), the albums, and every
// photo with the filters and the search box.
import {getJson} from './api.js';
import {h, replace} from './dom.js';
import {t} from './i18n.js';
import {albumCard, cardList, meetingCard} from './collections.js';
import {photoBrowser} from './photo_browser.js';

export async function renderHome(main) {
  const [meetings, albums] = await Promise.all([getJson('/api/meetings'), getJson('/api/albums', {limit: 500})]);
  document.title = t('site_title');
  replace(main,
    h('h1', {class: 'visually-hidden', text: t('site_title')}),
    h('section', {'aria-labelledby': 'meetings-heading'},
      h('h2', {id: 'meetings-heading', text: t('meetings')}),
      cardList(t('meetings'), meetings.items, meetingCard, t('no_meetings'))),
    h('section', {'aria-labelledby': 'albums-heading'},
      h('h2', {id: 'albums-heading', text: t('albums')}),
      cardList(t('albums'), albums.items, albumCard, t('no_albums'))),
    photoBrowser({}, {title: t('all_photos')}));
}
