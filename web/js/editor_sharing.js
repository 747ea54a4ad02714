// For editors: an album's share links. A link opens the album (even a
// private one), its photos and their media until it expires. Create one
// with an expiry; its address is shown once, with a Copy button (the server
// keeps only the secret's hash); list them with their state; revoke one
// after a question. Loaded only for editors, from editor_collections.js.
import {getJson, sendJson} from './api.js';
import {copyField, h, replace} from './dom.js';
import {errorText, formatDate, t} from './i18n.js';

const EXPIRIES = [1, 7, 30, 90, 365];

const copy = (field, status) => copyField(field, status, {copied: t('copied'), failed: t('copy_failed')});

function linkPath(slug) {
  return `/api/albums/${encodeURIComponent(slug)}/links`;
}

// The share links section of an album's page: `confirmAction` asks before
// revoking (editor_collections.js).
export function shareSection(album, confirmAction) {
  const list = h('ul', {class: 'share-links', id: 'share-links'});
  const status = h('p', {class: 'status', role: 'status'});
  const fresh = h('div', {class: 'share-new', id: 'share-new'});
  const days = h('select', {id: 'share-days'},
    EXPIRIES.map((d) => h('option', {value: String(d), text: d === 1 ? t('share_days_one') : t('share_days', {n: d})})));
  days.value = '30';

  async function refresh() {
    const links = await getJson(linkPath(album.slug));
    if (!links.items.length) {
      replace(list, h('li', {class: 'status', text: t('share_none')}));
      return;
    }
    replace(list, ...links.items.slice().reverse().map((link) => h('li', {class: 'share-link', 'data-id': String(link.id)},
      h('span', {text: t('share_line', {id: link.id, who: link.created_by || '—', at: formatDate(link.created_at)})}), ' ',
      h('span', {class: link.expired ? 'expired' : 'active',
        text: link.expired ? t('share_expired', {at: formatDate(link.expires_at)})
          : link.expires_at ? t('share_until', {at: formatDate(link.expires_at)}) : t('share_forever')}), ' ',
      link.expired ? null : h('button', {type: 'button', class: 'secondary danger revoke-link',
        'aria-label': t('share_revoke_n', {id: link.id}), text: t('share_revoke'),
        on: {click: () => confirmAction(t('share_revoke'), t('share_revoke_what', {id: link.id}), t('share_revoke'), async () => {
          await sendJson('DELETE', `${linkPath(album.slug)}/${link.id}`);
          await refresh();
          status.textContent = t('share_revoked', {id: link.id});
        })}}))));
  }

  const create = h('button', {type: 'button', id: 'share-create', text: t('share_create'), on: {click: async () => {
    status.textContent = '';
    try {
      const made = await sendJson('POST', linkPath(album.slug), {expires_in_days: Number(days.value)});
      const url = h('input', {type: 'text', id: 'share-url', readonly: true, value: new URL(made.url, location.origin).href,
        'aria-describedby': 'share-url-hint'});
      const copied = h('span', {class: 'status', role: 'status'});
      replace(fresh, h('label', {for: 'share-url', text: t('share_url')}),
        h('div', {class: 'share-url-row'}, url,
          h('button', {type: 'button', id: 'share-copy', text: t('copy'), on: {click: () => copy(url, copied)}})),
        h('small', {id: 'share-url-hint', text: t('share_url_hint', {at: formatDate(made.expires_at)})}), copied);
      await refresh();
    } catch (err) {
      status.textContent = errorText(err);
    }
  }}});

  refresh().catch((err) => { status.textContent = errorText(err); });
  return h('section', {class: 'share-section', 'aria-label': t('share_title')},
    h('p', {class: 'status', text: t('share_intro')}),
    h('div', {class: 'share-tools'},
      h('div', {class: 'field'}, h('label', {for: 'share-days', text: t('share_expiry')}), days), create),
    fresh, list, status);
}
