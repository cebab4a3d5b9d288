// The open conversation (#conversation): history with paging, the send box, the typing
// indicator and read marks.

import { $, el, avatar, clockOf, dayOf } from './dom.js';
import { newClientId } from './api.js';
import { clearError } from './notice.js';

const PAGE_SIZE = 50;
const TYPING_EVERY_MS = 2000;   // the server forwards at most one TYPING per 2 s anyway
const TYPING_SHOWN_MS = 3000;
const NEAR_BOTTOM_PX = 80;

/** One conversation with a friend at a time; opening another replaces it. */
export class Conversation {
  #api;
  #on;
  #root = $('#conversation');
  #placeholder = $('#conversation-empty');
  #main = $('#conversation-main');
  #avatarSlot = $('#conversation-avatar');
  #name = $('#conversation-name');
  #handle = $('#conversation-account');
  #presence = $('#conversation-presence');
  #scroller = $('#messages-scroller');
  #older = $('#older');
  #list = $('#messages');
  #status = $('#messages-status');
  #typing = $('#typing');
  #form = $('#send-form');
  #input = $('#message-input');
  #send = $('#send');
  #seen = el('li', { class: 'message-seen', id: 'seen', dataset: { test: 'seen' }, text: 'Seen' });

  #friend = null;            // the friend's username (what was asked for until the server names them)
  #info = { fullName: '', picture: null, online: false };
  #messages = new Map();     // id → {id, sender, reciver, message, time}
  #elements = new Map();     // id → its <li>, built once
  #hasMore = false;
  #loaded = false;
  #loadingOlder = false;
  #readUpTo = 0;             // highest id of our messages the friend has read
  #lastMarked = 0;           // highest id we reported with POST /chat/read/
  #generation = 0;           // bumped on open/close: late answers for a previous conversation are dropped
  #typingTimer = null;
  #typingSentAt = 0;
  #pending = null;           // {account, text, clientId}: a send that failed keeps its client_id for the retry
  #sending = false;

  /**
   * @param {import('./api.js').ChatApi} api
   * @param {object} on callbacks: onError(failure), onUnread(account, count), onSent(account, message),
   *   onIdentified(account) when the server names the friend, sendTyping(account), presenceOf(account)
   */
  constructor(api, on, signal) {
    this.#api = api;
    this.#on = on;
    this.#older.addEventListener('click', () => this.loadOlder(), { signal });
    this.#form.addEventListener('submit', (submit) => {
      submit.preventDefault();
      this.send();
    }, { signal });
    this.#input.addEventListener('keydown', (key) => {
      // Enter sends, Shift+Enter starts a new line; not while an input method is composing.
      if (key.key === 'Enter' && !key.shiftKey && !key.isComposing) {
        key.preventDefault();
        this.#form.requestSubmit();
      }
    }, { signal });
    this.#input.addEventListener('input', () => this.#typed(), { signal });
  }

  /** The friend shown, or null. */
  get friend() {
    return this.#friend;
  }

  /** True when this conversation is with that account (a username from an event). */
  isWith(account) {
    return this.#friend !== null && this.#friend === account;
  }

  /** True when the user can see this conversation's latest messages right now. */
  isShowing(account) {
    return this.isWith(account) && this.#loaded && document.visibilityState === 'visible';
  }

  /**
   * Opens the conversation with `account` (a username or an email), showing `hint` (an inbox
   * row) until the server answers. Resolves to false when it could not be opened.
   */
  async open(account, hint) {
    const generation = this.#reset(account);
    this.#info = { fullName: hint?.fullName ?? '', picture: hint?.picture ?? null, online: hint?.online === true };
    this.#drawHeader();
    this.#placeholder.hidden = true;
    this.#main.hidden = false;
    this.#showStatus('Loading…');
    this.#input.value = '';
    try {
      await this.#loadLatest(generation);
      return generation === this.#generation;
    } catch (failure) {
      if (generation === this.#generation) this.close();
      this.#on.onError(failure);
      return false;
    }
  }

  /** Reloads the latest page (after a reconnect or a RESYNC), keeping older pages already shown. */
  async reload() {
    if (this.#friend === null) return;
    const generation = this.#generation;
    try {
      await this.#loadLatest(generation);
    } catch (failure) {
      this.#on.onError(failure);
    }
  }

  close() {
    this.#reset(null);
    this.#main.hidden = true;
    this.#placeholder.hidden = false;
  }

  /** "older messages": the page before the smallest id shown. */
  async loadOlder() {
    if (!this.#hasMore || this.#loadingOlder || this.#messages.size === 0) return;
    const generation = this.#generation;
    this.#loadingOlder = true;
    this.#older.disabled = true;
    try {
      const data = await this.#api.conversation(this.#friend, { before: this.#smallestId(), limit: PAGE_SIZE });
      if (generation !== this.#generation) return;
      for (const message of data.data ?? []) this.#messages.set(message.id, message);
      this.#hasMore = data.has_more === true;
      // Keep the message the user was looking at in place while older ones appear above it.
      const fromBottom = this.#scroller.scrollHeight - this.#scroller.scrollTop;
      this.#render();
      this.#scroller.scrollTop = this.#scroller.scrollHeight - fromBottom;
    } catch (failure) {
      this.#on.onError(failure);
    } finally {
      this.#loadingOlder = false;
      this.#older.disabled = false;
    }
  }

  /** A NEW_MESSAGE event from the friend shown. */
  receive(event) {
    if (this.#messages.has(event.id)) return; // also loaded over REST
    const stick = this.#nearBottom();
    this.#messages.set(event.id, {
      id: event.id, sender: event.sender, reciver: event.reciver, message: event.message, time: event.time,
    });
    this.#hideTyping(); // they finished typing: here is the message
    this.#render();
    if (stick) this.#scrollToBottom();
    this.markRead();
  }

  /** A PRESENCE event about the friend shown. */
  setOnline(online) {
    this.#info.online = online;
    this.#drawPresence();
  }

  /** A TYPING event from the friend shown: "<friend> is typing…" for a few seconds. */
  showTyping() {
    this.#typing.textContent = `${this.#info.fullName || this.#friend} is typing…`;
    this.#typing.hidden = false;
    clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(() => this.#hideTyping(), TYPING_SHOWN_MS);
  }

  /** A READ event from the friend shown: they have read up to that id. */
  applyRead(upTo) {
    if (Number.isInteger(upTo) && upTo > this.#readUpTo) {
      this.#readUpTo = upTo;
      this.#render();
    }
  }

  /**
   * Tells the server the user has seen everything shown (POST /chat/read/), when a message
   * from the friend arrived since the last report; `force` reports anyway (to learn the count).
   */
  async markRead({ force = false } = {}) {
    if (!this.#loaded || document.visibilityState !== 'visible') return;
    const upTo = this.#largestId();
    const newestFromFriend = Math.max(0, ...[...this.#messages.values()]
      .filter((message) => message.sender === this.#friend).map((message) => message.id));
    if (upTo === 0 || (!force && newestFromFriend <= this.#lastMarked)) return;
    const generation = this.#generation;
    const account = this.#friend;
    const previous = this.#lastMarked;
    this.#lastMarked = Math.max(this.#lastMarked, upTo); // set first, so two events do not report twice
    try {
      const answer = await this.#api.markRead(account, upTo);
      this.#on.onUnread(account, answer.unread);
    } catch (failure) {
      if (generation === this.#generation) this.#lastMarked = previous;
      this.#on.onError(failure);
    }
  }

  /** Sends what is in the box (POST /chat/message/). */
  async send() {
    const text = this.#input.value;
    // The server refuses blank text (400); no need to ask it.
    if (this.#friend === null || this.#sending || text.trim() === '') return;
    const account = this.#friend;
    const generation = this.#generation;
    // Same text to the same friend after a failure: same client_id, so if the first attempt was
    // stored after all (a lost answer, a 503 during the commit), it is not stored twice.
    if (this.#pending?.account !== account || this.#pending?.text !== text) {
      this.#pending = { account, text, clientId: newClientId() };
    }
    this.#sending = true;
    this.#send.disabled = true;
    try {
      const answer = await this.#api.sendMessage(account, text, this.#pending.clientId);
      this.#pending = null;
      clearError();
      this.#on.onSent(account, { text, time: answer.time });
      if (generation !== this.#generation) return;
      if (this.#input.value === text) this.#input.value = '';
      const wasEmpty = this.#messages.size === 0;
      if (Number.isInteger(answer.id) && !wasEmpty) {
        // Our own message: the sender is not the friend, which is all the view needs to know.
        this.#messages.set(answer.id, { id: answer.id, sender: '', reciver: account, message: text, time: answer.time });
        this.#render();
        this.#scrollToBottom();
      } else {
        // First message: reload, so the server names the friend (sender-info).
        await this.#loadLatest(generation);
      }
    } catch (failure) {
      this.#on.onError(failure);
    } finally {
      this.#sending = false;
      this.#send.disabled = false;
      if (generation === this.#generation) this.#input.focus();
    }
  }

  #reset(account) {
    this.#generation += 1;
    this.#friend = account;
    this.#info = { fullName: '', picture: null, online: false };
    this.#messages.clear();
    this.#elements.clear();
    this.#hasMore = false;
    this.#loaded = false;
    this.#readUpTo = 0;
    this.#lastMarked = 0;
    this.#typingSentAt = 0;
    this.#pending = null;
    this.#hideTyping();
    this.#list.replaceChildren();
    this.#older.hidden = true;
    this.#showStatus('');
    if (account === null) delete this.#root.dataset.account;
    else this.#root.dataset.account = account;
    return this.#generation;
  }

  async #loadLatest(generation) {
    const data = await this.#api.conversation(this.#friend, { limit: PAGE_SIZE });
    if (generation !== this.#generation) return;
    const page = data.vide === true ? [] : data.data ?? [];
    const info = data['sender-info'];
    if (info) {
      this.#friend = info.on_talk; // an email typed in the "new conversation" box becomes the username
      this.#root.dataset.account = info.on_talk;
      this.#info = { fullName: info.full_name ?? '', picture: info.picture ?? null, online: info.online === true };
      this.#drawHeader();
      this.#on.onIdentified(info.on_talk);
    }
    // The page joins what is shown only when no message can be missing in between; messages
    // that arrived as events while this request was on its way are kept.
    const joins = page.length === 0 || data.has_more !== true || page[0].id <= this.#largestId();
    if (!joins) this.#messages.clear();
    if (!joins || !this.#loaded) {
      this.#hasMore = data.has_more === true;
      this.#elements.clear(); // who is "mine" may have changed now that the friend is named
    }
    for (const message of page) this.#messages.set(message.id, message);
    // read_up_to is an extension, and read marks only move forward.
    this.#readUpTo = Math.max(this.#readUpTo, Number.isInteger(info?.read_up_to) ? info.read_up_to : 0);
    const stick = !this.#loaded || this.#nearBottom(); // a reload leaves someone reading history in place
    this.#loaded = true;
    this.#render();
    if (stick) this.#scrollToBottom();
    this.markRead();
  }

  #typed() {
    const now = Date.now();
    if (this.#friend !== null && this.#input.value !== '' && now - this.#typingSentAt >= TYPING_EVERY_MS) {
      this.#typingSentAt = now;
      this.#on.sendTyping(this.#friend);
    }
  }

  #render() {
    const ids = [...this.#messages.keys()].sort((a, b) => a - b); // order is by id, never by time
    const seenId = this.#seenMessageId(ids);
    const items = [];
    let day = null;
    for (const id of ids) {
      const message = this.#messages.get(id);
      if (dayOf(message.time) !== day) {
        day = dayOf(message.time);
        items.push(el('li', { class: 'day-divider', role: 'separator', text: day }));
      }
      items.push(this.#elementFor(message));
      if (id === seenId) items.push(this.#seen);
    }
    this.#list.replaceChildren(...items);
    this.#older.hidden = !this.#hasMore;
    this.#showStatus(this.#loaded && ids.length === 0 ? 'No messages yet. Say hello!' : '');
  }

  // "Seen" goes under our latest message with an id the friend has read up to.
  #seenMessageId(ids) {
    let seen = null;
    for (const id of ids) {
      if (id > this.#readUpTo) break;
      if (this.#isMine(this.#messages.get(id))) seen = id;
    }
    return seen;
  }

  #elementFor(message) {
    let item = this.#elements.get(message.id);
    if (!item) {
      const mine = this.#isMine(message);
      item = el('li', { class: `message ${mine ? 'mine' : 'theirs'}`, dataset: { id: message.id, sender: message.sender } },
        el('p', { class: 'message-text', text: message.message }),
        el('time', { class: 'message-time', datetime: message.time, title: message.time, text: clockOf(message.time) }));
      this.#elements.set(message.id, item);
    }
    return item;
  }

  #isMine(message) {
    return message.sender !== this.#friend;
  }

  #drawHeader() {
    this.#avatarSlot.replaceChildren(avatar(this.#info.picture, this.#info.fullName || this.#friend));
    this.#name.textContent = this.#info.fullName || this.#friend;
    this.#handle.textContent = `@${this.#friend}`;
    this.#drawPresence();
  }

  #drawPresence() {
    const online = this.#on.presenceOf(this.#friend) ?? this.#info.online;
    this.#presence.classList.toggle('online', online);
    this.#presence.textContent = online ? 'online' : 'offline';
  }

  #hideTyping() {
    clearTimeout(this.#typingTimer);
    this.#typing.hidden = true;
    this.#typing.textContent = '';
  }

  #showStatus(text) {
    this.#status.textContent = text;
    this.#status.hidden = text === '';
  }

  #smallestId() {
    return Math.min(...this.#messages.keys());
  }

  #largestId() {
    return this.#messages.size === 0 ? 0 : Math.max(...this.#messages.keys());
  }

  #nearBottom() {
    const { scrollHeight, scrollTop, clientHeight } = this.#scroller;
    return scrollHeight - scrollTop - clientHeight < NEAR_BOTTOM_PX;
  }

  #scrollToBottom() {
    this.#scroller.scrollTop = this.#scroller.scrollHeight;
  }
}
