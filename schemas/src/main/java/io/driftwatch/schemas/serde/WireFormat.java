package io.driftwatch.schemas.serde;

import java.nio.ByteBuffer;

/**
 * Confluent's wire format: byte 0 is the magic byte 0, bytes 1–4 the schema id as a big-endian
 * int32, then the Avro binary encoding of the datum (no container-file header).
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Writes the 5-byte header into the start of the buffer. */
    public static void writeHeader(ByteBuffer buffer, int schemaId) {
        buffer.put(MAGIC_BYTE).putInt(schemaId);
    }

    /** Reads the schema id from the header, or throws a poison-pill error naming what is wrong. */
    public static int schemaId(byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new PoisonPillException(PoisonPillException.Reason.TOO_SHORT,
                    data.length + " bytes, fewer than the " + HEADER_SIZE + "-byte wire-format header", null);
        }
        if (data[0] != MAGIC_BYTE) {
            throw new PoisonPillException(PoisonPillException.Reason.BAD_MAGIC_BYTE,
                    String.format("first byte is 0x%02x, expected 0x00", data[0]), null);
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }
}
