// For admins: the trash. Deleted photos that can still be restored, most
// recent first, each with Restore (it comes back with its fields, texts,
// keywords and places in the albums that still exist), and Empty the trash,
// which asks first and says how many photos go for ever (their files leave
// the server at the next `gallery gc`). Loaded only for admins.
import {getJson, sendJson} from './api.js';
import {announce, h, replace} from './dom.js';
import {errorText, formatDate, t} from './i18n.js';

const counted = (key, n) => (n === 1 ? t(`${key}_one`) : t(key, {n}));

// `confirmAction(title, what, actionText, action)` asks before emptying.
export function trashSection(confirmAction) {
  const list = h('ul', {class: 'trash-list', id: 'trash-list'});
  const status = h('p', {class: 'status', role: 'status'});
  const say = (text) => { status.textContent = text; announce(text); };
  const empty = h('button', {type: 'button', class: 'secondary danger', id: 'trash-empty', text: t('trash_empty_button'),
    hidden: true, on: {click: async () => {
      try {
        // Its count now, not when the list was drawn.
        const n = (await getJson('/api/trash')).items.length;
        if (n === 0) { await refresh(); return; }
        confirmAction(t('trash_empty_button'), counted('trash_empty_what', n), t('trash_empty_button'), async () => {
          const done = await sendJson('DELETE', '/api/trash');
          await refresh();
          say(counted('trash_emptied', done.purged));
        });
      } catch (err) {
        status.textContent = errorText(err);
      }
    }}});
  async function refresh() {
    const trash = await getJson('/api/trash');
    empty.hidden = trash.items.length === 0;
    if (!trash.items.length) {
      replace(list, h('li', {class: 'status', text: t('trash_empty')}));
      return;
    }
    replace(list, ...trash.items.map((item) => h('li', {class: 'trash-item', 'data-id': String(item.id)},
      h('span', {text: t('trash_line', {name: item.filename || `#${item.id}`, who: item.deleted_by || '—',
        at: formatDate(item.deleted_at)})}), ' ',
      h('button', {type: 'button', class: 'secondary restore-photo', 'aria-label': t('trash_restore_name', {name: item.filename || item.id}),
        text: t('trash_restore'), on: {click: async () => {
          try {
            await sendJson('POST', `/api/trash/${item.id}/restore`);
            await refresh();
            say(t('trash_restored', {name: item.filename || item.id}));
          } catch (err) {
            status.textContent = errorText(err);
          }
        }}}))));
  }
  refresh().catch((err) => { status.textContent = errorText(err); });
  return h('section', {class: 'trash-section', 'aria-label': t('trash_title')},
    h('p', {class: 'status', text: t('trash_intro')}), list, empty, status);
}
