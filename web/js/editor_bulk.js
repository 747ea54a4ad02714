// For editors: changing every field of the selected photos at once. Caption,
// headline and alt text per language, credit, creator, copyright, terms of
// use, embargo, meeting; keywords added, removed or replacing the photos'
// own; an album to join and one to leave. A box left empty changes nothing.
// Before anything is written the page shows what will change, field by
// field, counted over the selected photos ("12 photos: credit “” → “© IOM
// 2016”; 3 already have it"); the change, albums included, is then one
// request and one transaction (PATCH /api/photos, at most 1,000 photos), and
// each photo's history records it. Loaded only for
// editors, from editor_collections.js.
import {getJson, sendJson} from './api.js';
import {h} from './dom.js';
import {errorText, photoCount, pick, t} from './i18n.js';
import {field} from './photo_browser.js';

export const MAX_BULK = 1000;
const LANG_FIELDS = ['caption', 'headline', 'alt_text'];
const TEXT_FIELDS = ['credit', 'creator', 'copyright', 'usage_terms'];
const splitKeywords = (text) => [...new Set(text.split(',').map((k) => k.trim()).filter(Boolean))];
const quoted = (v) => t('bulk_quoted', {v: v ?? ''});

// The change of one field over `photos`: how many change, how many already
// hold the new value, and the values they had (at most three named).
function countChange(photos, current, to) {
  const from = new Map();
  let same = 0;
  for (const p of photos) {
    const value = current(p) ?? '';
    if (value === to) { same++; continue; }
    from.set(value, (from.get(value) || 0) + 1);
  }
  return {changing: photos.length - same, same, from: [...from.keys()]};
}

function fromText(values) {
  const named = values.slice(0, 3).map(quoted).join(', ');
  return values.length > 3 ? t('bulk_from_more', {named, n: values.length - 3}) : named;
}

// One line per field of `set`, as the page shows it before applying.
export function describeChanges(photos, set, labels) {
  const lines = [];
  const line = (label, count, to) => {
    if (count.changing === 0) lines.push(t('bulk_line_none', {photos: photoCount(photos.length), field: label}));
    else {
      lines.push(t(count.same ? 'bulk_line_same' : 'bulk_line', {photos: photoCount(count.changing), field: label,
        from: fromText(count.from), to: quoted(to), same: count.same}));
    }
  };
  for (const name of LANG_FIELDS) {
    for (const [lang, text] of Object.entries(set[name] || {})) {
      line(labels[`${name}_${lang}`], countChange(photos, (p) => (p[name] || {})[lang], text), text);
    }
  }
  for (const name of [...TEXT_FIELDS, 'embargo_until']) {
    if (set[name] === undefined) continue;
    const current = name === 'embargo_until' ? (p) => (p.embargo_until || '').slice(0, 10) : (p) => p[name];
    line(labels[name], countChange(photos, current, set[name]), set[name]);
  }
  if (set.meeting !== undefined) line(labels.meeting, countChange(photos, (p) => p.meeting, set.meeting), labels.meetingName);
  const has = (p, k) => (p.keywords || []).includes(k);
  if (set.keywords) {
    const to = set.keywords.join(', ');
    line(labels.keywords, countChange(photos, (p) => (p.keywords || []).join(', '), to), to);
  }
  if (set.keywords_add) {
    const changing = photos.filter((p) => set.keywords_add.some((k) => !has(p, k))).length;
    lines.push(t('bulk_line_add', {photos: photoCount(changing), words: set.keywords_add.map(quoted).join(', '),
      same: photos.length - changing}));
  }
  if (set.keywords_remove) {
    const changing = photos.filter((p) => set.keywords_remove.some((k) => has(p, k))).length;
    lines.push(t('bulk_line_remove', {photos: photoCount(changing), words: set.keywords_remove.map(quoted).join(', '),
      same: photos.length - changing}));
  }
  const inAlbum = (p, slug) => (p.albums || []).includes(slug);
  if (set.add_to_album) {
    const changing = photos.filter((p) => !inAlbum(p, set.add_to_album)).length;
    lines.push(t('bulk_line_join', {name: quoted(labels.joinName), photos: photoCount(changing), same: photos.length - changing}));
  }
  if (set.remove_from_album) {
    const changing = photos.filter((p) => inAlbum(p, set.remove_from_album)).length;
    lines.push(t('bulk_line_leave', {name: quoted(labels.leaveName), photos: photoCount(changing), same: photos.length - changing}));
  }
  return lines;
}

// The fields of the bulk panel for `grid`'s selection; its review() (the
// panel's submit) shows what will change in `formDialog` and applies it when
// confirmed; `afterChange` redraws the grid. On an album's page
// (`albumSlug`), that album is offered first to leave, and not to join.
export function bulkEditor(grid, formDialog, afterChange, albumSlug = '') {
  const boxes = {};
  const labels = {};
  const text = (name, label) => {
    boxes[name] = h('input', {type: 'text', id: `bulk-${name.replace(/_/g, '-')}`, autocomplete: 'off'});
    labels[name] = label;
    return field(label, boxes[name]);
  };
  const langParts = LANG_FIELDS.flatMap((name) => ['en', 'fr'].map((lang) =>
    text(`${name}_${lang}`, t(`${name === 'alt_text' ? 'alt' : name}_${lang}`))));
  const textParts = TEXT_FIELDS.map((name) => text(name, t(name === 'usage_terms' ? 'usage_terms' : name)));
  boxes.embargo_until = h('input', {type: 'date', id: 'bulk-embargo'});
  labels.embargo_until = t('embargo');
  const meeting = h('select', {id: 'bulk-meeting'}, h('option', {value: '', text: '—'}),
    h('option', {value: '-', text: t('bulk_no_meeting')}));
  labels.meeting = t('meeting');
  getJson('/api/meetings').then((r) => {
    for (const m of r.items) meeting.append(h('option', {value: m.slug, text: pick(m.title) || m.slug}));
  }).catch(() => {});
  const action = h('select', {id: 'bulk-keywords-action', 'aria-label': t('bulk_keywords_action')},
    ['add', 'remove', 'replace'].map((a) => h('option', {value: a, text: t(`bulk_keywords_${a}`)})));
  const keywords = h('input', {type: 'text', id: 'bulk-keywords', autocomplete: 'off', 'aria-describedby': 'bulk-keywords-hint'});
  labels.keywords = t('keywords');
  const joinAlbum = h('select', {id: 'bulk-album'}, h('option', {value: '', text: '—'}));
  const leaveAlbum = h('select', {id: 'bulk-leave-album'}, h('option', {value: '', text: '—'}));
  const albumNames = new Map();
  getJson('/api/albums', {limit: 500}).then((r) => {
    const items = [...r.items].sort((a, b) => (b.slug === albumSlug) - (a.slug === albumSlug));
    for (const a of items) {
      const name = pick(a.title) || a.slug;
      albumNames.set(a.slug, name);
      if (a.slug !== albumSlug) joinAlbum.append(h('option', {value: a.slug, text: name}));
      leaveAlbum.append(h('option', {value: a.slug, text: a.slug === albumSlug ? t('bulk_this_album', {name}) : name}));
    }
  }).catch(() => {});
  const message = h('p', {class: 'status', role: 'status'});

  const collect = () => {
    const set = {};
    for (const name of LANG_FIELDS) {
      for (const lang of ['en', 'fr']) {
        const v = boxes[`${name}_${lang}`].value.trim();
        if (v) (set[name] ||= {})[lang] = v;
      }
    }
    for (const name of TEXT_FIELDS) if (boxes[name].value.trim()) set[name] = boxes[name].value.trim();
    if (boxes.embargo_until.value) set.embargo_until = boxes.embargo_until.value;
    if (meeting.value) set.meeting = meeting.value === '-' ? '' : meeting.value;
    const words = splitKeywords(keywords.value);
    if (words.length) set[{add: 'keywords_add', remove: 'keywords_remove', replace: 'keywords'}[action.value]] = words;
    if (joinAlbum.value) set.add_to_album = joinAlbum.value;
    if (leaveAlbum.value) set.remove_from_album = leaveAlbum.value;
    return set;
  };
  const clear = () => {
    for (const box of Object.values(boxes)) box.value = '';
    meeting.value = '';
    keywords.value = '';
    action.value = 'add';
    joinAlbum.value = '';
    leaveAlbum.value = '';
  };

  const form = h('div', {class: 'bulk-fields'},
    h('div', {class: 'bulk-grid'}, ...langParts, ...textParts, field(t('embargo'), boxes.embargo_until),
      field(t('bulk_meeting'), meeting)),
    h('div', {class: 'bulk-keywords'}, field(t('bulk_keywords'), action),
      h('div', {class: 'field'}, h('label', {for: 'bulk-keywords', text: t('keywords')}), keywords,
        h('small', {id: 'bulk-keywords-hint', text: t('keywords_hint')}))),
    h('div', {class: 'bulk-albums album-tools'}, field(t('add_to_album'), joinAlbum), field(t('remove_from_album'), leaveAlbum)),
    h('button', {type: 'submit', text: t('bulk_apply')}), message);

  // Called by the panel's submit.
  form.review = () => {
    message.textContent = '';
    const ids = [...grid.selected];
    const set = collect();
    if (!ids.length) { message.textContent = t('pick_photos'); return; }
    if (!Object.keys(set).length) { message.textContent = t('bulk_nothing'); return; }
    if (ids.length > MAX_BULK) { message.textContent = t('bulk_too_many', {n: MAX_BULK}); return; }
    if (set.add_to_album && set.add_to_album === set.remove_from_album) { message.textContent = t('bulk_same_album'); return; }
    const photos = grid.photos.filter((p) => grid.selected.has(p.id));
    labels.meetingName = meeting.value === '-' ? '' : meeting.selectedOptions[0].textContent;
    labels.joinName = albumNames.get(set.add_to_album) || set.add_to_album;
    labels.leaveName = albumNames.get(set.remove_from_album) || set.remove_from_album;
    const lines = describeChanges(photos, set, labels);
    formDialog(t('bulk_review', {n: ids.length}),
      [h('ul', {class: 'bulk-preview', id: 'bulk-preview'}, lines.map((l) => h('li', {text: l})))],
      t('bulk_confirm', {n: ids.length}), async () => {
        await sendJson('PATCH', '/api/photos', {ids, set});
        clear();
        await afterChange();
        message.textContent = t('bulk_done', {n: ids.length});
      });
  };
  form.fail = (err) => { message.textContent = errorText(err); };
  return form;
}
