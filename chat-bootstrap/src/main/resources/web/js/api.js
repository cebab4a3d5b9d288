// A small client for the friendchat public API (see API.md), usable by any front end.
//
//   const api = new ChatApi('http://127.0.0.1:9003', token);
//   const inbox = await api.listConversations();          // {vide, info: [...]}
//   await api.sendMessage('ayrei1', 'hello', newClientId());
//   const socket = new WebSocket(api.socketUrl({ events: LIVE_EVENTS, after: 42 }));
//
// Every call sends `Authorization: Bearer <token>`; tokens never travel in cookies,
// so the page may be served from another origin than the API (the server answers CORS).
// A failed call throws an ApiError carrying the server's JSON error body.

/** The opt-in live events this page asks for on its socket. */
export const LIVE_EVENTS = ['PRESENCE', 'TYPING', 'READ'];

/** A refused REST call: `status`, the stable `code`, and the server's sentence as `message`. */
export class ApiError extends Error {
  constructor(status, code, message, { retryAfter = null, redirect = null } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;          // HTTP status, or 0 when the server could not be reached
    this.code = code;              // e.g. "not_friends", "rate_limited", "unauthorized", "network"
    this.retryAfter = retryAfter;  // whole seconds from Retry-After (429), else null
    this.redirect = redirect;      // where to verify two-factor (code "two_factor_required"), else null
  }

  /** True when the token is no longer accepted and the user must sign in again. */
  get isAuthFailure() {
    return this.status === 401;
  }
}

/** Talks to one chat server with one access token. */
export class ChatApi {
  /**
   * @param {string} baseUrl the server's address without a trailing slash, e.g. "http://127.0.0.1:9003"
   * @param {string} token an access token (a JWT); it is only ever sent in the Authorization header
   */
  constructor(baseUrl, token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** GET /chat/list-conversation/ → {vide, info: [{on_talk, online, picture, full_name, sender, reciver, message, time, unread}]} */
  listConversations() {
    return this.#request('GET', '/chat/list-conversation/');
  }

  /**
   * GET /chat/conversation/?account=… → {vide: true, message} or
   * {vide: false, "sender-info": {on_talk, online, picture, full_name, read_up_to}, data: [...], has_more}.
   * `limit` returns the latest messages only; `before` pages back from the smallest id shown.
   */
  conversation(account, { limit, before } = {}) {
    return this.#request('GET', '/chat/conversation/', { query: { account, limit, before } });
  }

  /**
   * POST /chat/message/ → {success, id, time}.
   * Sending again with the same clientId (after a network error, say) never stores the message twice:
   * the server answers with the first send's id and time.
   */
  sendMessage(account, message, clientId) {
    return this.#request('POST', '/chat/message/', { body: { account, message, client_id: clientId } });
  }

  /** POST /chat/read/ → {success, unread}: everything up to `upTo` (a message id) in that conversation is read. */
  markRead(account, upTo) {
    return this.#request('POST', '/chat/read/', { body: { account, up_to: upTo } });
  }

  /**
   * The WebSocket address: ws:// or wss:// derived from the API base.
   * Browsers cannot set headers on a WebSocket, hence the token in the query.
   * `after` asks the server to replay every message received after that id first.
   */
  socketUrl({ events = LIVE_EVENTS, after = null } = {}) {
    const base = this.baseUrl.replace(/^http/, 'ws'); // http → ws, https → wss
    // Commas are kept literal: the server reads `events` as a comma-separated list.
    let query = `token=${encodeURIComponent(this.token)}&events=${events.join(',')}`;
    if (after !== null && after !== undefined) {
      query += `&after=${after}`;
    }
    return `${base}/ws/connection/?${query}`;
  }

  async #request(method, path, { query = {}, body } = {}) {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(query)) {
      // URLSearchParams encodes "+" as %2B, so an email such as a+b@x.org arrives intact.
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    const headers = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    const init = { method, headers, cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }

    let response;
    try {
      response = await fetch(url, init);
    } catch {
      // fetch rejects only when no answer came: server down, DNS, or CORS refused by the browser.
      throw new ApiError(0, 'network', `Cannot reach the chat server at ${this.baseUrl}.`);
    }
    const data = await readJson(response);
    if (response.ok) {
      return data ?? {};
    }
    throw errorFrom(response, data);
  }
}

/** A fresh client_id for POST /chat/message/ (1 to 64 characters; a UUID fits). */
export function newClientId() {
  if (typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  // randomUUID exists only in secure contexts (https, localhost); plain http on a LAN address lacks it.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function readJson(response) {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null; // not JSON: a proxy's error page, for instance
  }
}

function errorFrom(response, data) {
  const code = typeof data?.code === 'string' ? data.code : 'http_error';
  const message = typeof data?.error === 'string' ? data.error : `The server answered ${response.status}.`;
  // Retry-After is readable cross-origin because the server lists it in Access-Control-Expose-Headers.
  const seconds = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return new ApiError(response.status, code, message, {
    retryAfter: Number.isFinite(seconds) ? seconds : null,
    redirect: typeof data?.redirect === 'string' ? data.redirect : null,
  });
}
