package io.friendchat.bootstrap;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** One log format for the standalone server: Grizzly, Jersey and Tyrus log through java.util.logging. */
final class Logs {

    private Logs() {
    }

    static void configure() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
