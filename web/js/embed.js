// The embed pages (/embed/meetings/{slug}, /embed/albums/{slug}), made to be
// framed by another site's page (gallery serve --embed-origins): the title,
// the photo count, two rows of photos (the albums' covers first, then the
// photos in the gallery's order) and "Access all photos". Every link opens
// the gallery in a new tab (target=_blank): the page that frames this one
// stays where the reader left it, and the link works inside a frame that
// may not navigate its parent. Who may see what is the gallery's: a private
// album is "not found", in the same words as a name never used.
import {getJson, withShare} from './api.js';
import {h, replace} from './dom.js';
import {errorText, initLang, lang, photoCount, pick, t} from './i18n.js';
import {matchPage, pagePath} from './page_match.js';
import {altOf, loadMeetingTitles, renditionUrl} from './photo_text.js';

// Photos fetched: two rows of the widest layout (8 a row); the style sheet
// shows two full rows of fewer in a narrower frame.
const SHOWN = 16;

// `path` in the page's language, with `params` added (and the share link
// this page was opened with, if any).
function galleryUrl(path, params = {}) {
  const query = new URLSearchParams({...params, lang: lang()});
  return withShare(`${path}?${query}`);
}

function newTabLink(href, text, className) {
  return h('a', {href, target: '_blank', rel: 'noopener', class: className},
    text, h('span', {class: 'visually-hidden', text: ` ${t('new_tab')}`}));
}

// The photos with ids in `coverIds` first (those this visitor may see),
// then `listed`, without repeats, at most SHOWN.
async function coversThenListed(coverIds, listed) {
  const covers = await Promise.all(coverIds.slice(0, SHOWN).map((id) =>
    getJson(`/api/photos/${encodeURIComponent(id)}`).catch(() => null)));
  const seen = new Set();
  const out = [];
  for (const photo of [...covers, ...listed]) {
    if (!photo || seen.has(photo.id) || out.length >= SHOWN) continue;
    seen.add(photo.id);
    out.push(photo);
  }
  return out;
}

function renderCollection(main, {title, count, photos, pagePathOf}) {
  document.title = `${title} · ${t('site_title')}`;
  const grid = photos.length
    ? h('ul', {class: 'embed-grid', 'aria-label': t('photos')}, photos.map((photo) =>
      h('li', {}, newTabLink(galleryUrl(pagePathOf, {photo: photo.id}),
        h('img', {src: renditionUrl(photo, 'tile'), alt: altOf(photo), loading: 'lazy', width: 256, height: 256})))))
    : h('p', {class: 'status', text: t('no_photos')});
  replace(main,
    h('div', {class: 'embed-head'},
      h('h1', {text: title}),
      h('p', {class: 'count', text: photoCount(count)})),
    grid,
    h('p', {class: 'embed-all'}, newTabLink(galleryUrl(pagePathOf), t('embed_all'), 'button')));
}

async function renderMeeting(main, slug) {
  const [meeting, page] = await Promise.all([
    getJson(`/api/meetings/${encodeURIComponent(slug)}`),
    getJson('/api/photos', {meeting: slug, limit: SHOWN}),
    loadMeetingTitles()]);
  const coverIds = (meeting.albums || []).map((a) => a.shown_cover_id).filter((id) => id != null);
  renderCollection(main, {
    title: pick(meeting.title) || meeting.slug,
    count: meeting.photo_count,
    photos: await coversThenListed(coverIds, page.items),
    pagePathOf: pagePath('meeting', meeting.slug),
  });
}

async function renderAlbum(main, slug) {
  const [album, page] = await Promise.all([
    getJson(`/api/albums/${encodeURIComponent(slug)}`),
    getJson(`/api/albums/${encodeURIComponent(slug)}/photos`, {limit: SHOWN}),
    loadMeetingTitles()]);
  renderCollection(main, {
    title: pick(album.title) || album.slug,
    count: album.photo_count,
    photos: await coversThenListed(album.shown_cover_id != null ? [album.shown_cover_id] : [], page.items),
    pagePathOf: pagePath('album', album.slug),
  });
}

const RENDERERS = {embed_meeting: renderMeeting, embed_album: renderAlbum};

function renderNotFound(main) {
  document.title = `${t('not_found')} · ${t('site_title')}`;
  replace(main, h('h1', {text: t('not_found')}),
    h('p', {}, newTabLink(galleryUrl('/'), t('embed_home'))));
}

async function boot() {
  initLang();
  const main = document.getElementById('main');
  const found = matchPage(location.pathname);
  const render = found && RENDERERS[found.page];
  try {
    if (!render) throw Object.assign(new Error(t('not_found')), {status: 404});
    await render(main, ...found.args);
  } catch (err) {
    if (err && err.status === 404) {
      renderNotFound(main);
    } else {
      replace(main, h('p', {class: 'error', text: errorText(err)}));
    }
  }
}

boot();
