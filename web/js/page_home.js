// Home: the meetings (title, place, dates, cover), the albums, and every
// photo with the filters and the search box. Editors also get the buttons
// that create a meeting or an album (their module is loaded for them only),
// admins the trash;
// an empty archive says what to do next.
import {editorModule, getJson} from './api.js';
import {h, replace} from './dom.js';
import {t} from './i18n.js';
import {albumCard, cardList, meetingCard} from './collections.js';
import {photoBrowser} from './photo_browser.js';

export async function renderHome(main) {
  const [meetings, albums, editor] = await Promise.all([getJson('/api/meetings'), getJson('/api/albums', {limit: 500}),
    editorModule()]);
  const trash = editor ? await editor.adminTrash() : null;
  document.title = t('site_title');
  replace(main,
    h('h1', {class: 'visually-hidden', text: t('site_title')}),
    h('section', {'aria-labelledby': 'meetings-heading'},
      h('div', {class: 'section-head'}, h('h2', {id: 'meetings-heading', text: t('meetings')}),
        editor ? editor.createButton('meeting') : null),
      cardList(t('meetings'), meetings.items, meetingCard,
        editor ? t('empty_meetings_editor') : t('empty_meetings_visitor'))),
    h('section', {'aria-labelledby': 'albums-heading'},
      h('div', {class: 'section-head'}, h('h2', {id: 'albums-heading', text: t('albums')}),
        editor ? editor.createButton('album') : null),
      cardList(t('albums'), albums.items, albumCard, editor ? t('empty_albums_editor') : t('no_albums'))),
    trash,
    photoBrowser({}, {title: t('all_photos')}));
}
