// Building the page from data without ever parsing data as HTML: every text
// goes in through textContent, every attribute through setAttribute, and
// event handlers are functions, never attribute strings.

// h('a', {class: 'x', href: '/p', text: 'label', on: {click: fn}}, child...)
// Children are nodes or strings (strings become text nodes); null and false
// children are skipped.
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = value;
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else if (key === 'value') node.value = value;
    else if (key === 'checked' || key === 'disabled' || key === 'hidden' || key === 'multiple') node[key] = Boolean(value);
    else if (key.startsWith('on')) throw new Error(`event handler attribute ${key} refused`);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Removes every child of `node`, then appends `children`.
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

// A same-origin path, or '' for anything else (so data never becomes a
// javascript: or foreign address).
export function safePath(url) {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : '';
}

// Announces `message` to screen readers through the page's live region.
export function announce(message) {
  let region = document.getElementById('live-region');
  if (!region) {
    region = h('div', {id: 'live-region', class: 'visually-hidden', 'aria-live': 'polite', role: 'status'});
    document.body.append(region);
  }
  region.textContent = message;
}

// Copies the text of `field` (an input or textarea) to the clipboard and
// says so in `status` and to screen readers; without a clipboard (not a
// secure context, or refused) the text is selected for the reader to copy.
export async function copyField(field, status, {copied, failed}) {
  try {
    await navigator.clipboard.writeText(field.value);
    status.textContent = copied;
  } catch {
    field.focus();
    field.select();
    status.textContent = failed;
  }
  announce(status.textContent);
}
