// Bulk upload (/upload): drop or pick many files, choose meeting, album and
// credit, and watch each file's progress and the whole. Duplicates are
// marked, refused files listed with the server's reason; leaving while files
// are still going asks first.
import {getJson, isEditor} from './api.js';
import {announce, h, replace} from './dom.js';
import {pick, t} from './i18n.js';
import {field} from './photo_browser.js';
import {UploadQueue} from './upload_queue.js';

export async function renderUpload(main) {
  document.title = `${t('upload_title')} · ${t('site_title')}`;
  if (!isEditor()) {
    replace(main, h('h1', {text: t('upload_title')}),
      h('p', {}, h('a', {href: '/login?next=/upload', text: t('upload_need_login')})));
    return;
  }
  const [meetings, albums] = await Promise.all([getJson('/api/meetings'), getJson('/api/albums', {limit: 500})]);
  const meeting = h('select', {id: 'up-meeting'}, h('option', {value: '', text: t('none')}),
    meetings.items.map((m) => h('option', {value: m.slug, text: pick(m.title) || m.slug})));
  const album = h('select', {id: 'up-album'}, h('option', {value: '', text: t('none')}),
    albums.items.map((a) => h('option', {value: a.slug, text: pick(a.title) || a.slug})));
  const credit = h('input', {type: 'text', id: 'up-credit', 'aria-describedby': 'up-credit-hint'});
  const picker = h('input', {type: 'file', id: 'up-files', multiple: true, accept: 'image/*', class: 'visually-hidden'});
  const drop = h('div', {class: 'drop-zone', id: 'drop-zone'},
    h('p', {}, `${t('upload_drop')} `, h('label', {for: 'up-files', class: 'pick-label', text: t('upload_pick')})), picker);
  const overall = h('progress', {id: 'up-overall', max: 1, value: 0, 'aria-labelledby': 'up-overall-label'});
  const summary = h('p', {class: 'summary', id: 'up-summary', role: 'status'});
  const list = h('ul', {class: 'upload-list', 'aria-label': t('upload_files')});
  const refused = h('ul', {class: 'refused-list', id: 'up-refused'});
  const refusedSection = h('section', {hidden: true, 'aria-labelledby': 'refused-heading'},
    h('h2', {id: 'refused-heading', text: t('upload_refused')}), refused);
  const rows = new Map();

  const queue = new UploadQueue((item) => {
    drawItem(rows, list, refused, item);
    refusedSection.hidden = !refused.children.length;
    const totals = queue.totals();
    overall.max = Math.max(totals.bytes, 1);
    overall.value = totals.sent;
    summary.textContent = t('upload_summary', totals);
    if (totals.done === totals.total) announce(summary.textContent);
  });
  const start = (files) => {
    if (!files.length) return;
    queue.add([...files], {meeting: meeting.value, album: album.value, credit: credit.value.trim()});
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
    drop,
    h('div', {class: 'overall'}, h('span', {id: 'up-overall-label', text: t('upload_overall')}), overall, summary),
    list, refusedSection);
}

function stateText(item) {
  switch (item.state) {
    case 'waiting': return t('st_waiting');
    case 'uploading': return t('st_uploading');
    case 'retrying': return t('st_retrying', {s: item.retryIn, n: item.attempt + 1});
    case 'done': return t('st_done');
    case 'duplicate': return t('st_duplicate');
    case 'failed': return `${t('st_failed', {n: item.attempt})}: ${reasonOf(item)}`;
    default: return `${t('st_refused')}: ${reasonOf(item)}`;
  }
}

// Why a file was not stored: the server's message, or the network's failure.
function reasonOf(item) {
  if (!item.error) return '';
  return item.error.message || (item.error.code === 'network' ? t('network_error') : item.error.code);
}

function drawItem(rows, list, refused, item) {
  let row = rows.get(item);
  if (!row) {
    const bar = h('progress', {max: Math.max(item.file.size, 1), value: 0, 'aria-label': item.file.name});
    const status = h('span', {class: 'state'});
    const link = h('span', {class: 'link'});
    row = {li: h('li', {class: 'upload-item'}, h('span', {class: 'name', text: item.file.name}), bar, status, link),
      bar, status, link};
    rows.set(item, row);
    list.append(row.li);
  }
  row.bar.value = item.finished ? row.bar.max : item.sent;
  row.status.textContent = stateText(item);
  row.li.dataset.state = item.state;
  if (item.photo && !row.link.firstChild) {
    row.link.append(h('a', {href: `/photos/${encodeURIComponent(item.photo.id)}`, text: `#${item.photo.id}`}));
  }
  if ((item.state === 'refused' || item.state === 'failed') && !row.refused) {
    row.refused = h('li', {'data-state': item.state}, h('span', {class: 'name', text: item.file.name}), ': ',
      h('span', {class: 'reason', text: item.state === 'failed' ? stateText(item) : reasonOf(item)}));
    refused.append(row.refused);
  }
}
