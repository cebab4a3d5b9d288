/**
 * Contract suites of the chat core's ports: abstract JUnit 5 classes that any
 * implementation (the in-memory kit, the database adapter, a host's own) extends
 * with a factory method, so every implementation is held to the same behaviour.
 */
package io.friendchat.testkit.contract;
