// The upload queue. Every file is first hashed (SHA-256, HASH_CONCURRENCY at
// a time, in the order given) and the server asked, LOOKUP_BATCH hashes per
// request, which it already has (POST /api/photos/lookup): those are marked
// duplicates without being sent. The others go to POST /api/photos
// CONCURRENCY at a time, each as its own request (raw body, name in
// X-Filename) so each has its own progress. A file that fails on the network
// or with 502/503/504 is sent again after Retry-After (or a growing pause)
// until MAX_ATTEMPTS have failed, then it is 'failed' with the last reason;
// a 4xx refusal is final and keeps the server's reason. Any file not yet
// finished can be cancelled; a failed or cancelled one can be tried again.
// When the lookup cannot be made (an older server, a network failure) the
// files are sent anyway and the server still recognises duplicates.
import {csrfHeaders, sendJson} from './api.js';
import {hashFile} from './file_hash.js';

export const CONCURRENCY = 3;
export const HASH_CONCURRENCY = 2;
export const MAX_ATTEMPTS = 6;
export const LOOKUP_BATCH = 1000;  // the server's limit per lookup
// A lookup is sent once this many hashes wait, or when no file is left to hash.
const LOOKUP_EARLY = 100;
const RETRYABLE = new Set([0, 502, 503, 504]);
const FINISHED = new Set(['done', 'duplicate', 'refused', 'failed', 'cancelled']);

// One file's state: 'hashing' (waiting for or having its SHA-256 made),
// 'checking' (asking the server whether it has it), 'waiting', 'uploading',
// 'retrying', 'done', 'duplicate', 'refused' (the server said no), 'failed'
// (every attempt failed) or 'cancelled'.
export class UploadItem {
  // `target`: where the file goes, {album, meeting, credit}.
  constructor(file, target, index) {
    this.file = file;
    this.target = target;
    this.index = index;
    this.state = 'hashing';
    this.sha256 = null;
    this.sent = 0;
    this.attempt = 0;
    this.retryIn = 0;
    this.error = null;   // {code, message} when refused or failed
    this.photo = null;   // the photo JSON when stored, {id} when already known
    this.xhr = null;     // the request in flight
    this.wake = null;    // ends the pause before a retry
  }
  get finished() { return FINISHED.has(this.state); }
  get canCancel() { return !this.finished; }
  get canRetry() { return this.state === 'failed' || this.state === 'cancelled'; }
}

export class UploadQueue {
  // `onChange(item)` after every change.
  constructor(onChange) {
    this.items = [];
    this.running = 0;
    this.hashing = 0;
    this.checking = 0;
    this.hashed = [];   // items hashed, not yet looked up
    this.onChange = onChange;
  }

  // Queues `files` for `target` ({album, meeting, credit}); files queued
  // earlier keep their own target.
  add(files, target) {
    for (const file of files) this.items.push(new UploadItem(file, {...target}, this.items.length));
    this.pumpHashes();
  }

  get busy() { return this.items.some((item) => !item.finished); }

  totals() {
    const out = {total: this.items.length, done: 0, dup: 0, bad: 0, failed: 0, cancelled: 0, stored: 0, bytes: 0, sent: 0};
    for (const item of this.items) {
      if (item.state === 'cancelled') { out.cancelled++; out.done++; continue; }
      out.bytes += item.file.size;
      out.sent += item.finished ? item.file.size : item.sent;
      if (item.finished) out.done++;
      if (item.state === 'done') out.stored++;
      if (item.state === 'duplicate') out.dup++;
      if (item.state === 'refused') out.bad++;
      if (item.state === 'failed') out.failed++;
    }
    return out;
  }

  // Stops the file: a pending one is never sent, one in flight is aborted.
  cancel(item) {
    if (!item.canCancel) return;
    item.state = 'cancelled';
    item.sent = 0;
    if (item.xhr) item.xhr.abort();
    if (item.wake) item.wake();
    this.onChange(item);
  }

  // Tries a failed or cancelled file again, from the start.
  retry(item) {
    if (!item.canRetry) return;
    item.attempt = 0;
    item.error = null;
    item.sent = 0;
    item.state = item.sha256 ? 'waiting' : 'hashing';
    this.onChange(item);
    if (item.sha256) this.pump(); else this.pumpHashes();
  }

  pumpHashes() {
    while (this.hashing < HASH_CONCURRENCY) {
      const next = this.items.find((item) => item.state === 'hashing' && !item.hashStarted);
      if (!next) break;
      next.hashStarted = true;
      this.hashing++;
      hashFile(next.file).then((hex) => { next.sha256 = hex; }, () => { next.sha256 = null; }).finally(() => {
        this.hashing--;
        next.hashStarted = false;
        if (next.state === 'hashing') {
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
    const more = this.items.some((item) => item.state === 'hashing');
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
            item.sent = item.file.size;
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
    for (;;) {
      item.attempt++;
      item.state = 'uploading';
      item.sent = 0;
      this.onChange(item);
      const result = await this.post(item);
      if (item.state === 'cancelled') return;
      if (result.status === 201 || result.status === 200) {
        item.photo = result.body;
        item.state = result.body && result.body.duplicate ? 'duplicate' : 'done';
        item.sent = item.file.size;
        this.onChange(item);
        return;
      }
      const retryable = RETRYABLE.has(result.status);
      if (!retryable || item.attempt >= MAX_ATTEMPTS) {
        item.state = retryable ? 'failed' : 'refused';
        item.error = result.body && result.body.message
          ? {code: result.body.code, message: result.body.message, reason: result.body.reason || ''}
          : {code: result.status ? `http_${result.status}` : 'network', message: result.status ? `HTTP ${result.status}` : ''};
        this.onChange(item);
        return;
      }
      const asked = Number(result.retryAfter);
      item.retryIn = Number.isFinite(asked) && asked > 0 ? Math.min(asked, 60) : Math.min(2 ** (item.attempt - 1), 30);
      item.state = 'retrying';
      this.onChange(item);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, item.retryIn * 1000);
        item.wake = () => { clearTimeout(timer); resolve(); };
      });
      item.wake = null;
      if (item.state === 'cancelled') return;
    }
  }

  // One request: {status, body, retryAfter}; status 0 for a network failure.
  post(item) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      item.xhr = xhr;
      const done = (answer) => { item.xhr = null; resolve(answer); };
      const query = new URLSearchParams();
      for (const key of ['album', 'meeting', 'credit']) if (item.target[key]) query.set(key, item.target[key]);
      xhr.open('POST', '/api/photos' + (query.toString() ? `?${query}` : ''));
      xhr.setRequestHeader('Content-Type', item.file.type || 'application/octet-stream');
      xhr.setRequestHeader('X-Filename', encodeURIComponent(item.file.name));
      for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
      xhr.upload.addEventListener('progress', (e) => {
        if (item.state !== 'uploading') return;
        item.sent = e.loaded;
        this.onChange(item);
      });
      xhr.addEventListener('load', () => {
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
        done({status: xhr.status, body, retryAfter: xhr.getResponseHeader('Retry-After')});
      });
      xhr.addEventListener('error', () => done({status: 0, body: null, retryAfter: null}));
      xhr.addEventListener('abort', () => done({status: 0, body: null, retryAfter: null}));
      xhr.send(item.file);
    });
  }
}
