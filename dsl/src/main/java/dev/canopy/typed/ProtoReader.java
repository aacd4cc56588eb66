package dev.canopy.typed;

/**
 * Just enough of the protocol-buffers wire format to read {@code kotlin.Metadata}: varints, length-delimited
 * messages and skipping whatever else a message holds. Reads a slice of one array, never copies it.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] bytes;
    private int pos;
    private final int limit;

    ProtoReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private ProtoReader(byte[] bytes, int pos, int limit) {
        this.bytes = bytes;
        this.pos = pos;
        this.limit = limit;
    }

    boolean more() {
        return pos < limit;
    }

    /** The next field's tag: field number {@code << 3 |} wire type. */
    int tag() {
        return (int) varint();
    }

    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new IllegalStateException("truncated varint");
            }
            byte b = bytes[pos++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new IllegalStateException("malformed varint");
    }

    int int32() {
        return (int) varint();
    }

    /** A length-delimited field as a reader of its own bytes; this reader moves past it. */
    ProtoReader message() {
        int length = int32();
        if (length < 0 || pos + length > limit) {
            throw new IllegalStateException("truncated message");
        }
        ProtoReader sub = new ProtoReader(bytes, pos, pos + length);
        pos += length;
        return sub;
    }

    /** What remains of this reader, as a reader of its own. */
    ProtoReader rest() {
        return new ProtoReader(bytes, pos, limit);
    }

    String string() {
        ProtoReader m = message();
        return new String(bytes, m.pos, m.limit - m.pos, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A repeated int32 field, packed ({@code LENGTH_DELIMITED}) or written one value per tag. */
    int[] ints(int wireType) {
        if (wireType == VARINT) {
            return new int[] {int32()};
        }
        ProtoReader m = message();
        int[] out = new int[0];
        while (m.more()) {
            out = java.util.Arrays.copyOf(out, out.length + 1);
            out[out.length - 1] = m.int32();
        }
        return out;
    }

    void skip(int wireType) {
        switch (wireType) {
            case VARINT: varint(); break;
            case FIXED64: pos += 8; break;
            case LENGTH_DELIMITED: message(); break;
            case FIXED32: pos += 4; break;
            default: throw new IllegalStateException("unsupported wire type " + wireType);
        }
    }
}
