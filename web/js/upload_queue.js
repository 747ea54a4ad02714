// The upload queue. Every file is first hashed (SHA-256, HASH_CONCURRENCY at
// a time, in the order given) and the server asked, LOOKUP_BATCH hashes per
// request, which it already has (POST /api/photos/lookup): those are marked
// duplicates without being sent. The others are sent as resumable uploads
// (tus 1.0.0 at /api/uploads, through the vendor bundle /static/vendor/tus.js,
// imported only when a first file is sent), CONCURRENCY at a time, in chunks
// of at most what the server takes in one request (its OPTIONS answer's
// Upload-Max-Chunk-Size). Every chunk the server acknowledged stays there:
// after a network failure the upload asks the server where it stands (HEAD)
// and goes on from there, so no acknowledged byte is sent twice.
//
// A file that fails on the network or with 409/423/5xx is tried again after
// Retry-After (or a growing pause) until MAX_ATTEMPTS in a row have failed
// without a byte acknowledged, then it is 'failed' with the last reason;
// while the browser is offline a file waits for the network ('offline')
// without using its attempts. A 4xx refusal is final and keeps the server's
// reason. Any file not yet finished can be cancelled (its upload is ended on
// the server: tus termination); a failed or cancelled one can be tried again.
//
// The queue (each file's name, size, hash, target, state and upload address)
// is kept in localStorage, so a reload or a new browser session finds it: the
// files still unfinished are 'missing' until the user chooses them again
// (a page cannot reopen a file by itself); a file chosen again is matched
// to its entry by name and size, confirmed by its hash, and resumes where
// the server stands. When the lookup cannot be made (an older server, a
// network failure) the files are sent anyway and the server still
// recognises duplicates.
import {csrfHeaders, sendJson} from './api.js';
import {hashFile} from './file_hash.js';

export const CONCURRENCY = 3;
export const HASH_CONCURRENCY = 2;
export const MAX_ATTEMPTS = 6;
export const LOOKUP_BATCH = 1000;  // the server's limit per lookup
export const ENDPOINT = '/api/uploads';
// The largest chunk the page sends, even to a server that takes more: a cut
// resends at most the unacknowledged part of one chunk.
export const MAX_CHUNK = 8 << 20;
// A lookup is sent once this many hashes wait, or when no file is left to hash.
const LOOKUP_EARLY = 100;
const RETRYABLE = new Set([0, 409, 423, 500, 502, 503, 504]);
const FINISHED = new Set(['done', 'duplicate', 'refused', 'failed', 'cancelled']);
const STORE_VERSION = 1;

let vendor = null;
// The resumable upload client, fetched once, only when a file is sent.
function tusClient() {
  if (!vendor) vendor = import('../vendor/tus.js').catch((e) => { vendor = null; throw e; });
  return vendor;
}

let chunkSize = null;
// The chunk size: the server's Upload-Max-Chunk-Size, at most MAX_CHUNK.
function serverChunkSize() {
  if (!chunkSize) {
    chunkSize = fetch(ENDPOINT, {method: 'OPTIONS', credentials: 'same-origin', headers: csrfHeaders()}).then((r) => {
      const n = Number(r.headers.get('Upload-Max-Chunk-Size'));
      return Number.isFinite(n) && n > 0 ? Math.min(n, MAX_CHUNK) : MAX_CHUNK;
    }, () => { chunkSize = null; return MAX_CHUNK; });
  }
  return chunkSize;
}

// One file's state: 'hashing' (waiting for or having its SHA-256 made),
// 'checking' (asking the server whether it has it), 'waiting', 'uploading',
// 'retrying', 'offline' (waiting for the network), 'missing' (known from an
// earlier page, its file to be chosen again), 'done', 'duplicate',
// 'refused' (the server said no), 'failed' (every attempt failed) or
// 'cancelled'.
export class UploadItem {
  // `target`: where the file goes, {album, meeting, credit}. `file` is null
  // for an entry restored from storage until its file is chosen again.
  constructor(file, target, index, saved = null) {
    this.file = file;
    this.name = file ? file.name : saved.name;
    this.size = file ? file.size : saved.size;
    this.target = target;
    this.index = index;
    this.state = 'hashing';
    this.sha256 = null;
    this.sent = 0;
    this.attempt = 0;
    this.retryIn = 0;
    this.error = null;   // {code, message, reason} when refused or failed
    this.photo = null;   // the photo JSON when stored, {id} when already known
    this.url = null;     // the resumable upload's address, once created
    this.upload = null;  // the tus upload in flight
    this.wake = null;    // ends the pause before a retry, or the wait for the network
  }
  get finished() { return FINISHED.has(this.state); }
  get canCancel() { return !this.finished; }
  get canRetry() { return this.state === 'failed' || this.state === 'cancelled'; }
}

export class UploadQueue {
  // `onChange(item)` after every change. `storeKey`: the localStorage key the
  // queue is kept under (one per account), or null to keep nothing.
  constructor(onChange, storeKey = null) {
    this.items = [];
    this.running = 0;
    this.hashing = 0;
    this.checking = 0;
    this.hashed = [];   // items hashed, not yet looked up
    this.onChange = (item) => { this.changed(); onChange(item); };
    this.storeKey = storeKey;
    this.saveTimer = 0;
    this.onOnline = () => {
      for (const item of this.items) if (item.state === 'offline' && item.wake) item.wake();
    };
    window.addEventListener('online', this.onOnline);
    window.addEventListener('pagehide', () => this.save());
  }

  // Queues `files` for `target` ({album, meeting, credit}); files queued
  // earlier keep their own target. A file that matches a 'missing' entry
  // (the same name and size) takes that entry's place and, once its hash
  // confirms it, resumes its upload. Returns the number of files matched.
  add(files, target) {
    let matched = 0;
    for (const file of files) {
      const missing = this.items.find((item) => item.state === 'missing' && !item.file &&
        item.name === file.name && item.size === file.size);
      if (missing) {
        missing.file = file;
        missing.state = 'hashing';
        matched++;
        this.onChange(missing);
        continue;
      }
      this.items.push(new UploadItem(file, {...target}, this.items.length));
    }
    this.save();
    this.pumpHashes();
    return matched;
  }

  // Not counting files that wait to be chosen again: nothing would be lost.
  get busy() { return this.items.some((item) => !item.finished && item.state !== 'missing'); }
  get missing() { return this.items.filter((item) => item.state === 'missing').length; }

  totals() {
    const out = {total: this.items.length, done: 0, dup: 0, bad: 0, failed: 0, cancelled: 0, stored: 0, bytes: 0,
      sent: 0, missing: 0};
    for (const item of this.items) {
      if (item.state === 'cancelled') { out.cancelled++; out.done++; continue; }
      out.bytes += item.size;
      out.sent += item.finished ? item.size : item.sent;
      if (item.finished) out.done++;
      if (item.state === 'done') out.stored++;
      if (item.state === 'duplicate') out.dup++;
      if (item.state === 'refused') out.bad++;
      if (item.state === 'failed') out.failed++;
      if (item.state === 'missing') out.missing++;
    }
    return out;
  }

  // Stops the file: a pending one is never sent, one in flight is aborted and
  // its upload ended on the server (tus termination).
  cancel(item) {
    if (!item.canCancel) return;
    const wasMissing = item.state === 'missing';
    item.state = 'cancelled';
    item.sent = 0;
    const upload = item.upload;
    item.upload = null;
    if (upload) {
      upload.abort(true).catch(() => {});
      if (item.stop) item.stop();
    } else if (item.url) {
      this.terminate(item.url);
    }
    item.url = null;
    if (wasMissing) item.file = null;
    if (item.wake) item.wake();
    this.onChange(item);
  }

  // Ends an upload the page no longer follows (a missing file cancelled).
  terminate(url) {
    fetch(url, {method: 'DELETE', credentials: 'same-origin',
      headers: {'Tus-Resumable': '1.0.0', ...csrfHeaders()}}).catch(() => {});
  }

  // Tries a failed or cancelled file again, from where the server stands
  // (a cancelled one from the start).
  retry(item) {
    if (!item.canRetry) return;
    item.attempt = 0;
    item.error = null;
    item.sent = 0;
    if (!item.file) {
      item.state = 'missing';
      this.onChange(item);
      return;
    }
    item.state = item.sha256 ? 'waiting' : 'hashing';
    this.onChange(item);
    if (item.sha256) this.pump(); else this.pumpHashes();
  }

  pumpHashes() {
    while (this.hashing < HASH_CONCURRENCY) {
      const next = this.items.find((item) => item.state === 'hashing' && item.file && !item.hashStarted);
      if (!next) break;
      next.hashStarted = true;
      this.hashing++;
      const expected = next.sha256;  // a restored entry's hash, to confirm the file chosen again
      hashFile(next.file).then((hex) => { next.sha256 = hex; }, () => { next.sha256 = null; }).finally(() => {
        this.hashing--;
        next.hashStarted = false;
        if (next.state === 'hashing') {
          if (expected && next.sha256 !== expected && next.url) {
            // Another file of the same name and size: its own upload, from the start.
            this.terminate(next.url);
            next.url = null;
            next.sent = 0;
          }
          if (next.sha256) {
            next.state = 'checking';
            this.hashed.push(next);
          } else {
            next.state = 'waiting';  // unreadable here: the server will say why
          }
          this.onChange(next);
        }
        this.pumpHashes();
        this.pump();
      });
    }
    const more = this.items.some((item) => item.state === 'hashing' && item.file);
    if (this.hashed.length >= LOOKUP_EARLY || (!more && this.hashed.length)) this.lookUp();
  }

  // Asks the server about the hashed files, LOOKUP_BATCH at a time.
  lookUp() {
    while (this.hashed.length) {
      const batch = this.hashed.splice(0, LOOKUP_BATCH);
      this.checking++;
      this.postLookup(batch.map((item) => item.sha256)).then((known) => {
        this.checking--;
        for (const item of batch) {
          if (item.state !== 'checking') continue;
          const id = known.get(item.sha256);
          if (id !== undefined) {
            item.state = 'duplicate';
            item.photo = {id};
            item.sent = item.size;
            if (item.url) { this.terminate(item.url); item.url = null; }
          } else {
            item.state = 'waiting';
          }
          this.onChange(item);
        }
        this.pump();
      });
    }
  }

  // Resolves to Map(sha256 -> id) of what the server has; empty when it
  // could not be asked.
  async postLookup(hashes) {
    try {
      const body = await sendJson('POST', '/api/photos/lookup', {sha256: hashes});
      return new Map((body.known || []).map((k) => [k.sha256, k.id]));
    } catch {
      return new Map();
    }
  }

  pump() {
    while (this.running < CONCURRENCY) {
      const next = this.items.find((item) => item.state === 'waiting');
      if (!next) return;
      this.running++;
      this.send(next).finally(() => { this.running--; this.pump(); });
    }
  }

  async send(item) {
    item.attempt = 0;
    for (;;) {
      item.attempt++;
      item.state = 'uploading';
      this.onChange(item);
      const before = item.acknowledged || 0;
      const result = await this.attempt(item);
      if (item.state === 'cancelled') return;
      if (result.ok) {
        await this.settle(item, result);
        return;
      }
      // Bytes acknowledged since the last failure: the link works, the count starts again.
      if ((item.acknowledged || 0) > before) item.attempt = 1;
      if (result.status === 0 && navigator.onLine === false) {
        item.attempt--;  // not the file's fault: wait for the network
        item.state = 'offline';
        this.onChange(item);
        await this.pause(item, 0);
        if (item.state === 'cancelled') return;
        continue;
      }
      const retryable = RETRYABLE.has(result.status);
      if (!retryable || item.attempt >= MAX_ATTEMPTS) {
        item.state = retryable ? 'failed' : 'refused';
        item.error = result.body && result.body.message
          ? {code: result.body.code, message: result.body.message, reason: result.body.reason || ''}
          : {code: result.status ? `http_${result.status}` : 'network', message: result.status ? `HTTP ${result.status}` : ''};
        if (!retryable && item.url) { this.terminate(item.url); item.url = null; }
        this.onChange(item);
        return;
      }
      const asked = Number(result.retryAfter);
      item.retryIn = Number.isFinite(asked) && asked > 0 ? Math.min(asked, 60) : Math.min(2 ** (item.attempt - 1), 30);
      item.state = 'retrying';
      this.onChange(item);
      await this.pause(item, item.retryIn * 1000);
      if (item.state === 'cancelled') return;
    }
  }

  // Waits `ms` (0: until the browser is back online), or until woken.
  pause(item, ms) {
    return new Promise((resolve) => {
      const timer = ms ? setTimeout(resolve, ms) : 0;
      item.wake = () => { clearTimeout(timer); resolve(); };
    }).finally(() => { item.wake = null; });
  }

  // The file's photo from the last answer: the ingest's JSON, or (when the
  // upload was found complete on resuming) the upload's state; a complete
  // upload the server could not ingest yet (it was busy) is asked again
  // with an empty PATCH at its end, as the protocol allows.
  async settle(item, result) {
    let body = result.body;
    if (!(body && body.id) && item.url) {
      const tus = {'Tus-Resumable': '1.0.0'};
      try {
        const state = await (await fetch(item.url, {credentials: 'same-origin', headers: tus})).json();
        if (state.photo_id) {
          body = {id: state.photo_id};
        } else if (!state.error && state.offset === state.length) {
          const again = await fetch(item.url, {method: 'PATCH', credentials: 'same-origin',
            headers: {...tus, ...csrfHeaders(), 'Upload-Offset': String(state.length),
              'Content-Type': 'application/offset+octet-stream'}});
          const answer = await again.json().catch(() => null);
          if (again.ok) {
            body = answer;
          } else {
            item.state = again.status >= 500 ? 'failed' : 'refused';
            item.error = answer && answer.message
              ? {code: answer.code, message: answer.message, reason: answer.reason || ''}
              : {code: `http_${again.status}`, message: `HTTP ${again.status}`};
            if (item.state === 'refused') item.url = null;  // a failed one resumes on Retry
            this.onChange(item);
            return;
          }
        } else if (state.error) {
          item.state = 'refused';
          item.error = {code: state.error.code, message: state.error.message || '', reason: state.error.reason || ''};
          item.url = null;
          this.onChange(item);
          return;
        }
      } catch { /* the photo is there; only its id is unknown */ }
    }
    item.photo = body && body.id ? body : null;
    item.state = body && body.duplicate ? 'duplicate' : 'done';
    item.sent = item.size;
    item.url = null;
    this.onChange(item);
  }

  // One run of the tus upload until it succeeds or fails:
  // {ok, status, body, retryAfter}; status 0 for a network failure.
  async attempt(item) {
    let tus;
    let chunk;
    try {
      [tus, chunk] = await Promise.all([tusClient(), serverChunkSize()]);
    } catch {
      return {ok: false, status: 0, body: null, retryAfter: null};
    }
    if (item.state === 'cancelled') return {ok: false, status: 0, body: null, retryAfter: null};
    return new Promise((settled) => {
      const resolve = (answer) => { item.stop = null; settled(answer); };
      item.stop = () => resolve({ok: false, status: 0, body: null, retryAfter: null});
      const metadata = {filename: item.name};
      if (item.file.type) metadata.filetype = item.file.type;  // the server refuses what is no image before its bytes
      for (const key of ['album', 'meeting', 'credit']) if (item.target[key]) metadata[key] = item.target[key];
      const answer = (response) => {
        if (!response) return {status: 0, body: null, retryAfter: null};
        let body = null;
        try { body = JSON.parse(response.getBody()); } catch { /* not JSON */ }
        return {status: response.getStatus(), body, retryAfter: response.getHeader('Retry-After')};
      };
      const upload = new tus.Upload(item.file, {
        endpoint: ENDPOINT,
        uploadUrl: item.url,
        chunkSize: chunk,
        uploadDataDuringCreation: true,
        retryDelays: null,  // the queue retries, with the page's own pauses and messages
        storeFingerprintForResuming: false,  // the queue keeps the addresses itself
        metadata,
        onBeforeRequest: (req) => {
          for (const [name, value] of Object.entries(csrfHeaders())) req.setHeader(name, value);
        },
        onUploadUrlAvailable: () => {
          item.url = new URL(upload.url, window.location.href).pathname;
          this.save();
        },
        onProgress: (sent) => {
          if (item.state !== 'uploading') return;
          item.sent = sent;
          this.onChange(item);
        },
        onChunkComplete: (_size, acknowledged) => {
          item.acknowledged = acknowledged;
        },
        onSuccess: (payload) => {
          item.upload = null;
          resolve({ok: true, ...answer(payload && payload.lastResponse)});
        },
        onError: (err) => {
          item.upload = null;
          resolve({ok: false, ...answer(err && err.originalResponse)});
        },
      });
      item.upload = upload;
      upload.start();
    });
  }

  // Keeps the queue in localStorage (soon after a change; at once when an
  // upload's address is new or the page is left). Nothing is kept once every
  // file is finished.
  changed() {
    if (!this.storeKey || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.save(), 250);
  }

  save() {
    if (!this.storeKey) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = 0;
    try {
      if (!this.items.some((item) => !item.finished)) {
        localStorage.removeItem(this.storeKey);
        return;
      }
      const items = this.items.map((item) => ({
        name: item.name, size: item.size, sha256: item.sha256, target: item.target, url: item.url,
        state: item.finished ? item.state : 'missing', sent: item.finished ? item.size : item.sent,
        photo: item.photo && item.photo.id ? {id: item.photo.id} : null, error: item.error,
        attempt: item.attempt,
      }));
      localStorage.setItem(this.storeKey, JSON.stringify({v: STORE_VERSION, items}));
    } catch { /* storage full or refused: the queue still runs in this page */ }
  }

  // The queue a previous page kept, its unfinished files 'missing'. Returns
  // the number of them.
  restore() {
    if (!this.storeKey) return 0;
    let kept;
    try {
      kept = JSON.parse(localStorage.getItem(this.storeKey) || 'null');
    } catch {
      kept = null;
    }
    if (!kept || kept.v !== STORE_VERSION || !Array.isArray(kept.items)) return 0;
    for (const saved of kept.items) {
      if (typeof saved.name !== 'string' || !Number.isFinite(saved.size)) continue;
      const item = new UploadItem(null, saved.target || {}, this.items.length, saved);
      item.sha256 = typeof saved.sha256 === 'string' ? saved.sha256 : null;
      item.url = typeof saved.url === 'string' && saved.url.startsWith(`${ENDPOINT}/`) ? saved.url : null;
      item.state = FINISHED.has(saved.state) ? saved.state : 'missing';
      item.sent = Number(saved.sent) || 0;
      item.photo = saved.photo && saved.photo.id ? {id: saved.photo.id} : null;
      item.error = saved.error || null;
      item.attempt = Number(saved.attempt) || 0;
      this.items.push(item);
    }
    return this.missing;
  }

  // Forgets the files still missing (their uploads ended on the server).
  forgetMissing() {
    for (const item of this.items) if (item.state === 'missing') this.cancel(item);
  }
}
