// The people page (/people): the users and the API tokens, for admins. Its
// code (admin_people.js) is fetched for admins only; anyone else is told
// that the page is for admins, with the way to log in.
import {isAdmin, session} from './api.js';
import {h, replace} from './dom.js';
import {t} from './i18n.js';

export async function renderPeople(main) {
  document.title = `${t('people_title')} · ${t('site_title')}`;
  if (!isAdmin()) {
    const s = await session();
    replace(main, h('h1', {text: t('people_title')}), h('p', {text: t('people_admins_only')}),
      s.authenticated ? null : h('p', {}, h('a', {href: '/login?next=/people', text: t('go_login')})));
    return;
  }
  const {peoplePage} = await import('./admin_people.js');
  await peoplePage(main);
}
