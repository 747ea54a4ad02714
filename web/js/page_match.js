// Which page an address is, by the page routes the server makes from its
// route table (page_routes.js).
import {PAGE_ROUTES} from './page_routes.js';

// "/albums/{slug}" as a regular expression capturing each "{name}" segment.
function patternRegExp(pattern) {
  const escaped = pattern.split(/\{[^/}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp('^' + escaped.join('([^/]+)') + '$');
}

const ROUTES = PAGE_ROUTES.map(({pattern, page}) => [patternRegExp(pattern), page]);

// {page, args} for `path` (its "{name}" segments decoded), or null when no
// page route matches it.
export function matchPage(path) {
  const clean = path.replace(/\/+$/, '') || '/';
  for (const [pattern, page] of ROUTES) {
    const m = pattern.exec(clean);
    if (m) return {page, args: m.slice(1).map(decodeURIComponent)};
  }
  return null;
}

// The address of the first page route named `page`, its "{name}" segments
// filled in order from `args` (encoded).
export function pagePath(page, ...args) {
  const route = PAGE_ROUTES.find((r) => r.page === page);
  if (!route) return '';
  let i = 0;
  return route.pattern.replace(/\{[^/}]+\}/g, () => encodeURIComponent(String(args[i++] ?? '')));
}
