package io.friendchat.adapter.websocket;

import io.friendchat.domain.account.Account;

import java.util.OptionalLong;

/** A handshake that passed: whose socket it is, its registration, and where its catch-up starts. */
record Admission(Account account, LiveSocket socket, OptionalLong after) {

    /** The key under which the handshake hands an Admission, or the CloseReason of a refusal, to the endpoint. */
    static final String KEY = Admission.class.getName();
}
