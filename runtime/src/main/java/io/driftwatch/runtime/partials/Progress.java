package io.driftwatch.runtime.partials;

import io.driftwatch.runtime.state.StateCodec;
import java.nio.charset.StandardCharsets;

/**
 * How far one input partition has got with one stream of records (e.g. predictions, labels):
 * every partial it has sent so far covers all of its records up to {@code eventTime}. Sent after the partials on each flush, to
 * every merging task, which closes a slice only when every partition that is not idle has passed
 * it (a watermark); so a partition that lags during a catch-up holds the slices back instead of
 * turning its records late.
 *
 * @param idle true when the partition has had no record of this kind for the idle timeout; an
 *             idle partition does not hold the slices back
 */
public record Progress(String stream, int partition, long eventTime, boolean idle) {

    /** The key of progress records; partials' routing keys never start with NUL. */
    public static final String KEY = "\u0000progress";

    /** Format 1 added the format number; format 0 wrote the stream name's length as an int, then the same fields. */
    private static final int FORMAT = 1;

    public byte[] toBytes() {
        return StateCodec.write(FORMAT, out -> {
            out.writeUTF(stream);
            out.writeInt(partition);
            out.writeLong(eventTime);
            out.writeBoolean(idle);
        });
    }

    public static Progress fromBytes(byte[] bytes) {
        return StateCodec.read(bytes, "progress", (format, in) -> {
            String stream;
            if (format == 0) {
                byte[] name = new byte[in.readInt()];
                in.readFully(name);
                stream = new String(name, StandardCharsets.UTF_8);
            } else {
                stream = in.readUTF();
            }
            return new Progress(stream, in.readInt(), in.readLong(), in.readBoolean());
        });
    }
}
