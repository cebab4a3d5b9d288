/**
 * In-memory implementations of every port of the chat core, for tests of
 * friendchat and of host applications that embed it.
 */
package io.friendchat.testkit;
