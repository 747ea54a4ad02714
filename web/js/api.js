// Talking to the server's JSON API. Reads carry the page's share link (a
// private album opened through ?share=) when there is one; writes made with
// the session cookie carry the session's CSRF token.
import {API_ROUTES} from './page_routes.js';

export class ApiError extends Error {
  constructor(status, code, message, retryAfter = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

let sessionInfo = null;

// The share secret this page was opened with, or ''.
export function shareToken() {
  return new URLSearchParams(location.search).get('share') || '';
}

// `path` with the page's share secret added to its query (for media URLs
// and links to the album's own pages).
export function withShare(path) {
  const share = shareToken();
  if (!share || !path) return path;
  return path + (path.includes('?') ? '&' : '?') + 'share=' + encodeURIComponent(share);
}

export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

// An ApiError from a failed response: the JSON error's code and message
// when the body is one, else the status text.
export async function errorFrom(response) {
  let code = 'http_' + response.status;
  let message = response.statusText || `HTTP ${response.status}`;
  try {
    const body = await response.json();
    if (body && typeof body.message === 'string') ({code, message} = body);
  } catch { /* not JSON */ }
  return new ApiError(response.status, code, message, response.headers.get('Retry-After'));
}

function headers(extra = {}) {
  const out = {Accept: 'application/json', ...extra};
  const share = shareToken();
  if (share) out['X-Share-Token'] = share;
  return out;
}

export async function getJson(path, params = {}) {
  const response = await fetch(apiUrl(path, params), {headers: headers(), credentials: 'same-origin'});
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}

// The session's CSRF header, for writes.
export function csrfHeaders() {
  return sessionInfo && sessionInfo.csrf_token ? {'X-CSRF-Token': sessionInfo.csrf_token} : {};
}

// Sends `body` as JSON with `method`; the parsed answer, or throws ApiError.
export async function sendJson(method, path, body) {
  const init = {method, credentials: 'same-origin', headers: headers({...csrfHeaders()})};
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, init);
  if (!response.ok) throw await errorFrom(response);
  return response.status === 204 ? null : response.json();
}

// Who is signed in: {authenticated, name, role, csrf_token}. Asked once per page.
export async function session() {
  if (!sessionInfo) {
    try {
      sessionInfo = await getJson('/api/session');
    } catch {
      sessionInfo = {authenticated: false};
    }
  }
  return sessionInfo;
}

export function isEditor() {
  return Boolean(sessionInfo && sessionInfo.authenticated && sessionInfo.role !== 'viewer');
}

export function isAdmin() {
  return Boolean(sessionInfo && sessionInfo.authenticated && sessionInfo.role === 'admin');
}

// The editors' administration module (editor_collections.js), fetched only
// for an editor or admin; null for anyone else.
export function editorModule() {
  return isEditor() ? import('./editor_collections.js') : Promise.resolve(null);
}

// Logs in; a live session's CSRF token goes along, so switching users works.
export async function login(name, password) {
  const info = await sendJson('POST', '/api/session', {name, password});
  sessionInfo = info;
  return info;
}

export async function logout() {
  await sendJson('DELETE', '/api/session');
  sessionInfo = {authenticated: false};
}

const API_ROUTE_SET = new Set(API_ROUTES);

// True when the server has the route "METHOD /pattern" (from its route
// table, as page_routes.js lists it), so the pages offer only what the server
// does.
export async function hasRoute(method, pattern) {
  return API_ROUTE_SET.has(`${method} ${pattern}`);
}
