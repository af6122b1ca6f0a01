package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

/** Reading protobuf messages back: what {@link GemmModel.Proto} writes, packed integers, and damaged bytes. */
class ProtoMessageTest {

    @Test
    void reads_back_varints_strings_and_nested_messages_in_order() {
        byte[] bytes = new GemmModel.Proto().varint(1, 300).string(2, "ab").string(2, "cd")
                .message(3, new GemmModel.Proto().varint(1, 1L << 35)).toByteArray();

        ProtoMessage message = ProtoMessage.parse(bytes);

        assertThat(message.varints(1)).containsExactly(300L);
        assertThat(message.strings(2)).containsExactly("ab", "cd");
        assertThat(message.string(2)).isEqualTo("ab");
        assertThat(message.string(9)).isEmpty();
        assertThat(message.message(3).varints(1)).containsExactly(1L << 35);
        assertThat(message.fields()).extracting(ProtoMessage.Field::number).containsExactly(1, 2, 2, 3);
    }

    @Test
    void packed_integers_read_like_one_field_each() {
        // key 1<<3|2, length 3, then the varints 3, 4 and 5
        byte[] packed = {0x0A, 0x03, 0x03, 0x04, 0x05};

        assertThat(ProtoMessage.parse(packed).varints(1)).containsExactly(3L, 4L, 5L);
    }

    @Test
    void a_field_copied_as_read_writes_the_same_bytes() {
        byte[] bytes = new GemmModel.Proto().varint(1, 7).string(2, "keep").varint(3, 9).toByteArray();
        ProtoMessage message = ProtoMessage.parse(bytes);

        var copy = new GemmModel.Proto();
        message.fields().stream().filter(f -> f.number() != 3).forEach(f -> copy.encoded(message.encoded(f)));

        assertThat(copy.toByteArray()).isEqualTo(new GemmModel.Proto().varint(1, 7).string(2, "keep").toByteArray());
        assertThat(message.value(message.fields().get(1))).isEqualTo("keep".getBytes());
    }

    @Test
    void a_message_cut_short_is_refused() {
        byte[] bytes = new GemmModel.Proto().string(2, "abcdef").toByteArray();

        assertThatThrownBy(() -> ProtoMessage.parse(Arrays.copyOf(bytes, bytes.length - 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past the message's end");
        assertThatThrownBy(() -> ProtoMessage.parse(new byte[] {(byte) 0x80}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
