package io.driftwatch.drift;

import io.driftwatch.runtime.state.StateCodec;
import io.driftwatch.drift.concept.ErrorSamples;
import io.driftwatch.drift.profile.JointMoments;
import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.drift.profile.ProfileFitter;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.runtime.partials.PartialSummary;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

/**
 * A mergeable summary of one model version's records in one time slice: a profile of its
 * predictions, or the errors of its labelled predictions. Each input partition builds its own
 * partials and sends them, keyed by model, to the task that merges them; so a hot model's events
 * are summarised on every partition, and only summaries travel.
 */
final class Partial implements PartialSummary {

    enum Kind { PREDICTIONS, ERRORS }

    /**
     * Format 2 carries a prediction profile's joint moments beside it rather than in its Avro;
     * format 3 says how many groups they keep. 1 and 2 still read.
     */
    private static final byte FORMAT = 3;
    /** Errors per partial before it travels: 25 bytes each, so a partial stays near 250 KB, far below 1 MB records. */
    static final int MAX_ERRORS = 10_000;
    /**
     * Bound on a prediction profile's estimated encoding past which it travels before the next
     * record: with the widest event ingest accepts on top (about 200 KB) a partial stays under
     * Kafka's 1 MB records (DriftTopologyTest drives that event).
     */
    static final long MAX_PROFILE_BYTES = 384 * 1024;

    private final Kind kind;
    private final String modelId;
    private final String modelVersion;
    private final long sliceStart;
    private final int maxCategories;
    private final ProfileBuilder profile;
    private final ErrorSamples errors;
    private long maxEventTime = Long.MIN_VALUE;

    private Partial(Kind kind, String modelId, String modelVersion, long sliceStart, int maxCategories) {
        this.kind = kind;
        this.modelId = modelId;
        this.modelVersion = modelVersion;
        this.sliceStart = sliceStart;
        this.maxCategories = maxCategories;
        this.profile = kind == Kind.PREDICTIONS
                ? new ProfileBuilder(modelId, modelVersion, ProfileSource.OTHER, TaskType.UNKNOWN, maxCategories) : null;
        this.errors = kind == Kind.ERRORS ? new ErrorSamples() : null;
    }

    /**
     * @param forReference whether the predictions may become the version's reference (it has none
     *                     yet): only then do the joint moments keep their groups
     */
    static Partial predictions(String modelId, String modelVersion, long sliceStart, int maxCategories,
                               boolean forReference) {
        Partial partial = new Partial(Kind.PREDICTIONS, modelId, modelVersion, sliceStart, maxCategories);
        if (!forReference) {
            partial.profile.withoutMomentGroups();
        }
        return partial;
    }

    static Partial errors(String modelId, String modelVersion, long sliceStart) {
        return new Partial(Kind.ERRORS, modelId, modelVersion, sliceStart, 1);
    }

    /** The same model version and kind in another slice, e.g. for records that arrived after their own closed. */
    Partial movedTo(long otherSliceStart) {
        Partial moved = new Partial(kind, modelId, modelVersion, otherSliceStart, maxCategories);
        moved.merge(this);
        return moved;
    }

    void addPrediction(Map<String, Double> numeric, Map<String, String> categorical, Double score, String label,
                       long eventTime) {
        profile.add(numeric, categorical, score, label, Instant.ofEpochMilli(eventTime));
        maxEventTime = Math.max(maxEventTime, eventTime);
    }

    void addError(long eventTime, long tie, double error, boolean absolute) {
        errors.add(eventTime, tie, error, absolute);
        maxEventTime = Math.max(maxEventTime, eventTime);
    }

    void merge(Partial other) {
        if (other.kind != kind) {
            throw new IllegalArgumentException("cannot merge " + other.kind + " into " + kind);
        }
        if (kind == Kind.PREDICTIONS) {
            profile.merge(other.profile);
        } else {
            errors.addAll(other.errors);
        }
        maxEventTime = Math.max(maxEventTime, other.maxEventTime);
    }

    @Override
    public boolean full() {
        return kind == Kind.ERRORS ? errors.size() >= MAX_ERRORS : profile.encodedSizeBound() >= MAX_PROFILE_BYTES;
    }

    Kind kind() {
        return kind;
    }

    String modelId() {
        return modelId;
    }

    String modelVersion() {
        return modelVersion;
    }

    /** The key the partial travels under: all partials of a model version meet in one task. */
    @Override
    public String routingKey() {
        return modelKey();
    }

    String modelKey() {
        return modelKey(modelId, modelVersion);
    }

    /** Where a partition keeps the partial of a model version's slice. */
    static String sliceKey(String modelId, String modelVersion, long sliceStart) {
        return modelId + '\u0000' + modelVersion + '\u0000' + sliceStart;
    }

    static String modelKey(String modelId, String modelVersion) {
        return modelId + "/" + modelVersion;
    }

    @Override
    public long sliceStart() {
        return sliceStart;
    }

    /** The latest event time summarised: the merging task's clock advances by it. */
    long maxEventTime() {
        return maxEventTime;
    }

    long count() {
        return kind == Kind.PREDICTIONS ? profile.rows() : errors.size();
    }

    /** The profile of the slice's predictions (kind PREDICTIONS). */
    ReferenceProfile profile() {
        return profile.build(Instant.ofEpochMilli(Math.max(0, maxEventTime)));
    }

    /** The slice's errors (kind ERRORS). */
    ErrorSamples errors() {
        return errors;
    }

    @Override
    public byte[] toBytes() {
        return StateCodec.write(out -> {
            out.writeByte(FORMAT);
            out.writeByte(kind.ordinal());
            out.writeUTF(modelId);
            out.writeUTF(modelVersion);
            out.writeLong(sliceStart);
            out.writeLong(maxEventTime);
            out.writeInt(maxCategories);
            if (kind == Kind.ERRORS) {
                StateCodec.writeBytes(out, errors.toBytes());
                return;
            }
            StateCodec.writeBytes(out, encode(profile.buildForMerging(Instant.ofEpochMilli(Math.max(0, maxEventTime)))));
            JointMoments moments = profile.moments();
            out.writeBoolean(moments != null);
            if (moments != null) {
                moments.write(out);
            }
        });
    }

    /** Where a partial belongs: the head of its bytes, readable without decoding its summary. */
    record Slice(int format, Kind kind, String modelId, String modelVersion, long sliceStart) {

        String modelKey() {
            return Partial.modelKey(modelId, modelVersion);
        }

        private static Slice read(DataInputStream in) throws IOException {
            int format = in.readByte();
            if (format < 1 || format > FORMAT) {
                throw new IllegalArgumentException("partial summary in an unknown format " + format);
            }
            return new Slice(format, Kind.values()[in.readByte()], in.readUTF(), in.readUTF(), in.readLong());
        }
    }

    static Slice sliceOf(byte[] bytes) {
        return StateCodec.read(bytes, "partial summary", Slice::read);
    }

    static Partial fromBytes(byte[] bytes) {
        return StateCodec.read(bytes, "partial summary", in -> {
            Slice slice = Slice.read(in);
            long maxEventTime = in.readLong();
            int maxCategories = in.readInt();
            byte[] payload = StateCodec.readBytes(in);
            Partial restored = new Partial(slice.kind(), slice.modelId(), slice.modelVersion(), slice.sliceStart(),
                    maxCategories);
            if (slice.kind() == Kind.PREDICTIONS) {
                ReferenceProfile profile = decode(payload);
                if (slice.format() == 1) {
                    restored.profile.merge(profile); // the moments inside the profile
                } else if (!in.readBoolean()) {
                    restored.profile.merge(profile, null);
                } else {
                    restored.profile.merge(profile, slice.format() == 2 ? JointMoments.read(in, JointMoments.GROUPS)
                            : JointMoments.read(in));
                }
            } else {
                restored.errors.addAll(ErrorSamples.fromBytes(payload));
            }
            restored.maxEventTime = maxEventTime;
            return restored;
        });
    }

    /**
     * A profile in Avro's single-object encoding: internal state, read back by {@link #decode}; a
     * profile too large for a record is stored coarsened ({@link ProfileFitter}).
     */
    static byte[] encode(ReferenceProfile profile) {
        byte[] bytes = StateCodec.avro(profile::toByteBuffer);
        return bytes.length <= ProfileFitter.MAX_RECORD_BYTES ? bytes
                : StateCodec.avro(ProfileFitter.fitToRecord(profile)::toByteBuffer);
    }

    static ReferenceProfile decode(byte[] bytes) {
        try {
            return ReferenceProfile.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable profile in drift state", e);
        }
    }
}
