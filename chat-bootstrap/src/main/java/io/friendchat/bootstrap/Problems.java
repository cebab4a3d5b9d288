package io.friendchat.bootstrap;

/** Turns a start-up failure into the one line an operator reads: the deepest cause's message. */
final class Problems {

    private Problems() {
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null) {
                message = message == null ? cause.getMessage() : message;
            }
        }
        return message == null ? failure.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
