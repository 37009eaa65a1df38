package io.driftwatch.drift.concept;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The byte form of a detector: a kind byte, a format byte, then the detector's own fields in a
 * fixed order. Kept in a state store, so that a restart resumes every detector exactly. Format 2
 * changed Page–Hinkley's and ADWIN's fields; their readers still read format 1, so state written
 * by an earlier version resumes.
 */
final class DetectorCodec {

    static final byte DDM = 1;
    static final byte EDDM = 2;
    static final byte PAGE_HINKLEY = 3;
    static final byte HDDM_A = 4;
    static final byte ADWIN = 5;
    private static final byte FORMAT = 2;

    /** Writes one detector's fields. */
    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private DetectorCodec() {
    }

    static byte[] write(byte kind, Writer fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(kind);
            out.writeByte(FORMAT);
            fields.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ConceptDriftDetector read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte kind = in.readByte();
            byte format = in.readByte();
            if (format != FORMAT && format != 1) {
                throw new IllegalArgumentException("detector state in unknown format " + format);
            }
            return switch (kind) {
                case DDM -> DdmDetector.read(in);
                case EDDM -> EddmDetector.read(in);
                case PAGE_HINKLEY -> PageHinkleyDetector.read(in, format);
                case HDDM_A -> HddmAverageDetector.read(in);
                case ADWIN -> AdwinDetector.read(in, format);
                default -> throw new IllegalArgumentException("unknown detector kind " + kind);
            };
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated detector state", e);
        }
    }
}
