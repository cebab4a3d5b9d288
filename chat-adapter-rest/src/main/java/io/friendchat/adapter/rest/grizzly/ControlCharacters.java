package io.friendchat.adapter.rest.grizzly;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.http.util.DataChunk;

/**
 * Finds the control characters HTTP does not allow in a header (RFC 9110, 5.5): every byte
 * below a space but the tab, and DEL. Grizzly keeps them, a NUL or a lone CR included.
 */
final class ControlCharacters {

    private ControlCharacters() {
    }

    static boolean in(DataChunk chunk) {
        switch (chunk.getType()) {
            case Buffer -> {
                Buffer buffer = chunk.getBufferChunk().getBuffer();
                for (int i = chunk.getBufferChunk().getStart(); i < chunk.getBufferChunk().getEnd(); i++) {
                    if (isControl(buffer.get(i))) {
                        return true;
                    }
                }
                return false;
            }
            case Bytes -> {
                byte[] bytes = chunk.getByteChunk().getBuffer();
                for (int i = chunk.getByteChunk().getStart(); i < chunk.getByteChunk().getEnd(); i++) {
                    if (isControl(bytes[i])) {
                        return true;
                    }
                }
                return false;
            }
            case None -> {
                return false;
            }
            default -> {
                return chunk.toString().chars().anyMatch(c -> c < 0x100 && isControl((byte) c));
            }
        }
    }

    private static boolean isControl(byte b) {
        return (b >= 0 && b < 0x20 && b != '\t') || b == 0x7f;
    }
}
