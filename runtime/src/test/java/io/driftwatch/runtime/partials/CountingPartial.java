package io.driftwatch.runtime.partials;

import java.nio.ByteBuffer;

/** The smallest partial summary, for the tests of the partials' plumbing: how many records a slice got. */
final class CountingPartial implements PartialSummary {

    final long sliceStart;
    long count;

    CountingPartial(long sliceStart) {
        this.sliceStart = sliceStart;
    }

    static CountingPartial fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        CountingPartial partial = new CountingPartial(buffer.getLong());
        partial.count = buffer.getLong();
        return partial;
    }

    @Override
    public long sliceStart() {
        return sliceStart;
    }

    @Override
    public String routingKey() {
        return "m";
    }

    @Override
    public byte[] toBytes() {
        return ByteBuffer.allocate(16).putLong(sliceStart).putLong(count).array();
    }
}
