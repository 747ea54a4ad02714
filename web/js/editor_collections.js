// The administration of meetings and albums, for editors and admins: create,
// edit (titles and descriptions per language, place, dates, visibility,
// default credit, cover chosen from the album's photos, order of its photos
// (editor_order.js)), delete; the bulk panel's fields (editor_bulk.js),
// joining and leaving albums among them; an album's share links
// (editor_sharing.js) and, for admins, the trash (admin_trash.js). The pages load this
// module only for editors (a dynamic import), so visitors never fetch it.
// Every form is a modal dialog; a destructive action asks first and says
// what will happen.
import {getJson, isAdmin, sendJson} from './api.js';
import {announce, h} from './dom.js';
import {errorText, photoCount, pick, t} from './i18n.js';
import {renditionUrl, altOf} from './photo_text.js';
import {field} from './photo_browser.js';
import {shareSection} from './editor_sharing.js';
import {orderDialog} from './editor_order.js';
import {bulkEditor as bulkFields} from './editor_bulk.js';

let dialogs = 0;

// A slug from a title: lower-case letters, digits and dashes.
export function slugify(text) {
  return (text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
}

// A refusal found by the page itself (two passwords that differ, ...): a
// dialog shows its message as it is.
export class FormRefusal extends Error {}

// A modal dialog holding a form of `parts`; `onSubmit` runs on submit and
// closes it when it resolves, else its error is shown in the dialog.
export function formDialog(title, parts, submitText, onSubmit, {danger = false} = {}) {
  const id = `dialog-title-${++dialogs}`;
  const message = h('p', {class: 'error', role: 'alert'});
  const submit = h('button', {type: 'submit', class: danger ? 'danger' : null, text: submitText});
  const dialog = h('dialog', {class: 'admin-dialog', 'aria-labelledby': id});
  const form = h('form', {on: {submit: async (e) => {
    e.preventDefault();
    message.textContent = '';
    submit.disabled = true;
    try {
      await onSubmit();
      dialog.close();
    } catch (err) {
      message.textContent = err instanceof FormRefusal ? err.message : errorText(err);
    } finally {
      submit.disabled = false;
    }
  }}},
  h('h2', {id, text: title}), ...parts,
  h('div', {class: 'dialog-buttons'}, submit,
    h('button', {type: 'button', class: 'secondary', text: t('cancel'), on: {click: () => dialog.close()}})),
  message);
  dialog.append(form);
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  dialog.showModal();
  const first = form.querySelector('input, select, textarea, button');
  if (first) first.focus();
  return dialog;
}

// Asks before a destructive action: `what` says what will happen.
export function confirmAction(title, what, actionText, action) {
  return formDialog(title, [h('p', {class: 'confirm-text', text: what})], actionText, action, {danger: true});
}

function input(id, value = '', props = {}) {
  return h('input', {type: 'text', id, value: value ?? '', autocomplete: 'off', ...props});
}
function textarea(id, value = '') {
  const box = h('textarea', {id, rows: 3});
  box.value = value ?? '';
  return box;
}
const orNull = (v) => (v.trim() === '' ? null : v.trim());

// The per-language title and description boxes of a meeting or album.
function textFields(prefix, item) {
  const boxes = {
    title_en: input(`${prefix}-title-en`, item?.title?.en, {required: true, maxlength: 500}),
    title_fr: input(`${prefix}-title-fr`, item?.title?.fr, {maxlength: 500}),
    description_en: textarea(`${prefix}-description-en`, item?.description?.en),
    description_fr: textarea(`${prefix}-description-fr`, item?.description?.fr),
  };
  const parts = [
    field(t('title_en'), boxes.title_en), field(t('title_fr'), boxes.title_fr),
    field(t('description_en'), boxes.description_en), field(t('description_fr'), boxes.description_fr)];
  const values = () => ({
    title: {en: orNull(boxes.title_en.value), fr: orNull(boxes.title_fr.value)},
    description: {en: orNull(boxes.description_en.value), fr: orNull(boxes.description_fr.value)},
  });
  return {boxes, parts, values};
}

// The slug box of a new meeting or album, following its English title until typed into.
function slugField(prefix, titleBox) {
  const slug = input(`${prefix}-slug`, '', {required: true, pattern: '[a-z0-9]+(-[a-z0-9]+)*', maxlength: 80,
    'aria-describedby': `${prefix}-slug-hint`, spellcheck: 'false'});
  let typed = false;
  slug.addEventListener('input', () => { typed = true; });
  titleBox.addEventListener('input', () => { if (!typed) slug.value = slugify(titleBox.value); });
  return {slug, part: field(t('slug'), slug, t('slug_hint'))};
}

// --- meetings

// The meeting's time zone: a text box suggesting the zones this browser
// knows (the server checks the name against its own list).
function timeZoneField(prefix, value) {
  const listId = `${prefix}-time-zones`;
  const box = input(`${prefix}-time-zone`, value, {list: listId, spellcheck: 'false', maxlength: 64,
    'aria-describedby': `${prefix}-time-zone-hint`});
  let zones = [];
  try { zones = Intl.supportedValuesOf('timeZone'); } catch { /* an older browser: no suggestions */ }
  const list = h('datalist', {id: listId}, ...zones.map((z) => h('option', {value: z})));
  // A name this browser does not know is refused here, in the page's
  // language; a known one is written as the time zone list spells it.
  const check = () => {
    const name = box.value.trim();
    let known = name;
    if (name) {
      try {
        known = new Intl.DateTimeFormat('en', {timeZone: name}).resolvedOptions().timeZone;
      } catch {
        known = null;
      }
    }
    box.setCustomValidity(known === null ? t('time_zone_unknown', {zone: name}) : '');
    if (known && known.toLowerCase() === name.toLowerCase()) box.value = known;
  };
  box.addEventListener('change', check);
  box.addEventListener('input', () => box.setCustomValidity(''));
  return {box, check, part: h('div', {}, field(t('time_zone'), box, t('time_zone_hint')), list)};
}

export function meetingDialog(meeting = null) {
  const prefix = 'meeting';
  const texts = textFields(prefix, meeting);
  const slug = meeting ? null : slugField(prefix, texts.boxes.title_en);
  const place = input(`${prefix}-place`, meeting?.place);
  const start = h('input', {type: 'date', id: `${prefix}-start`, value: meeting?.start_date || ''});
  const end = h('input', {type: 'date', id: `${prefix}-end`, value: meeting?.end_date || ''});
  const zone = timeZoneField(prefix, meeting?.time_zone);
  const credit = input(`${prefix}-credit`, meeting?.default_credit, {'aria-describedby': `${prefix}-credit-hint`});
  const parts = [slug?.part, ...texts.parts, field(t('place'), place),
    h('div', {class: 'field-row'}, field(t('start_date'), start), field(t('end_date'), end)),
    zone.part, field(t('default_credit'), credit, t('default_credit_hint'))].filter(Boolean);
  return formDialog(meeting ? t('edit_meeting') : t('create_meeting'), parts,
    meeting ? t('save') : t('create_meeting'), async () => {
      const body = {...texts.values(), place: orNull(place.value), start_date: start.value || null,
        end_date: end.value || null, time_zone: orNull(zone.box.value), default_credit: orNull(credit.value)};
      if (meeting) {
        await sendJson('PATCH', `/api/meetings/${encodeURIComponent(meeting.slug)}`, body);
        location.reload();
      } else {
        body.slug = slug.slug.value;
        const made = await sendJson('POST', '/api/meetings', body);
        location.assign(`/meetings/${encodeURIComponent(made.slug)}`);
      }
    });
}

// The editor's bar on a meeting's page: edit, a new album in it, delete
// when it holds no album and no photo.
export function meetingActions(meeting) {
  const albums = (meeting.albums || []).length;
  const photos = meeting.photo_count || 0;
  const empty = albums === 0 && photos === 0;
  const title = pick(meeting.title) || meeting.slug;
  return h('div', {class: 'admin-bar', role: 'group', 'aria-label': t('admin_tools')},
    h('button', {type: 'button', class: 'secondary', id: 'edit-meeting', text: t('edit_meeting'),
      on: {click: () => meetingDialog(meeting)}}),
    h('button', {type: 'button', class: 'secondary', id: 'new-album-here', text: t('create_album'),
      on: {click: () => albumDialog(null, meeting.slug)}}),
    empty
      ? h('button', {type: 'button', class: 'secondary danger', id: 'delete-meeting', text: t('delete_meeting'),
        on: {click: () => confirmAction(t('delete_meeting'), t('delete_meeting_what', {title}), t('delete'), async () => {
          await sendJson('DELETE', `/api/meetings/${encodeURIComponent(meeting.slug)}`);
          location.assign('/');
        })}})
      : h('p', {class: 'status', id: 'delete-meeting-note',
        text: t('delete_meeting_not_empty', {albums, photos: photoCount(photos)})}));
}

// --- albums

async function meetingOptions(select, chosen) {
  const meetings = await getJson('/api/meetings');
  for (const m of meetings.items) {
    select.append(h('option', {value: m.slug, text: pick(m.title) || m.slug, selected: m.slug === chosen ? true : null}));
  }
  select.value = chosen || '';
}

export function albumDialog(album = null, meetingSlug = '') {
  const prefix = 'album';
  const texts = textFields(prefix, album);
  const slug = album ? null : slugField(prefix, texts.boxes.title_en);
  const meeting = h('select', {id: `${prefix}-meeting`}, h('option', {value: '', text: t('none')}));
  meetingOptions(meeting, album ? album.meeting : meetingSlug).catch(() => {});
  const visibility = h('select', {id: `${prefix}-visibility`, 'aria-describedby': `${prefix}-visibility-hint`},
    ['public', 'unlisted', 'private'].map((v) => h('option', {value: v, text: t('visibility_' + v)})));
  visibility.value = album?.visibility || 'public';
  const credit = input(`${prefix}-credit`, album?.default_credit, {'aria-describedby': `${prefix}-credit-hint`});
  const parts = [slug?.part, ...texts.parts, field(t('meeting'), meeting),
    field(t('visibility'), visibility, t('visibility_hint')),
    field(t('default_credit'), credit, t('default_credit_hint'))].filter(Boolean);
  return formDialog(album ? t('edit_album') : t('create_album'), parts, album ? t('save') : t('create_album'), async () => {
    const body = {...texts.values(), meeting: meeting.value || null, visibility: visibility.value,
      default_credit: orNull(credit.value)};
    if (album) {
      await sendJson('PATCH', `/api/albums/${encodeURIComponent(album.slug)}`, body);
      location.reload();
    } else {
      body.slug = slug.slug.value;
      const made = await sendJson('POST', '/api/albums', body);
      location.assign(`/albums/${encodeURIComponent(made.slug)}`);
    }
  });
}

// Chooses the album's cover among its photos (radio buttons with their
// pictures), or none.
async function coverDialog(album) {
  const page = await getJson(`/api/albums/${encodeURIComponent(album.slug)}/photos`, {limit: 200});
  const group = h('fieldset', {class: 'cover-choices'}, h('legend', {text: t('cover_pick')}));
  const choice = (value, label, picture) => {
    const id = `cover-${value || 'none'}`;
    return h('div', {class: 'cover-choice'},
      h('input', {type: 'radio', name: 'cover', id, value: String(value),
        checked: String(album.cover_photo_id ?? '') === String(value) ? true : null}),
      h('label', {for: id}, picture, h('span', {text: label})));
  };
  group.append(choice('', t('cover_automatic'), null));
  page.items.forEach((photo, i) => group.append(choice(photo.id, t('photo_n', {n: i + 1}),
    h('img', {src: renditionUrl(photo, 'tile'), alt: altOf(photo), loading: 'lazy', width: 96, height: 96}))));
  return formDialog(t('choose_cover'), [group], t('save'), async () => {
    const picked = group.querySelector('input[name=cover]:checked');
    const id = picked && picked.value ? Number(picked.value) : null;
    await sendJson('PATCH', `/api/albums/${encodeURIComponent(album.slug)}`, {cover_photo_id: id});
    location.reload();
  });
}

// The editor's bar on an album's page: edit, cover, reorder (editor_order.js),
// delete (its photos stay).
export function albumActions(album) {
  const title = pick(album.title) || album.slug;
  return h('div', {class: 'admin-bar', role: 'group', 'aria-label': t('admin_tools')},
    h('button', {type: 'button', class: 'secondary', id: 'edit-album', text: t('edit_album'),
      on: {click: () => albumDialog(album)}}),
    h('button', {type: 'button', class: 'secondary', id: 'choose-cover', text: t('choose_cover'),
      on: {click: () => coverDialog(album).catch((err) => announce(errorText(err)))}}),
    (album.photo_count || 0) > 1
      ? h('button', {type: 'button', class: 'secondary', id: 'reorder-album', text: t('reorder_album'),
        on: {click: () => orderDialog(album, formDialog).catch((err) => announce(errorText(err)))}})
      : null,
    h('button', {type: 'button', class: 'secondary danger', id: 'delete-album', text: t('delete_album'),
      on: {click: async () => {
        // Its count now, not when the page was drawn.
        const now = await getJson(`/api/albums/${encodeURIComponent(album.slug)}`).catch(() => album);
        const n = now.photo_count || 0;
        const what = n === 0 ? t('delete_album_empty', {title}) : n === 1 ? t('delete_album_what_one', {title})
          : t('delete_album_what', {title, photos: photoCount(n)});
        confirmAction(t('delete_album'), what, t('delete'), async () => {
          await sendJson('DELETE', `/api/albums/${encodeURIComponent(album.slug)}`);
          location.assign(album.meeting ? `/meetings/${encodeURIComponent(album.meeting)}` : '/');
        });
      }}}));
}

// An album's share links, folded under their heading.
export function albumSharing(album) {
  return h('details', {class: 'admin-details', id: 'share-details'}, h('summary', {text: t('share_title')}),
    shareSection(album, confirmAction));
}

// For admins only, the trash (its module fetched for them alone), folded;
// null for editors.
export async function adminTrash() {
  if (!isAdmin()) return null;
  const {trashSection} = await import('./admin_trash.js');
  return h('details', {class: 'admin-details', id: 'trash-details'}, h('summary', {text: t('trash_title')}),
    trashSection(confirmAction));
}

// The home page's actions: a new meeting, a new album.
export function createButton(kind) {
  return kind === 'meeting'
    ? h('button', {type: 'button', id: 'create-meeting', text: t('create_meeting'), on: {click: () => meetingDialog()}})
    : h('button', {type: 'button', id: 'create-album', text: t('create_album'), on: {click: () => albumDialog()}});
}

// The bulk panel's fields (editor_bulk.js), albums to join and leave among
// them, reviewed in this module's dialog.
export function bulkEditor(grid, afterChange, albumSlug = '') {
  return bulkFields(grid, formDialog, afterChange, albumSlug);
}
