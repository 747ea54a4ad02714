// For admins: the trash. Deleted photos that can still be restored, most
// recent first, each with Restore (it comes back with its fields, texts,
// keywords and places in the albums that still exist). Emptying it for good
// is `gallery gc` on the server. Loaded only for admins.
import {getJson, sendJson} from './api.js';
import {announce, h, replace} from './dom.js';
import {errorText, formatDate, t} from './i18n.js';

export function trashSection() {
  const list = h('ul', {class: 'trash-list', id: 'trash-list'});
  const status = h('p', {class: 'status', role: 'status'});
  async function refresh() {
    const trash = await getJson('/api/trash');
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
            status.textContent = t('trash_restored', {name: item.filename || item.id});
            announce(status.textContent);
          } catch (err) {
            status.textContent = errorText(err);
          }
        }}}))));
  }
  refresh().catch((err) => { status.textContent = errorText(err); });
  return h('section', {class: 'trash-section', 'aria-label': t('trash_title')},
    h('p', {class: 'status', text: t('trash_intro')}), list, status);
}
