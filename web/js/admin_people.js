// For admins: the people page. Users (list; add one with a role and a
// password; change a role; disable or enable; give a new password) and API
// tokens (list; create one, its secret shown once with a Copy button;
// revoke). Disabling, a new password and revoking ask first and say what
// will happen; the server refuses to disable or demote one's own account.
// Loaded only for admins, from page_people.js.
import {getJson, sendJson, session} from './api.js';
import {copyField, h, replace} from './dom.js';
import {errorText, formatDate, t} from './i18n.js';
import {FormRefusal, confirmAction, formDialog} from './editor_collections.js';
import {field} from './photo_browser.js';

const ROLES = ['viewer', 'editor', 'admin'];
const TOKEN_DAYS = [30, 90, 365, 0];  // 0: never expires

const roleSelect = (id, value) => {
  const select = h('select', {id, class: 'role-select'}, ROLES.map((r) => h('option', {value: r, text: t(`role_${r}`)})));
  select.value = value;
  return select;
};

// Two password boxes whose values must match; `check()` is the refusal or ''.
function passwordPair(prefix) {
  const first = h('input', {type: 'password', id: `${prefix}-password`, autocomplete: 'new-password', required: true,
    minlength: 8, 'aria-describedby': `${prefix}-password-hint`});
  const again = h('input', {type: 'password', id: `${prefix}-again`, autocomplete: 'new-password', required: true, minlength: 8});
  return {
    parts: [field(t('password'), first, t('setup_password_hint')), field(t('setup_confirm'), again)],
    value: () => first.value,
    check: () => (first.value.length < 8 ? t('setup_short') : first.value !== again.value ? t('setup_mismatch') : ''),
  };
}

function usersSection(me) {
  const list = h('ul', {class: 'people-list', id: 'user-list'});
  const status = h('p', {class: 'status', role: 'status'});
  const say = (text) => { status.textContent = text; };
  const patch = (name, body) => sendJson('PATCH', `/api/users/${encodeURIComponent(name)}`, body);

  function userItem(user) {
    const self = user.name === me;
    const role = roleSelect(null, user.role);
    role.setAttribute('aria-label', t('user_role_of', {name: user.name}));
    role.disabled = self;
    role.addEventListener('change', async () => {
      try {
        await patch(user.name, {role: role.value});
        say(t('user_role_changed', {name: user.name, role: t(`role_${role.value}`)}));
        await refresh();
      } catch (err) {
        role.value = user.role;
        say(errorText(err));
      }
    });
    const toggle = self ? null : h('button', {type: 'button', class: user.disabled ? 'secondary' : 'secondary danger',
      'data-action': user.disabled ? 'enable' : 'disable',
      'aria-label': t(user.disabled ? 'user_enable_name' : 'user_disable_name', {name: user.name}),
      text: t(user.disabled ? 'user_enable' : 'user_disable'), on: {click: () => {
        if (user.disabled) {
          patch(user.name, {disabled: false}).then(() => refresh())
            .then(() => say(t('user_enabled', {name: user.name}))).catch((err) => say(errorText(err)));
          return;
        }
        confirmAction(t('user_disable'), t('user_disable_what', {name: user.name}), t('user_disable'), async () => {
          await patch(user.name, {disabled: true});
          await refresh();
          say(t('user_disabled', {name: user.name}));
        });
      }}});
    const reset = h('button', {type: 'button', class: 'secondary', 'data-action': 'password',
      'aria-label': t('user_password_name', {name: user.name}), text: t('user_password'), on: {click: () => {
        const pair = passwordPair('reset');
        formDialog(t('user_password_name', {name: user.name}),
          [h('p', {class: 'confirm-text', text: t(self ? 'user_password_self' : 'user_password_what', {name: user.name})}),
            ...pair.parts], t('user_password'), async () => {
            const refusal = pair.check();
            if (refusal) throw new FormRefusal(refusal);
            await patch(user.name, {password: pair.value()});
            say(t('user_password_set', {name: user.name}));
          });
      }}});
    return h('li', {class: 'person', 'data-name': user.name},
      h('span', {class: 'person-name', text: self ? t('user_you', {name: user.name}) : user.name}),
      h('span', {class: user.disabled ? 'person-state disabled' : 'person-state',
        text: user.disabled ? t('user_state_disabled') : t('user_state_active')}),
      h('span', {class: 'person-since', text: t('user_since', {at: formatDate(user.created_at)})}),
      h('span', {class: 'person-actions'}, role, toggle, reset));
  }

  async function refresh() {
    const users = await getJson('/api/users');
    replace(list, ...users.items.map(userItem));
  }

  const add = h('button', {type: 'button', id: 'add-user', text: t('user_add'), on: {click: () => {
    const name = h('input', {type: 'text', id: 'new-user-name', required: true, maxlength: 200, autocomplete: 'off',
      spellcheck: 'false'});
    const role = roleSelect('new-user-role', 'editor');
    const pair = passwordPair('new-user');
    formDialog(t('user_add'), [field(t('user_name'), name), field(t('user_role'), role), ...pair.parts], t('user_add'),
      async () => {
        const refusal = pair.check();
        if (refusal) throw new FormRefusal(refusal);
        await sendJson('POST', '/api/users', {name: name.value.trim(), role: role.value, password: pair.value()});
        await refresh();
        say(t('user_added', {name: name.value.trim(), role: t(`role_${role.value}`)}));
      });
  }}});

  refresh().catch((err) => say(errorText(err)));
  return h('section', {'aria-labelledby': 'users-heading'},
    h('div', {class: 'section-head'}, h('h2', {id: 'users-heading', text: t('users_title')}), add),
    list, status);
}

function tokensSection() {
  const list = h('ul', {class: 'people-list', id: 'token-list'});
  const status = h('p', {class: 'status', role: 'status'});
  const fresh = h('div', {class: 'share-new', id: 'token-new'});
  const say = (text) => { status.textContent = text; };

  const tokenState = (token) => (token.expired ? t('share_expired', {at: formatDate(token.expires_at)})
    : token.expires_at ? t('share_until', {at: formatDate(token.expires_at)}) : t('share_forever'));

  async function refresh() {
    const tokens = await getJson('/api/tokens');
    if (!tokens.items.length) {
      replace(list, h('li', {class: 'status', text: t('token_none')}));
      return;
    }
    replace(list, ...tokens.items.slice().reverse().map((token) => {
      const label = token.name || `#${token.id}`;
      return h('li', {class: 'person token', 'data-id': String(token.id)},
        h('span', {class: 'person-name', text: label}),
        h('span', {text: t(`role_${token.role}`)}),
        h('span', {text: t('token_made', {who: token.created_by || '—', at: formatDate(token.created_at)})}),
        h('span', {text: token.last_used_at ? t('token_used', {at: formatDate(token.last_used_at)}) : t('token_unused')}),
        h('span', {class: token.expired ? 'expired' : null, text: tokenState(token)}),
        h('span', {class: 'person-actions'},
          h('button', {type: 'button', class: 'secondary danger revoke-token', 'aria-label': t('token_revoke_name', {name: label}),
            text: t('share_revoke'), on: {click: () => confirmAction(t('token_revoke_name', {name: label}),
              t('token_revoke_what', {name: label}), t('share_revoke'), async () => {
                await sendJson('DELETE', `/api/tokens/${token.id}`);
                await refresh();
                say(t('token_revoked', {name: label}));
              })}})));
    }));
  }

  const create = h('button', {type: 'button', id: 'create-token', text: t('token_create'), on: {click: () => {
    const name = h('input', {type: 'text', id: 'new-token-name', required: true, maxlength: 200, autocomplete: 'off',
      'aria-describedby': 'new-token-name-hint'});
    const role = roleSelect('new-token-role', 'editor');
    const days = h('select', {id: 'new-token-days'}, TOKEN_DAYS.map((d) => h('option', {value: String(d),
      text: d === 0 ? t('share_forever') : t('share_days', {n: d})})));
    days.value = '365';
    formDialog(t('token_create'), [field(t('token_name'), name, t('token_name_hint')), field(t('user_role'), role),
      field(t('share_expiry'), days)], t('token_create'), async () => {
      const body = {name: name.value.trim(), role: role.value};
      if (days.value !== '0') body.expires_in_days = Number(days.value);
      const made = await sendJson('POST', '/api/tokens', body);
      const secret = h('input', {type: 'text', id: 'token-secret', readonly: true, value: made.token,
        'aria-describedby': 'token-secret-hint', spellcheck: 'false'});
      const copied = h('span', {class: 'status', role: 'status'});
      replace(fresh, h('label', {for: 'token-secret', text: t('token_secret', {name: made.name || `#${made.id}`})}),
        h('div', {class: 'share-url-row'}, secret,
          h('button', {type: 'button', id: 'token-copy', text: t('copy'),
            on: {click: () => copyField(secret, copied, {copied: t('copied'), failed: t('copy_failed')})}})),
        h('small', {id: 'token-secret-hint', text: t('token_secret_hint')}), copied);
      await refresh();
    });
  }}});

  refresh().catch((err) => say(errorText(err)));
  return h('section', {'aria-labelledby': 'tokens-heading'},
    h('div', {class: 'section-head'}, h('h2', {id: 'tokens-heading', text: t('tokens_title')}), create),
    h('p', {class: 'status', text: t('tokens_intro')}), fresh, list, status);
}

export async function peoplePage(main) {
  const me = (await session()).name;
  replace(main, h('h1', {text: t('people_title')}), usersSection(me), tokensSection());
}
