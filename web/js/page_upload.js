// Bulk upload (/upload): drop or pick many files, choose meeting, album and
// credit, and follow each file: every chosen file is listed at once with a
// thumbnail made here (a few at a time, only for the rows in view), its
// state, progress, and buttons to cancel or retry it. The list draws only
// the rows in view, so a thousand files scroll as smoothly as ten. Files the
// archive already has are found by their SHA-256 before sending and marked
// duplicates (see upload_queue.js); refused files are listed with the
// server's reason; at the end, a link to the new photos. Leaving while files
// are still going asks first. The queue outlives the page (see
// upload_queue.js): after a reload, or in a new browser session, the files
// still unfinished are listed and the page asks for them again; chosen
// again, each resumes where the server stands.
import {getJson, isEditor, session} from './api.js';
import {announce, h, replace} from './dom.js';
import {errorText, knowsReason, pick, t} from './i18n.js';
import {field} from './photo_browser.js';
import {UploadQueue} from './upload_queue.js';

const ROW_HEIGHT = 64;       // px, every row (the list's geometry depends on it)
const OVERSCAN = 6;          // rows drawn above and below the view
const THUMB_SIZE = 96;       // px, the thumbnail's canvas (shown at 48 px)
const THUMB_CONCURRENCY = 3;

export async function renderUpload(main) {
  document.title = `${t('upload_title')} · ${t('site_title')}`;
  if (!isEditor()) {
    replace(main, h('h1', {text: t('upload_title')}),
      h('p', {}, h('a', {href: '/login?next=/upload', text: t('upload_need_login')})));
    return;
  }
  const [meetings, albums] = await Promise.all([getJson('/api/meetings'), getJson('/api/albums', {limit: 500})]);
  const names = {meeting: new Map(), album: new Map()};
  for (const m of meetings.items) names.meeting.set(m.slug, pick(m.title) || m.slug);
  for (const a of albums.items) names.album.set(a.slug, pick(a.title) || a.slug);
  const meeting = h('select', {id: 'up-meeting'}, h('option', {value: '', text: t('none')}),
    meetings.items.map((m) => h('option', {value: m.slug, text: names.meeting.get(m.slug)})));
  const album = h('select', {id: 'up-album'}, h('option', {value: '', text: t('none')}),
    albums.items.map((a) => h('option', {value: a.slug, text: names.album.get(a.slug)})));
  const credit = h('input', {type: 'text', id: 'up-credit', 'aria-describedby': 'up-credit-hint'});
  const picker = h('input', {type: 'file', id: 'up-files', multiple: true, accept: 'image/*', class: 'visually-hidden'});
  const drop = h('div', {class: 'drop-zone', id: 'drop-zone'},
    h('p', {}, `${t('upload_drop')} `, h('label', {for: 'up-files', class: 'pick-label', text: t('upload_pick')})), picker);
  const overall = h('progress', {id: 'up-overall', max: 1, value: 0, 'aria-labelledby': 'up-overall-label'});
  const summary = h('p', {class: 'summary', id: 'up-summary', role: 'status'});
  const finished = h('p', {class: 'upload-end', id: 'up-end', hidden: true});
  const refused = h('ul', {class: 'refused-list', id: 'up-refused'});
  const refusedSection = h('section', {hidden: true, 'aria-labelledby': 'refused-heading'},
    h('h2', {id: 'refused-heading', text: t('upload_refused')}), refused);
  const refusedRows = new Map();

  const who = (await session()).name || '';
  const list = new VirtualList();
  const resume = h('div', {class: 'upload-resume', id: 'up-resume', role: 'status', hidden: true});
  const drawResume = () => {
    const n = queue.missing;
    resume.hidden = !n;
    if (!n) return replace(resume);
    replace(resume, h('p', {text: t(n === 1 ? 'upload_resume_one' : 'upload_resume', {n})}),
      h('button', {type: 'button', class: 'forget', text: t('upload_forget'), on: {click: () => queue.forgetMissing()}}));
  };
  let missingShown = -1;
  const queue = new UploadQueue((item) => {
    if (queue.missing !== missingShown) {
      missingShown = queue.missing;
      drawResume();
    }
    list.changed(item);
    if ((item.state === 'refused' || item.state === 'failed') && !refusedRows.has(item)) {
      const row = h('li', {'data-state': item.state}, h('span', {class: 'name', text: item.name}), ': ',
        h('span', {class: 'reason', text: item.state === 'failed' ? stateText(item) : reasonOf(item)}));
      refusedRows.set(item, row);
      refused.append(row);
    } else if (refusedRows.has(item) && item.state !== 'refused' && item.state !== 'failed') {
      refusedRows.get(item).remove();  // tried again
      refusedRows.delete(item);
    }
    refusedSection.hidden = !refused.children.length;
    const totals = queue.totals();
    overall.max = Math.max(totals.bytes, 1);
    overall.value = totals.sent;
    summary.textContent = t('upload_summary', totals) + (totals.cancelled ? ` · ${t('upload_cancelled', {n: totals.cancelled})}` : '');
    const allDone = totals.done === totals.total;
    drawEnd(finished, allDone ? queue.items : [], names);
    if (allDone) announce(summary.textContent);
  }, `gallery.upload-queue.${who}`);
  list.queue = queue;
  if (queue.restore()) {
    list.resize(queue.items);
    queue.onChange(queue.items[0]);  // the counts, the overall bar and the notice
  }
  const start = (files) => {
    if (!files.length) return;
    queue.add([...files], {meeting: meeting.value, album: album.value, credit: credit.value.trim()});
    list.resize(queue.items);
  };
  picker.addEventListener('change', () => { start(picker.files); picker.value = ''; });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    start(e.dataTransfer.files);
  });
  window.addEventListener('beforeunload', (e) => {
    if (!queue.busy) return;
    e.preventDefault();
    e.returnValue = t('upload_leave');
  });

  replace(main, h('h1', {text: t('upload_title')}),
    h('div', {class: 'upload-target'},
      field(t('upload_meeting'), meeting), field(t('upload_album'), album),
      field(t('upload_credit'), credit, t('upload_credit_hint'))),
    drop, resume,
    h('div', {class: 'overall'}, h('span', {id: 'up-overall-label', text: t('upload_overall')}), overall, summary),
    finished, list.root, refusedSection);
}

// "View the N new photos in {album}", one link per album (else meeting)
// the stored files went to; nothing until every file is finished.
function drawEnd(holder, items, names) {
  const groups = new Map();
  for (const item of items) {
    if (item.state !== 'done') continue;
    const {album, meeting} = item.target;
    const key = album ? `album:${album}` : meeting ? `meeting:${meeting}` : '';
    if (!key) continue;
    if (!groups.has(key)) {
      groups.set(key, album
        ? {n: 0, href: `/albums/${encodeURIComponent(album)}`, name: names.album.get(album) || album}
        : {n: 0, href: `/meetings/${encodeURIComponent(meeting)}`, name: names.meeting.get(meeting) || meeting});
    }
    groups.get(key).n++;
  }
  holder.hidden = !groups.size;
  replace(holder, ...[...groups.values()].flatMap((g, i) => [i ? ' · ' : null,
    h('a', {href: g.href, text: t(g.n === 1 ? 'upload_view_one' : 'upload_view', {n: g.n, name: g.name})})]));
}

function stateText(item) {
  switch (item.state) {
    case 'hashing': return t('st_hashing');
    case 'checking': return t('st_checking');
    case 'waiting': return t('st_waiting');
    case 'uploading': return t('st_uploading');
    case 'retrying': return t('st_retrying', {s: item.retryIn, n: item.attempt + 1});
    case 'offline': return t('st_offline');
    case 'missing': return t('st_missing');
    case 'done': return t('st_done');
    case 'duplicate': return t('st_duplicate');
    case 'cancelled': return t('st_cancelled');
    case 'failed': return t('st_failed_why', {n: item.attempt, reason: reasonOf(item)});
    default: return t('st_refused_why', {reason: reasonOf(item)});
  }
}

// Why a file was not stored, in the page's language: the server's reason
// for a file it refused (never its name again: the row shows it), the
// error's code otherwise, or the network's failure.
function reasonOf(item) {
  if (!item.error) return '';
  if (item.error.code === 'network') return t('network_error');
  if (item.error.reason && knowsReason(item.error.reason)) return t('reason_' + item.error.reason);
  return errorText(item.error);
}

// The files as a list that keeps only the rows in view (and OVERSCAN more
// on each side) in the page: a scrolling box whose inner list is as tall as
// every row, each drawn row placed at its own height. Rows are redrawn at
// most once a frame.
class VirtualList {
  constructor() {
    this.items = [];
    this.rows = new Map();   // index -> drawn row
    this.dirty = new Set();
    this.thumbs = new ThumbnailMaker(() => this.schedule(true));
    this.list = h('ul', {class: 'upload-list', 'aria-label': t('upload_files')});
    this.root = h('div', {class: 'upload-scroller', id: 'up-list', tabindex: 0, role: 'region',
      'aria-label': t('upload_files'), hidden: true}, this.list);
    this.root.addEventListener('scroll', () => this.schedule(true), {passive: true});
    window.addEventListener('resize', () => this.schedule(true));
    this.frame = 0;
    this.all = false;
  }

  resize(items) {
    this.items = items;
    this.root.hidden = !items.length;
    this.list.style.height = `${items.length * ROW_HEIGHT}px`;
    // As tall as its rows, up to the CSS max-height (then it scrolls).
    this.root.style.height = `${items.length * ROW_HEIGHT + 2}px`;
    this.schedule(true);
  }

  changed(item) {
    this.dirty.add(item.index);
    this.schedule(false);
  }

  schedule(all) {
    this.all = this.all || all;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  draw() {
    const view = this.root.clientHeight || ROW_HEIGHT * 10;
    const first = Math.max(0, Math.floor(this.root.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.items.length, Math.ceil((this.root.scrollTop + view) / ROW_HEIGHT) + OVERSCAN);
    if (this.all) {
      for (const [index, row] of this.rows) {
        if (index < first || index >= last) { row.li.remove(); this.rows.delete(index); }
      }
    }
    for (let i = first; i < last; i++) {
      if (!this.rows.has(i)) {
        const row = this.makeRow(this.items[i]);
        this.rows.set(i, row);
        this.list.append(row.li);
        this.fill(row, this.items[i]);
      } else if (this.all || this.dirty.has(i)) {
        this.fill(this.rows.get(i), this.items[i]);
      }
      this.thumbs.want(this.items[i]);
    }
    this.thumbs.keepOnly(first, last);
    this.dirty.clear();
    this.all = false;
  }

  makeRow(item) {
    const name = item.name;
    const thumb = h('img', {class: 'thumb', alt: '', width: 48, height: 48, decoding: 'async'});
    const bar = h('progress', {max: Math.max(item.size, 1), value: 0, 'aria-label': name});
    const status = h('span', {class: 'state'});
    const link = h('span', {class: 'link'});
    const cancel = h('button', {type: 'button', class: 'cancel', text: t('upload_cancel'),
      'aria-label': t('upload_cancel_file', {name}), on: {click: () => this.queue.cancel(item)}});
    const retry = h('button', {type: 'button', class: 'retry', text: t('upload_retry'),
      'aria-label': t('upload_retry_file', {name}), on: {click: () => this.queue.retry(item)}});
    const li = h('li', {class: 'upload-item', 'aria-setsize': this.items.length, 'aria-posinset': item.index + 1},
      thumb, h('span', {class: 'body'}, h('span', {class: 'name', text: name, title: name}), bar, status),
      h('span', {class: 'actions'}, link, cancel, retry));
    li.style.top = `${item.index * ROW_HEIGHT}px`;
    return {li, thumb, bar, status, link, cancel, retry};
  }

  fill(row, item) {
    row.bar.value = item.finished ? row.bar.max : item.sent;
    const text = stateText(item);
    row.status.textContent = text;
    row.status.title = text;
    row.li.dataset.state = item.state;
    row.li.setAttribute('aria-setsize', this.items.length);
    if (item.thumb && row.thumb.getAttribute('src') !== item.thumb) row.thumb.src = item.thumb;
    row.thumb.classList.toggle('none', item.thumb === '');
    row.cancel.hidden = !item.canCancel;
    row.retry.hidden = !item.canRetry;
    if (item.photo && item.photo.id && !row.link.firstChild) {
      row.link.append(h('a', {href: `/photos/${encodeURIComponent(item.photo.id)}`, text: `#${item.photo.id}`}));
    }
  }
}

// Thumbnails made in the browser from the chosen files: decoded off the
// page's main work (createImageBitmap, scaled while decoding), drawn on a
// small canvas, kept as an object URL on the item (item.thumb; '' when the
// file is no image the browser can read). At most THUMB_CONCURRENCY at a
// time, rows in view first; rows scrolled away are skipped.
class ThumbnailMaker {
  constructor(onMade) {
    this.onMade = onMade;
    this.pending = [];
    this.running = 0;
    this.range = [0, 0];
  }

  want(item) {
    if (!item.file || item.thumb !== undefined || item.thumbQueued) return;  // a missing file: none until chosen again
    item.thumbQueued = true;
    this.pending.push(item);
    this.pump();
  }

  keepOnly(first, last) {
    this.range = [first, last];
    this.pending = this.pending.filter((item) => {
      const keep = item.index >= first && item.index < last;
      if (!keep) item.thumbQueued = false;
      return keep;
    });
  }

  pump() {
    while (this.running < THUMB_CONCURRENCY && this.pending.length) {
      const item = this.pending.shift();
      this.running++;
      makeThumbnail(item.file).then((url) => { item.thumb = url; }).finally(() => {
        item.thumbQueued = false;
        this.running--;
        this.onMade();
        this.pump();
      });
    }
  }
}

async function makeThumbnail(file) {
  if (typeof createImageBitmap !== 'function' || (file.type && !file.type.startsWith('image/'))) return '';
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, {resizeWidth: THUMB_SIZE * 2, resizeQuality: 'low'});
  } catch {
    return '';
  }
  try {
    const canvas = document.createElement('canvas');
    canvas.width = THUMB_SIZE;
    canvas.height = THUMB_SIZE;
    const side = Math.min(bitmap.width, bitmap.height);
    canvas.getContext('2d').drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side,
      0, 0, THUMB_SIZE, THUMB_SIZE);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.7));
    return blob ? URL.createObjectURL(blob) : '';
  } finally {
    bitmap.close();
  }
}
