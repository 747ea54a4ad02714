// Reordering an album's photos, for editors: a dialog lists every photo of
// the album in its order; a photo moves by dragging it, or with the keyboard
// (Space or Enter picks it up, the arrow keys, Home and End move it, Space or
// Enter puts it down, Escape puts it back where it was). Each move is said
// through a live region inside the dialog. Saving sends the whole order in
// one request (PUT /api/albums/{slug}/order, one transaction); the server
// refuses it when the album's photos changed meanwhile.
import {getJson, sendJson} from './api.js';
import {h} from './dom.js';
import {t} from './i18n.js';
import {altOf, renditionUrl} from './photo_text.js';

const PAGE = 500;

// Every photo of the album, in album order (at most photo_count + one page,
// so a growing album cannot keep the loop going).
async function allPhotos(album) {
  const photos = [];
  let cursor = null;
  const pages = Math.ceil((album.photo_count || 0) / PAGE) + 1;
  for (let i = 0; i < pages; i++) {
    const page = await getJson(`/api/albums/${encodeURIComponent(album.slug)}/photos`,
      cursor ? {limit: PAGE, cursor} : {limit: PAGE});
    photos.push(...page.items);
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  return photos;
}

// Opens the dialog for `album`; `formDialog(title, parts, submitText,
// onSubmit)` is the editors' modal form.
export async function orderDialog(album, formDialog) {
  const photos = await allPhotos(album);
  const live = h('p', {class: 'visually-hidden', id: 'order-live', 'aria-live': 'assertive'});
  const hint = h('p', {class: 'status', id: 'order-hint', text: t('order_hint')});
  const list = h('ol', {class: 'order-list', id: 'order-list'});
  const say = (text) => { live.textContent = text; };
  const items = () => [...list.children];
  const place = (li) => items().indexOf(li) + 1;
  let moving = null;  // {li, from}: the photo picked up and where it was
  let dragged = null;

  const label = (li) => t('order_item', {i: place(li), n: photos.length, alt: li.dataset.alt});
  const relabel = () => { for (const li of items()) li.querySelector('button').setAttribute('aria-label', label(li)); };
  const moveTo = (li, index) => {
    const others = items().filter((x) => x !== li);
    const clamped = Math.max(0, Math.min(others.length, index));
    list.insertBefore(li, others[clamped] || null);
    relabel();
  };
  const pickUp = (li) => {
    moving = {li, from: place(li) - 1};
    li.classList.add('moving');
    li.querySelector('button').setAttribute('aria-pressed', 'true');
    say(t('order_picked', {i: place(li), n: photos.length}));
  };
  const putDown = (cancelled) => {
    const {li, from} = moving;
    if (cancelled) moveTo(li, from);
    li.classList.remove('moving');
    li.querySelector('button').setAttribute('aria-pressed', 'false');
    moving = null;
    say(t(cancelled ? 'order_cancelled' : 'order_dropped', {i: place(li), n: photos.length}));
    li.querySelector('button').focus();
  };

  for (const photo of photos) {
    const li = h('li', {class: 'order-item', 'data-id': String(photo.id), 'data-alt': altOf(photo), draggable: 'true'});
    const button = h('button', {type: 'button', class: 'order-handle', 'aria-pressed': 'false',
      'aria-describedby': 'order-hint', on: {keydown: (e) => {
        if (e.key === ' ' || e.key === 'Enter') {
          e.preventDefault();
          if (moving) putDown(false); else pickUp(li);
          return;
        }
        if (e.key === 'Escape' && moving) {
          e.preventDefault();
          putDown(true);
          return;
        }
        if (!moving || moving.li !== li) return;
        const index = place(li) - 1;
        const to = {ArrowUp: index - 1, ArrowLeft: index - 1, ArrowDown: index + 1, ArrowRight: index + 1,
          Home: 0, End: photos.length - 1}[e.key];
        if (to === undefined) return;
        e.preventDefault();
        moveTo(li, to);
        button.focus();
        say(t('order_moved', {i: place(li), n: photos.length}));
      }}},
    h('img', {src: renditionUrl(photo, 'tile'), alt: '', width: 64, height: 64, loading: 'lazy'}));
    li.append(button);
    li.addEventListener('dragstart', (e) => {
      dragged = li;
      li.classList.add('moving');
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', li.dataset.id);
    });
    li.addEventListener('dragover', (e) => {
      if (!dragged || dragged === li) return;
      e.preventDefault();
      const box = li.getBoundingClientRect();
      const after = e.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? li.nextSibling : li);
      relabel();
    });
    li.addEventListener('drop', (e) => e.preventDefault());
    li.addEventListener('dragend', () => {
      if (!dragged) return;
      dragged.classList.remove('moving');
      say(t('order_dropped', {i: place(dragged), n: photos.length}));
      dragged = null;
    });
    list.append(li);
  }
  relabel();

  const dialog = formDialog(t('reorder_album'), [hint, list, live], t('order_save'), async () => {
    const ids = items().map((li) => Number(li.dataset.id));
    await sendJson('PUT', `/api/albums/${encodeURIComponent(album.slug)}/order`, {ids});
    location.reload();
  });
  // Escape while a photo is picked up puts it back; it does not close the dialog.
  dialog.addEventListener('cancel', (e) => { if (moving) e.preventDefault(); });
  return dialog;
}
