// The live connection: one WebSocket that reconnects by itself.
//
// On every reconnect it asks for `after=<last message id seen>`, so the server first
// replays, oldest first, every message received while the socket was down (at most 500,
// then {"case": "RESYNC"}: reload over REST). Nothing is missed, nothing arrives twice.

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;
// A socket that stayed open this long was healthy: the next failure starts the backoff afresh.
const HEALTHY_AFTER_MS = 10000;

/** Close codes after which reconnecting cannot help: the token is refused. */
const REFUSED = new Map([
  [4401, 'Your access token was refused (invalid or expired). Sign in again.'],
  [4403, 'Two-factor authentication required.'],
]);
const BAD_AFTER = 4400;

/** One self-healing WebSocket to /ws/connection/. */
export class LiveConnection {
  #api;
  #handlers;
  #socket = null;
  #timer = null;
  #stopped = true;
  #failures = 0;
  #openedAt = 0;
  #lastSeenId = null; // highest NEW_MESSAGE id received; null until the first one
  #resumed = false;

  /**
   * @param {import('./api.js').ChatApi} api
   * @param {{onEvent: Function, onOpen: Function, onStatus: Function, onRefused: Function}} handlers
   *   onEvent(event) for each server event; onOpen({resumed}) when a socket opens (resumed: it asked
   *   for a replay, so nothing was missed); onStatus({state, retryInSeconds}); onRefused(text) when the
   *   server refuses the token (4401, 4403): no further attempt is made.
   */
  constructor(api, handlers) {
    this.#api = api;
    this.#handlers = handlers;
  }

  start() {
    this.#stopped = false;
    window.addEventListener('online', this.#reconnectNow);
    this.#connect();
  }

  stop() {
    this.#stopped = true;
    window.removeEventListener('online', this.#reconnectNow);
    clearTimeout(this.#timer);
    if (this.#socket) {
      this.#socket.close(1000, 'signed out');
      this.#socket = null;
    }
  }

  /** Tells a friend we are typing; silently skipped while offline (typing is best effort). */
  sendTyping(account) {
    if (this.#socket?.readyState === WebSocket.OPEN) {
      this.#socket.send(JSON.stringify({ case: 'TYPING', account }));
    }
  }

  #connect() {
    this.#status('connecting');
    this.#resumed = this.#lastSeenId !== null;
    const socket = new WebSocket(this.#api.socketUrl({ after: this.#lastSeenId }));
    this.#socket = socket;

    socket.addEventListener('open', () => {
      this.#openedAt = Date.now();
      this.#status('open');
      this.#handlers.onOpen({ resumed: this.#resumed });
    });
    socket.addEventListener('message', (message) => this.#receive(message.data));
    socket.addEventListener('close', (close) => {
      if (this.#socket !== socket) return; // an old socket closing after a reconnect
      this.#socket = null;
      if (!this.#stopped) this.#closed(close);
    });
    // 'error' is always followed by 'close', where reconnecting happens.
  }

  #receive(data) {
    let event;
    try {
      event = JSON.parse(data);
    } catch {
      return; // not JSON: ignore, as the server ignores what it does not understand
    }
    if (event?.case === 'NEW_MESSAGE' && Number.isInteger(event.id)) {
      // Ids of received messages only grow, so the largest one is where a replay must resume.
      this.#lastSeenId = Math.max(this.#lastSeenId ?? 0, event.id);
    } else if (event?.case === 'RESYNC') {
      // Some messages were not replayed and the page reloads them over REST instead: resuming
      // from the last replayed id would replay them twice, so forget it until the next live one.
      this.#lastSeenId = null;
    }
    this.#handlers.onEvent(event);
  }

  #closed({ code, reason }) {
    if (REFUSED.has(code)) {
      this.#stopped = true;
      this.#status('offline');
      this.#handlers.onRefused(reason || REFUSED.get(code));
      return;
    }
    if (code === BAD_AFTER) {
      this.#lastSeenId = null; // the server rejected our `after`: start over without it (and reload over REST)
    }
    if (Date.now() - this.#openedAt > HEALTHY_AFTER_MS) {
      this.#failures = 0;
    }
    // Exponential backoff with jitter, so that many clients do not all come back at the same instant.
    const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.#failures);
    const delay = Math.round(ceiling * (0.5 + Math.random() / 2));
    this.#failures += 1;
    this.#openedAt = 0;
    this.#status('waiting', Math.ceil(delay / 1000));
    this.#timer = setTimeout(() => this.#connect(), delay);
  }

  // The browser says the network is back: do not wait for the backoff timer.
  #reconnectNow = () => {
    if (this.#stopped || this.#socket) return;
    clearTimeout(this.#timer);
    this.#connect();
  };

  #status(state, retryInSeconds = null) {
    this.#handlers.onStatus({ state, retryInSeconds });
  }
}
