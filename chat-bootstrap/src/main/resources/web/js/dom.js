// Tiny DOM helpers. Text always goes in through textContent or text nodes, never as HTML:
// a message such as "<script>alert(1)</script>" is shown verbatim, and nothing in this
// page ever assigns innerHTML.

/** document.querySelector that fails loudly when the page and the script disagree. */
export function $(selector) {
  const node = document.querySelector(selector);
  if (node === null) throw new Error(`missing element ${selector}`);
  return node;
}

/**
 * Creates an element. `props`: `class`, `text` (set as textContent), `dataset`, or any
 * attribute. Children are nodes or strings (strings become text nodes).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/**
 * A round picture. When the URL is missing, not http(s), or fails to load, the initials
 * of the name are shown instead (class `avatar-fallback`).
 */
export function avatar(pictureUrl, name) {
  const box = el('span', { class: 'avatar', 'aria-hidden': 'true', dataset: { picture: pictureUrl ?? '' } });
  const url = safeImageUrl(pictureUrl);
  if (url === null) {
    showInitials(box, name);
    return box;
  }
  const image = el('img', { alt: '', decoding: 'async', referrerpolicy: 'no-referrer' });
  image.addEventListener('error', () => showInitials(box, name), { once: true });
  image.src = url;
  box.append(image);
  return box;
}

function showInitials(box, name) {
  box.classList.add('avatar-fallback');
  box.replaceChildren(initialsOf(name));
}

/** "Ayman Reifoun" → "AR"; "" → "?". Code points, not UTF-16 units, so emoji stay whole. */
export function initialsOf(name) {
  const words = String(name ?? '').trim().split(/\s+/u).filter(Boolean);
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0]);
  return letters.length === 0 ? '?' : letters.join('').toLocaleUpperCase();
}

function safeImageUrl(text) {
  if (typeof text !== 'string' || text === '') return null;
  try {
    const url = new URL(text, window.location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

// Times come as "yyyy-MM-dd HH:mm:ss" in the server's CHAT_TIME_ZONE, with no offset:
// they are shown as sent, never converted.

/** "2024-09-28 14:41:27" → "14:41". */
export function clockOf(time) {
  const match = /^\d{4}-\d{2}-\d{2} (\d{2}:\d{2})/.exec(time ?? '');
  return match ? match[1] : String(time ?? '');
}

/** "2024-09-28 14:41:27" → "2024-09-28". */
export function dayOf(time) {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(time ?? '');
  return match ? match[1] : '';
}

/** Inbox style: the hour for today's messages, the date for older ones. */
export function shortTime(time) {
  const today = new Date();
  const local = [today.getFullYear(), today.getMonth() + 1, today.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('-');
  return dayOf(time) === local ? clockOf(time) : dayOf(time) || String(time ?? '');
}
