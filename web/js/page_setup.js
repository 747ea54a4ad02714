// First run (/setup?token=...): on an archive without an admin, the address
// `gallery serve` printed creates the first admin, then logs them in. The
// token leaves the address bar at once; once an admin exists the server
// refuses the token (410) and the page says so.
import {getJson, login, sendJson} from './api.js';
import {h, replace} from './dom.js';
import {errorText, t} from './i18n.js';
import {field} from './photo_browser.js';

function done(main) {
  replace(main, h('h1', {text: t('setup_done_title')}), h('p', {text: t('setup_done')}),
    h('p', {}, h('a', {href: '/login', text: t('go_login')})));
}

export async function renderSetup(main) {
  document.title = `${t('setup_title')} · ${t('site_title')}`;
  const params = new URLSearchParams(location.search);
  const token = params.get('token') || '';
  if (token) {
    params.delete('token');
    const rest = params.toString();
    history.replaceState(history.state, '', location.pathname + (rest ? '?' + rest : ''));
  }
  const state = await getJson('/api/setup');
  if (!state.open) return done(main);
  if (!token) {
    replace(main, h('h1', {text: t('setup_title')}), h('p', {class: 'error', text: t('setup_no_token')}));
    return;
  }
  const name = h('input', {type: 'text', id: 'setup-name', name: 'username', autocomplete: 'username',
    required: true, maxlength: 200});
  const password = h('input', {type: 'password', id: 'setup-password', name: 'new-password',
    autocomplete: 'new-password', required: true, minlength: 8, 'aria-describedby': 'setup-password-hint'});
  const again = h('input', {type: 'password', id: 'setup-again', autocomplete: 'new-password', required: true,
    minlength: 8});
  const message = h('p', {class: 'error', role: 'alert'});
  const button = h('button', {type: 'submit', text: t('setup_button')});
  const form = h('form', {class: 'login', on: {submit: async (e) => {
    e.preventDefault();
    message.textContent = '';
    if (password.value.length < 8) { message.textContent = t('setup_short'); password.focus(); return; }
    if (password.value !== again.value) { message.textContent = t('setup_mismatch'); again.select(); return; }
    button.disabled = true;
    try {
      const admin = await sendJson('POST', '/api/setup', {token, name: name.value, password: password.value});
      message.setAttribute('class', 'status');
      message.textContent = t('setup_created', {name: admin.name});
      await login(name.value, password.value);
      location.assign('/');
    } catch (err) {
      button.disabled = false;
      if (err.status === 410) return done(main);
      message.textContent = err.status === 403 ? t('setup_wrong_token') : errorText(err);
    }
  }}},
  field(t('user_name'), name),
  field(t('password'), password, t('setup_password_hint')),
  field(t('setup_confirm'), again),
  button, message);
  replace(main, h('h1', {text: t('setup_title')}), h('p', {text: t('setup_intro')}), form);
  name.focus();
}
