// What a page shows when its data cannot be had.
import {h, replace} from './dom.js';
import {errorText, t} from './i18n.js';

export function renderError(main, err) {
  const notFound = err && err.status === 404;
  document.title = `${notFound ? t('not_found') : t('error', {message: ''})} · ${t('site_title')}`;
  replace(main,
    h('h1', {text: notFound ? t('not_found') : errorText(err)}),
    notFound ? h('p', {text: errorText(err)}) : null,
    h('p', {}, h('a', {href: '/', text: t('back_home')})));
}
