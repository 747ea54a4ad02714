// A meeting's page (/meetings/{slug}): its title, place and dates, its
// albums, and its photos grouped by the day they were taken (there, when
// its time zone is known); for editors
// the code that shows its embed page on another site, and the tools that
// edit, delete (when empty) and add an album to it. A link names its IIIF
// collection.
import {editorModule, getJson, isEditor} from './api.js';
import {h, replace} from './dom.js';
import {formatRange, pick, t} from './i18n.js';
import {albumCard, cardList} from './collections.js';
import {embedSection} from './embed_snippet.js';
import {pagePath} from './page_match.js';
import {photoBrowser} from './photo_browser.js';

export async function renderMeeting(main, slug) {
  const [meeting, editor] = await Promise.all([getJson(`/api/meetings/${encodeURIComponent(slug)}`), editorModule()]);
  const title = pick(meeting.title) || meeting.slug;
  document.title = `${title} · ${t('site_title')}`;
  const description = pick(meeting.description);
  replace(main,
    h('header', {class: 'page-header'},
      h('h1', {text: title}),
      h('p', {class: 'meta'},
        meeting.place ? h('span', {class: 'place', text: meeting.place}) : null,
        meeting.start_date || meeting.end_date
          ? h('span', {class: 'dates', text: formatRange(meeting.start_date, meeting.end_date)}) : null),
      description ? h('p', {class: 'description', text: description}) : null,
      // The IIIF collection of its albums, for dragging into an image-archive viewer.
      h('p', {class: 'iiif-link'}, h('a', {text: 'IIIF', title: t('iiif_manifest'),
        href: new URL(`/iiif/3/collections/meetings/${encodeURIComponent(meeting.slug)}`, location.href).href})),
      editor ? editor.meetingActions(meeting) : null),
    h('section', {'aria-labelledby': 'albums-heading'},
      h('h2', {id: 'albums-heading', text: t('albums')}),
      cardList(t('albums'), meeting.albums || [], albumCard, editor ? t('empty_albums_editor') : t('no_albums'))),
    isEditor() ? embedSection(pagePath('embed_meeting', meeting.slug), title) : null,
    photoBrowser({meeting: meeting.slug}, {byDay: true, timeZone: meeting.time_zone || ''}));
}
