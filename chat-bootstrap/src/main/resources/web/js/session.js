// Where the token and the API address come from, and where they are kept.
//
// No endpoint ever hands out tokens: a login service issues them. The demo prints, per
// account, a link such as http://127.0.0.1:9003/#token=eyJ… that signs in with one click.
// The token is kept in sessionStorage (this tab only, gone when the tab closes).

const TOKEN_KEY = 'friendchat.token';
const API_KEY = 'friendchat.api';

/**
 * Reads `#token=…` from the address, then removes it from the address bar and from the
 * history entry, so the token is not bookmarked, shared or shown over someone's shoulder.
 */
export function takeTokenFromFragment() {
  const fragment = window.location.hash.replace(/^#/, '');
  if (fragment === '') return null;
  const token = new URLSearchParams(fragment).get('token');
  if (token === null) return null;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return cleanToken(token);
}

/** Accepts a pasted token with stray white space or a leading "Bearer ". */
export function cleanToken(text) {
  // A token never holds white space: any is an artefact of copying (a wrapped line, say).
  const token = String(text ?? '').trim().replace(/^Bearer\s+/i, '').replace(/\s+/g, '');
  return token === '' ? null : token;
}

/** `?api=http://host:port` in the page's address, when the API lives elsewhere. */
export function apiBaseFromQuery() {
  const value = new URLSearchParams(window.location.search).get('api');
  return value === null ? null : normalizeApiBase(value);
}

/** The page's own origin, the default API base; null when the page is not served over http(s). */
export function pageOrigin() {
  const { protocol, origin } = window.location;
  return protocol === 'http:' || protocol === 'https:' ? origin : null;
}

/** "http://host:9003/" → "http://host:9003"; null when it is not an http(s) address. */
export function normalizeApiBase(text) {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') return null;
  let url;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

export function storedToken() {
  return read(TOKEN_KEY);
}

export function storeToken(token) {
  write(TOKEN_KEY, token);
}

export function storedApiBase() {
  return read(API_KEY);
}

/** Remembers an API base chosen by the user; null forgets it (back to the page's origin). */
export function storeApiBase(base) {
  write(API_KEY, base);
}

export function forgetToken() {
  write(TOKEN_KEY, null);
}

// sessionStorage can throw (storage disabled, some private modes): the page then works
// for the current load only.
function read(key) {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // see read()
  }
}
