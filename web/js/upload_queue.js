// Sends files to POST /api/photos a few at a time, each as its own request
// (raw body, name in X-Filename) so each has its own progress. A file that
// fails on the network or with 502/503/504 is sent again after Retry-After
// (or a growing pause) until MAX_ATTEMPTS have failed, then it is 'failed'
// with the last reason; a 4xx refusal is final and keeps the server's reason.
import {csrfHeaders} from './api.js';

export const CONCURRENCY = 3;
export const MAX_ATTEMPTS = 6;
const RETRYABLE = new Set([0, 502, 503, 504]);

// One file's state: 'waiting', 'uploading', 'retrying', 'done', 'duplicate',
// 'refused' (the server said no) or 'failed' (every attempt failed).
export class UploadItem {
  // `target`: where the file goes, {album, meeting, credit}.
  constructor(file, target) {
    this.file = file;
    this.target = target;
    this.state = 'waiting';
    this.sent = 0;
    this.attempt = 0;
    this.retryIn = 0;
    this.error = null;   // {code, message} when refused or failed
    this.photo = null;   // the photo JSON when stored
  }
  get finished() { return ['done', 'duplicate', 'refused', 'failed'].includes(this.state); }
}

export class UploadQueue {
  // `onChange(item)` after every change.
  constructor(onChange) {
    this.items = [];
    this.running = 0;
    this.onChange = onChange;
  }

  // Queues `files` for `target` ({album, meeting, credit}); files queued
  // earlier keep their own target.
  add(files, target) {
    for (const file of files) this.items.push(new UploadItem(file, {...target}));
    this.pump();
  }

  get busy() { return this.items.some((item) => !item.finished); }

  totals() {
    const out = {total: this.items.length, done: 0, dup: 0, bad: 0, failed: 0, bytes: 0, sent: 0};
    for (const item of this.items) {
      out.bytes += item.file.size;
      out.sent += item.finished ? item.file.size : item.sent;
      if (item.finished) out.done++;
      if (item.state === 'duplicate') out.dup++;
      if (item.state === 'refused') out.bad++;
      if (item.state === 'failed') out.failed++;
    }
    return out;
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
          ? {code: result.body.code, message: result.body.message}
          : {code: result.status ? `http_${result.status}` : 'network', message: result.status ? `HTTP ${result.status}` : ''};
        this.onChange(item);
        return;
      }
      const asked = Number(result.retryAfter);
      item.retryIn = Number.isFinite(asked) && asked > 0 ? Math.min(asked, 60) : Math.min(2 ** (item.attempt - 1), 30);
      item.state = 'retrying';
      this.onChange(item);
      await new Promise((resolve) => setTimeout(resolve, item.retryIn * 1000));
    }
  }

  // One request: {status, body, retryAfter}; status 0 for a network failure.
  post(item) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      const query = new URLSearchParams();
      for (const key of ['album', 'meeting', 'credit']) if (item.target[key]) query.set(key, item.target[key]);
      xhr.open('POST', '/api/photos' + (query.toString() ? `?${query}` : ''));
      xhr.setRequestHeader('Content-Type', item.file.type || 'application/octet-stream');
      xhr.setRequestHeader('X-Filename', encodeURIComponent(item.file.name));
      for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
      xhr.upload.addEventListener('progress', (e) => {
        item.sent = e.loaded;
        this.onChange(item);
      });
      xhr.addEventListener('load', () => {
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
        resolve({status: xhr.status, body, retryAfter: xhr.getResponseHeader('Retry-After')});
      });
      xhr.addEventListener('error', () => resolve({status: 0, body: null, retryAfter: null}));
      xhr.addEventListener('abort', () => resolve({status: 0, body: null, retryAfter: null}));
      xhr.send(item.file);
    });
  }
}
