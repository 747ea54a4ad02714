// The gallery's one entry point: picks the language, asks who is signed in,
// draws the site header and hands the page to the module for its address.
import {session, isAdmin, isEditor, logout} from './api.js';
import {h, replace} from './dom.js';
import {initLang, lang, LANGS, t, urlInLang} from './i18n.js';
import {renderHome} from './page_home.js';
import {renderMeeting} from './page_meeting.js';
import {renderAlbum} from './page_album.js';
import {renderPhoto} from './page_photo.js';
import {renderUpload} from './page_upload.js';
import {renderLogin} from './page_login.js';
import {renderSetup} from './page_setup.js';
import {renderPeople} from './page_people.js';
import {renderError} from './page_error.js';
import {matchPage} from './page_match.js';

// Each page by the name the server's route table gives it; the addresses
// come from that table (page_routes.js is made by the server).
const RENDERERS = {
  home: renderHome,
  meeting: renderMeeting,
  album: renderAlbum,
  photo: renderPhoto,
  upload: renderUpload,
  login: renderLogin,
  setup: renderSetup,
  people: renderPeople,
};

async function renderHeader() {
  document.title = t('site_title');
  document.getElementById('brand').textContent = t('site_title');
  document.getElementById('skip-link').textContent = t('skip');
  const links = [h('a', {href: '/', text: t('nav_home')})];
  if (isEditor()) links.push(h('a', {href: '/upload', text: t('nav_upload')}));
  if (isAdmin()) links.push(h('a', {href: '/people', text: t('nav_people')}));
  const languages = h('ul', {class: 'lang-switch', 'aria-label': t('language')},
    LANGS.map((code) => h('li', {},
      h('a', {href: urlInLang(code), lang: code, hreflang: code, 'aria-current': code === lang() ? 'true' : null,
        text: code === 'en' ? 'English' : 'Français'}))));
  const s = await session();
  const account = s.authenticated
    ? [h('span', {class: 'who', text: t('signed_in_as', {name: s.name})}),
       h('button', {type: 'button', class: 'link-button', text: t('nav_logout'), on: {click: onLogout}})]
    : [h('a', {href: '/login?next=' + encodeURIComponent(location.pathname + location.search), text: t('nav_login')})];
  replace(document.getElementById('site-nav'), h('div', {class: 'nav-links'}, links),
    h('div', {class: 'account'}, account), languages);
}

async function onLogout() {
  try { await logout(); } finally { location.assign('/'); }
}

async function boot() {
  initLang();
  await session();
  await renderHeader();
  const main = document.getElementById('main');
  const found = matchPage(location.pathname);
  const render = found && RENDERERS[found.page];
  if (!render) {
    renderError(main, {status: 404, message: t('not_found')});
    return;
  }
  try {
    await render(main, ...found.args);
  } catch (err) {
    renderError(main, err);
  }
}

boot();
