// What a page shows when its data cannot be had.
import {h, replace} from './dom.js';
import {t} from './i18n.js';

export function renderError(main, err) {
  const notFound = err && err.status === 404;
  document.title = `${notFound ? t('not_found') : t('error', {message: ''})} · ${t('site_title')}`;
  replace(main,
    h('h1', {text: notFound ? t('not_found') : t('error', {message: err && err.message ? err.message : String(err)})}),
    notFound && err.message ? h('p', {text: err.message}) : null,
    h('p', {}, h('a', {href: '/', text: t('back_home')})));
}
