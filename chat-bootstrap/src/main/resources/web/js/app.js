// The chat page: signs in with a pasted token (or one from the #token=… link the demo
// prints), then shows the inbox and one conversation, kept live by the WebSocket.

import { ChatApi } from './api.js';
import { LiveConnection } from './live.js';
import { Inbox } from './inbox.js';
import { Conversation } from './conversation.js';
import { $ } from './dom.js';
import { showError, clearError } from './notice.js';
import * as session from './session.js';

const signInView = $('#sign-in-view');
const chatView = $('#chat-view');
const tokenInput = $('#token-input');
const apiInput = $('#api-input');

/** Everything that lives while signed in; sign-out stops it and drops it. */
class ChatSession {
  #api;
  #live;
  #inbox;
  #conversation;
  #abort = new AbortController(); // removes every listener this session added
  #presence = new Map();          // username → online, from PRESENCE events since the socket opened
  #inboxLoading = false;
  #inboxStale = false;
  #me = null;
  #stopped = false;

  constructor(api) {
    const signal = this.#abort.signal;
    const presenceOf = (account) => this.#presence.get(account);
    this.#api = api;
    this.#inbox = new Inbox({ onSelect: (account) => this.open(account), presenceOf, signal });
    this.#conversation = new Conversation(api, {
      onError: (failure) => this.#failed(failure),
      onUnread: (account, count) => this.#inbox.setUnread(account, count),
      onSent: (account, message) => this.#sent(account, message),
      onIdentified: (account) => this.#inbox.setActive(account),
      sendTyping: (account) => this.#live.sendTyping(account),
      presenceOf,
    }, signal);
    this.#live = new LiveConnection(api, {
      onOpen: ({ resumed }) => this.#connected(resumed),
      onEvent: (event) => this.#event(event),
      onStatus: (status) => showConnection(status),
      onRefused: (reason) => signOut(reason),
    });

    $('#new-chat-form').addEventListener('submit', (submit) => {
      submit.preventDefault();
      const account = $('#new-chat-input').value.trim();
      if (account !== '') this.open(account).then((opened) => { if (opened) $('#new-chat-input').value = ''; });
    }, { signal });
    $('#back').addEventListener('click', () => this.closeConversation(), { signal });
    // Coming back to the tab: what is on screen is now read.
    document.addEventListener('visibilitychange', () => this.#conversation.markRead(), { signal });
  }

  start() {
    $('#signed-in-as').textContent = '';
    this.#live.start();
    // Shows the inbox at once (and checks the token); loaded again when the socket opens,
    // so that nothing sent in between is missed.
    this.loadInbox();
  }

  stop() {
    this.#stopped = true;
    this.#abort.abort();
    this.#live.stop();
    this.#conversation.close();
    this.#inbox.clear();
  }

  /** Opens the conversation with a friend (from the inbox, or typed in the "new conversation" box). */
  async open(account) {
    this.#inbox.setActive(account);
    chatView.classList.add('show-conversation'); // on a narrow screen, the conversation replaces the inbox
    const opened = await this.#conversation.open(account, this.#inbox.row(account));
    if (!opened && this.#conversation.friend === null) this.closeConversation();
    if (opened) $('#message-input').focus();
    return opened;
  }

  closeConversation() {
    this.#conversation.close();
    this.#inbox.setActive(null);
    chatView.classList.remove('show-conversation');
  }

  /** GET /chat/list-conversation/; a load asked for while one runs runs again after it. */
  async loadInbox() {
    if (this.#stopped) return;
    if (this.#inboxLoading) {
      this.#inboxStale = true;
      return;
    }
    this.#inboxLoading = true;
    try {
      do {
        this.#inboxStale = false;
        const data = await this.#api.listConversations();
        if (this.#stopped) return;
        this.#inbox.replace(data.info ?? []);
        this.#learnMe(data.info ?? []);
        const open = this.#conversation.friend;
        if (open !== null && this.#inbox.row(open)) {
          this.#inbox.setActive(open);
          // The count in the answer may predate what the user has just read here: ask again.
          if (this.#inbox.row(open).unread > 0 && this.#conversation.isShowing(open)) {
            this.#conversation.markRead({ force: true });
          }
        }
      } while (this.#inboxStale && !this.#stopped); // a message came during the load: it may not be in it
    } catch (failure) {
      this.#failed(failure);
    } finally {
      this.#inboxLoading = false;
    }
  }

  #connected(resumed) {
    // Presence is now told afresh: a snapshot of who is online follows, so anyone not in it is
    // offline (they may have left while we were away).
    this.#presence = new Map(this.#inbox.accounts().map((account) => [account, false]));
    if (this.#conversation.friend !== null) this.#presence.set(this.#conversation.friend, false);
    this.#inbox.refreshPresence();
    if (this.#conversation.friend !== null) this.#conversation.setOnline(false);

    if (resumed) {
      // The server replays what we missed (after=<last id seen>); only read marks may be stale.
      this.#conversation.reload();
    } else {
      this.loadInbox();
      this.#conversation.reload();
    }
  }

  #event(event) {
    switch (event?.case) {
      case 'NEW_MESSAGE': return this.#newMessage(event);
      case 'PRESENCE': return this.#presenceChanged(event);
      case 'TYPING':
        if (this.#conversation.isWith(event.sender)) this.#conversation.showTyping();
        return undefined;
      case 'READ':
        if (this.#conversation.isWith(event.reader)) this.#conversation.applyRead(event.up_to);
        return undefined;
      case 'RESYNC': // more was missed than the server replays: reload over REST
        this.loadInbox();
        return this.#conversation.reload();
      default:
        return undefined; // a newer server may send more: ignore what we do not know
    }
  }

  #newMessage(event) {
    // NEW_MESSAGE reaches only the receiver: the sender is always a friend, the receiver us.
    this.#setMe(event.reciver);
    const shown = this.#conversation.isShowing(event.sender);
    if (this.#conversation.isWith(event.sender)) this.#conversation.receive(event);
    this.#inbox.noteMessage({
      account: event.sender,
      sender: event.sender,
      text: event.message,
      time: event.time,
      unreadDelta: shown ? 0 : 1,
      fullName: event['full-name'], // "full-name" on the socket, "full_name" over REST
      picture: event.picture,
    });
    if (this.#inboxLoading) this.#inboxStale = true;
  }

  #presenceChanged({ account, online }) {
    this.#presence.set(account, online === true);
    this.#inbox.refreshPresence();
    if (this.#conversation.isWith(account)) this.#conversation.setOnline(online === true);
  }

  #sent(account, { text, time }) {
    if (this.#inbox.row(account)) {
      this.#inbox.noteMessage({ account, sender: this.#me ?? '', text, time });
    } else {
      this.loadInbox(); // a first message: the server knows the friend's name and picture
    }
  }

  #failed(failure) {
    if (this.#stopped) return;
    if (failure?.isAuthFailure) {
      signOut(failure); // the token expired or was refused: back to the sign-in form, with the reason
    } else {
      showError(failure);
    }
  }

  // The REST rows say who we are: each row has the friend on one side and us on the other.
  #learnMe(info) {
    for (const row of info) {
      this.#setMe(row.sender === row.on_talk ? row.reciver : row.sender);
    }
  }

  #setMe(username) {
    if (this.#me === null && typeof username === 'string' && username !== '') {
      this.#me = username;
      $('#signed-in-as').textContent = `@${username}`;
    }
  }
}

let current = null;

function signIn(token, apiBase) {
  clearError();
  current?.stop();
  current = new ChatSession(new ChatApi(apiBase, token));
  signInView.hidden = true;
  chatView.hidden = false;
  $('#server-address').textContent = apiBase;
  current.start();
}

/** Back to the sign-in form; `reason` (a failure or a sentence) is shown when given. */
function signOut(reason) {
  current?.stop();
  current = null;
  session.forgetToken();
  chatView.hidden = true;
  chatView.classList.remove('show-conversation');
  showSignIn();
  if (reason) showError(reason);
}

function showSignIn() {
  signInView.hidden = false;
  apiInput.value = session.storedApiBase() ?? session.pageOrigin() ?? '';
  tokenInput.focus();
}

function showConnection({ state, retryInSeconds }) {
  const badge = $('#connection-status');
  badge.dataset.state = state;
  badge.textContent = {
    connecting: 'Connecting…',
    open: 'Live',
    waiting: `Offline, retrying in ${retryInSeconds} s`,
    offline: 'Offline',
  }[state];
}

$('#sign-in-form').addEventListener('submit', (submit) => {
  submit.preventDefault();
  const token = session.cleanToken(tokenInput.value);
  const typed = apiInput.value.trim();
  const apiBase = typed === '' ? session.pageOrigin() : session.normalizeApiBase(typed);
  if (token === null) {
    showError('Paste an access token first.');
    return;
  }
  if (apiBase === null) {
    showError('Enter the chat server address, such as http://127.0.0.1:9003.');
    return;
  }
  session.storeToken(token);
  session.storeApiBase(apiBase === session.pageOrigin() ? null : apiBase);
  tokenInput.value = '';
  signIn(token, apiBase);
});

$('#sign-out').addEventListener('click', () => signOut(null));
$('#error-dismiss').addEventListener('click', () => clearError());

// Start: a token in the link (#token=…) wins over one kept from earlier in this tab.
(function boot() {
  const fromLink = session.takeTokenFromFragment();
  if (fromLink !== null) session.storeToken(fromLink);
  const query = new URLSearchParams(window.location.search).get('api');
  const fromQuery = query === null ? null : session.apiBaseFromQuery();
  if (fromQuery !== null) session.storeApiBase(fromQuery);
  const token = session.storedToken();
  const apiBase = session.storedApiBase() ?? session.pageOrigin();
  if (token !== null && apiBase !== null) signIn(token, apiBase);
  else showSignIn();
  if (query !== null && fromQuery === null) showError(`Not an http(s) address: ?api=${query}`);
}());
