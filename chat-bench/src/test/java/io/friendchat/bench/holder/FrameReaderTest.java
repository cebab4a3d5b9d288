package io.friendchat.bench.holder;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FrameReaderTest {

    private final List<String> seen = new ArrayList<>();
    private final FrameReader.Frames recorder = new FrameReader.Frames() {
        @Override
        public void ping(byte[] payload) {
            seen.add("ping " + new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void close(int code) {
            seen.add("close " + code);
        }

        @Override
        public void data(int opcode, boolean fin, int length) {
            seen.add("data " + opcode + " " + fin + " " + length);
        }
    };

    @Test
    void reads_text_ping_and_close_frames_in_one_buffer() {
        byte[] text = "{\"case\": \"NEW_MESSAGE\"}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer in = ByteBuffer.allocate(64);
        in.put((byte) 0x81).put((byte) text.length).put(text);
        in.put((byte) 0x89).put((byte) 2).put("hi".getBytes(StandardCharsets.UTF_8));
        in.put((byte) 0x88).put((byte) 2).put((byte) 0x03).put((byte) 0xE9);

        new FrameReader().read(in.flip(), recorder);

        assertThat(seen).containsExactly("data 1 true " + text.length, "ping hi", "close 1001");
    }

    @Test
    void keeps_a_frame_split_across_reads_until_it_is_whole() {
        byte[] payload = new byte[300];
        ByteBuffer frame = ByteBuffer.allocate(304);
        frame.put((byte) 0x81).put((byte) 126).putShort((short) 300).put(payload).flip();
        FrameReader reader = new FrameReader();

        reader.read(frame.slice(0, 3), recorder);
        assertThat(seen).isEmpty();
        reader.read(frame.slice(3, 200), recorder);
        assertThat(seen).isEmpty();
        reader.read(frame.slice(203, 101), recorder);

        assertThat(seen).containsExactly("data 1 true 300");
    }

    @Test
    void a_pong_is_masked_as_a_client_must_and_carries_the_ping_payload() {
        ByteBuffer pong = FrameReader.pong("hi".getBytes(StandardCharsets.UTF_8), 0x04030201);

        assertThat(pong.get(0) & 0xFF).isEqualTo(0x8A);
        assertThat(pong.get(1) & 0xFF).isEqualTo(0x80 | 2);
        byte[] mask = {pong.get(2), pong.get(3), pong.get(4), pong.get(5)};
        assertThat(mask).containsExactly(1, 2, 3, 4);
        assertThat(new byte[]{(byte) (pong.get(6) ^ mask[0]), (byte) (pong.get(7) ^ mask[1])})
                .isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    }
}
