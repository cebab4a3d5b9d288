// The inbox: one row per friend with whom there is a conversation, most recent first
// (GET /chat/list-conversation/), kept current by live events between two loads.

import { $, el, avatar, shortTime } from './dom.js';

/** The list of conversations (#inbox) and its rows (.inbox-row[data-account]). */
export class Inbox {
  #list = $('#inbox');
  #empty = $('#inbox-empty');
  #rows = new Map();   // username → row state
  #order = [];         // usernames, most recent conversation first
  #views = new Map();  // username → the row's elements, reused across renders
  #active = null;
  #presenceOf;

  /**
   * @param {{onSelect: (account: string) => void, presenceOf: (account: string) => boolean|undefined,
   *          signal: AbortSignal}} options presenceOf answers from PRESENCE events, undefined if none came
   */
  constructor({ onSelect, presenceOf, signal }) {
    this.#presenceOf = presenceOf;
    this.#list.addEventListener('click', (click) => {
      const row = click.target.closest('.inbox-row');
      if (row) onSelect(row.dataset.account);
    }, { signal });
  }

  /** Replaces every row with the server's answer (its `info` array, already in order). */
  replace(info) {
    this.#rows.clear();
    this.#order = [];
    for (const item of info) {
      this.#rows.set(item.on_talk, {
        account: item.on_talk,
        fullName: item.full_name ?? '',
        picture: item.picture ?? null,
        online: item.online === true,
        sender: item.sender,
        text: item.message ?? '',
        time: item.time ?? '',
        // `unread` is an extension: an older server leaves it out.
        unread: Number.isInteger(item.unread) ? item.unread : 0,
      });
      this.#order.push(item.on_talk);
    }
    this.#render();
  }

  /** The row of that friend, or undefined. */
  row(account) {
    return this.#rows.get(account);
  }

  /** Every friend listed, for presence bookkeeping. */
  accounts() {
    return [...this.#order];
  }

  /**
   * A message in a conversation, received or sent: the row moves to the top, shows it as
   * its preview, and counts `unreadDelta` more unread. A new friend gets a new row.
   */
  noteMessage({ account, sender, text, time, unreadDelta = 0, fullName, picture }) {
    let row = this.#rows.get(account);
    if (!row) {
      row = { account, fullName: fullName ?? '', picture: picture ?? null, online: false, unread: 0 };
      this.#rows.set(account, row);
    }
    Object.assign(row, { sender, text, time });
    row.unread += unreadDelta;
    this.#order = [account, ...this.#order.filter((name) => name !== account)];
    this.#render();
  }

  /** The count the server gave back after POST /chat/read/. */
  setUnread(account, unread) {
    const row = this.#rows.get(account);
    if (row && Number.isInteger(unread)) {
      row.unread = unread;
      this.#render();
    }
  }

  /** Re-draws the presence dots (after a PRESENCE event or a reconnect). */
  refreshPresence() {
    this.#render();
  }

  /** Highlights the open conversation's row (null: none). */
  setActive(account) {
    this.#active = account;
    this.#render();
  }

  clear() {
    this.#rows.clear();
    this.#order = [];
    this.#views.clear();
    this.#active = null;
    this.#list.replaceChildren();
    this.#empty.hidden = true;
  }

  #render() {
    const items = this.#order.map((account) => this.#draw(this.#rows.get(account)));
    // Rows are reused (pictures are not reloaded), and only moved when the order changed,
    // so a row that has the keyboard focus keeps it.
    const shown = [...this.#list.children];
    if (shown.length !== items.length || items.some((item, index) => shown[index] !== item)) {
      this.#list.replaceChildren(...items);
    }
    this.#empty.hidden = items.length > 0;
  }

  #draw(row) {
    let view = this.#views.get(row.account);
    if (!view || view.picture !== row.picture) {
      view = this.#build(row);
      this.#views.set(row.account, view);
    }
    const online = this.#presenceOf(row.account) ?? row.online;
    view.dot.classList.toggle('online', online);
    view.dot.title = online ? 'Online' : 'Offline';
    view.name.textContent = row.fullName || row.account;
    view.time.textContent = shortTime(row.time);
    view.time.dateTime = row.time;
    // Every row has one incoming side: when the friend did not send the last message, we did.
    view.preview.textContent = (row.sender === row.account ? '' : 'You: ') + row.text;
    view.unread.textContent = String(row.unread);
    view.unread.hidden = row.unread === 0;
    view.item.classList.toggle('has-unread', row.unread > 0);
    view.item.classList.toggle('active', row.account === this.#active);
    view.button.setAttribute('aria-current', String(row.account === this.#active));
    return view.item;
  }

  #build(row) {
    const dot = el('span', { class: 'presence-dot' });
    const name = el('span', { class: 'inbox-name' });
    const time = el('time', { class: 'inbox-time' });
    const preview = el('span', { class: 'inbox-preview' });
    const unread = el('span', { class: 'unread', 'aria-label': 'unread messages' });
    const button = el('button', { type: 'button', class: 'inbox-row-button' },
      el('span', { class: 'avatar-wrap' }, avatar(row.picture, row.fullName || row.account), dot),
      el('span', { class: 'inbox-row-main' },
        el('span', { class: 'inbox-row-line' }, name, time),
        el('span', { class: 'inbox-row-line' }, preview, unread)));
    const item = el('li', { class: 'inbox-row', dataset: { account: row.account, test: 'inbox-row' } }, button);
    return { item, button, dot, name, time, preview, unread, picture: row.picture };
  }
}
