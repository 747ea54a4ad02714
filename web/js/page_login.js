// Log in (/login): name and password; the session cookie is HttpOnly, so the
// page only learns the CSRF token from the answer.
import {login} from './api.js';
import {h, replace} from './dom.js';
import {errorText, t} from './i18n.js';
import {field} from './photo_browser.js';

// The ?next= address when it is a path on this site, else the home page.
function nextPath() {
  const next = new URLSearchParams(location.search).get('next') || '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

// What the form says when logging in did not work.
function failureText(err) {
  if (err.status === 401) return t('login_failed');
  if (err.status === 429) {
    const seconds = Number(err.retryAfter);
    return t('login_limited', {s: Number.isFinite(seconds) && seconds > 0 ? seconds : '?'});
  }
  return errorText(err);
}

export function renderLogin(main) {
  document.title = `${t('login_title')} · ${t('site_title')}`;
  const name = h('input', {type: 'text', id: 'login-name', name: 'username', autocomplete: 'username', required: true});
  const password = h('input', {type: 'password', id: 'login-password', name: 'password',
    autocomplete: 'current-password', required: true});
  const message = h('p', {class: 'error', role: 'alert'});
  const form = h('form', {class: 'login', on: {submit: async (e) => {
    e.preventDefault();
    message.textContent = '';
    try {
      await login(name.value, password.value);
      location.assign(nextPath());
    } catch (err) {
      message.textContent = failureText(err);
      password.select();
    }
  }}},
  field(t('user_name'), name), field(t('password'), password),
  h('button', {type: 'submit', text: t('login_button')}), message);
  replace(main, h('h1', {text: t('login_title')}), form);
  name.focus();
}
