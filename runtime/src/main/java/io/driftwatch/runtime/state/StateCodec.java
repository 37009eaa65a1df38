package io.driftwatch.runtime.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The byte form of the processors' own state objects (kept in stores, sent in partials), written
 * field by field with {@link DataOutputStream}: one place for the stream plumbing, so that each
 * state class only lists its fields.
 */
public final class StateCodec {

    /** Writes one object's fields. */
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads one object's fields. */
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** Reads one object's fields as the format it was written in lays them out. */
    public interface VersionedReader<T> {
        T read(int format, DataInputStream in) throws IOException;
    }

    /** A generated Avro class's {@code fromByteBuffer}. */
    public interface AvroDecoding<T> {
        T decode(ByteBuffer buffer) throws IOException;
    }

    /** A generated Avro class's {@code toByteBuffer} (its single-object encoding). */
    public interface AvroEncoding {
        ByteBuffer encode() throws IOException;
    }

    /**
     * The first byte of an object written with its format number. The state classes written before
     * formats existed each began with a length or a count of a few bytes, never with it, so such a
     * value still reads, as format 0.
     */
    private static final int FORMATTED = 0xFF;

    private StateCodec() {
    }

    /** Writes the format marker and {@code format}, then the fields: read back with {@link #read(byte[], String, VersionedReader)}. */
    public static byte[] write(int format, Writer writer) {
        return write(out -> {
            out.writeByte(FORMATTED);
            out.writeByte(format);
            writer.write(out);
        });
    }

    /**
     * Reads what {@link #write(int, Writer)} wrote, handing {@code reader} the format; bytes
     * without the marker were written before formats existed and read as format 0.
     *
     * @param what what the bytes hold, for the error when they end too soon
     */
    public static <T> T read(byte[] bytes, String what, VersionedReader<T> reader) {
        boolean formatted = bytes.length >= 2 && (bytes[0] & 0xFF) == FORMATTED;
        return read(bytes, what, in -> {
            int format = 0;
            if (formatted) {
                in.readByte();
                format = in.readUnsignedByte();
            }
            return reader.read(format, in);
        });
    }

    public static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @param what what the bytes hold, for the error when they end too soon */
    public static <T> T read(byte[] bytes, String what, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return reader.read(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated " + what, e);
        }
    }

    /** An Avro record kept in state, as the bytes of its single-object encoding: {@code avro(record::toByteBuffer)}. */
    public static byte[] avro(AvroEncoding encoding) {
        try {
            ByteBuffer buffer = encoding.encode();
            byte[] array = new byte[buffer.remaining()];
            buffer.get(array);
            return array;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads back what {@link #avro(AvroEncoding)} wrote: {@code avro(bytes, Record::fromByteBuffer)}. */
    public static <T> T avro(byte[] bytes, AvroDecoding<T> decoding) {
        try {
            return decoding.decode(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("an Avro record in state that does not decode", e);
        }
    }

    /** Writes bytes with their length; null as length -1. */
    public static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            out.write(value);
        }
    }

    /** Reads what {@link #writeBytes} wrote. */
    public static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }
}
