// An album's page (/albums/{slug}): its title and description, the meeting
// it belongs to, and its photos in the grid. A private album opens through
// its share link (?share=SECRET). Editors get the tools that edit it,
// choose its cover, delete it, and remove selected photos from it. A link
// names its IIIF manifest.
import {editorModule, getJson, hasRoute, shareToken, withShare} from './api.js';
import {h, replace} from './dom.js';
import {pick, t} from './i18n.js';
import {photoBrowser} from './photo_browser.js';

export async function renderAlbum(main, slug) {
  // All before the first drawing, so that nothing moves once it is drawn.
  const [album, zipRoute, editor] = await Promise.all([getJson(`/api/albums/${encodeURIComponent(slug)}`),
    hasRoute('GET', '/api/albums/{slug}/download'), editorModule()]);
  const title = pick(album.title) || album.slug;
  document.title = `${title} · ${t('site_title')}`;
  const description = pick(album.description);
  const zip = zipRoute ? h('p', {class: 'album-zip'},
    h('a', {href: withShare(`/api/albums/${encodeURIComponent(album.slug)}/download`), download: true,
      text: t('dl_zip')})) : null;
  replace(main,
    h('header', {class: 'page-header'},
      h('h1', {text: title}),
      shareToken() ? h('p', {class: 'notice', text: t('share_notice')}) : null,
      album.meeting ? h('p', {class: 'meta'}, `${t('meeting')}: `,
        h('a', {href: `/meetings/${encodeURIComponent(album.meeting)}`, text: album.meeting})) : null,
      description ? h('p', {class: 'description', text: description}) : null,
      zip,
      // The IIIF manifest, for dragging into an image-archive viewer.
      h('p', {class: 'iiif-link'}, h('a', {text: 'IIIF', title: t('iiif_manifest'),
        href: new URL(withShare(`/iiif/3/manifests/albums/${encodeURIComponent(album.slug)}`), location.href).href})),
      editor ? editor.albumActions(album) : null,
      editor ? editor.albumSharing(album) : null),
    photoBrowser({album: album.slug}));
  const meetingLink = main.querySelector('.meta a');
  if (meetingLink) {
    getJson(`/api/meetings/${encodeURIComponent(album.meeting)}`)
      .then((m) => { meetingLink.textContent = pick(m.title) || m.slug; }).catch(() => {});
  }
}
