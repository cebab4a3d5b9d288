package io.friendchat.adapter.websocket.grizzly;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/** The frame scanner follows headers across chunks and spots a frame over the limit. */
class FrameScannerTest {

    private static final int LIMIT = 65_536;

    @Test
    void frames_at_the_limit_pass_in_any_chunking() {
        byte[] stream = concat(frame(10), frame(LIMIT), frame(300), frame(0));
        for (int chunk : new int[]{1, 3, 7, 1000, stream.length}) {
            FrameScanner scanner = new FrameScanner(LIMIT);
            for (int at = 0; at < stream.length; at += chunk) {
                assertThat(scanner.scan(chunk(stream, at, Math.min(chunk, stream.length - at)))).isTrue();
            }
        }
    }

    @Test
    void a_frame_one_byte_over_is_spotted_from_its_header_alone() {
        byte[] header = frame(LIMIT + 1);
        FrameScanner scanner = new FrameScanner(LIMIT);

        assertThat(scanner.scan(chunk(concat(frame(5), header), 0, 7 + 4 + 14))).isFalse();
    }

    @Test
    void a_64_bit_length_with_its_top_bit_set_is_over() {
        byte[] header = {(byte) 0x81, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4};

        assertThat(new FrameScanner(LIMIT).scan(chunk(header, 0, header.length))).isFalse();
    }

    /** A masked client text frame with a payload of this many bytes. */
    private static byte[] frame(int payload) {
        ByteBuffer frame = ByteBuffer.allocate(14 + payload);
        frame.put((byte) 0x81);
        if (payload < 126) {
            frame.put((byte) (0x80 | payload));
        } else if (payload <= 0xFFFF) {
            frame.put((byte) (0x80 | 126)).putShort((short) payload);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(payload);
        }
        frame.put(new byte[]{1, 2, 3, 4}).put(new byte[payload]);
        byte[] bytes = new byte[frame.position()];
        frame.flip().get(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static Buffer chunk(byte[] stream, int from, int length) {
        return Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, stream, from, length);
    }
}
