/**
 * The chat domain: accounts, friendship, conversations, messages, their rules,
 * and the ports through which the core reads and writes the world. Plain Java only.
 */
package io.friendchat.domain;
