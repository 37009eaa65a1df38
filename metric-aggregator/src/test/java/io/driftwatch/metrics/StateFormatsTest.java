package io.driftwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.state.StateCodec;
import org.junit.jupiter.api.Test;

/** The merging task's state and the partials in transit, written before format numbers, still read after an upgrade. */
class StateFormatsTest {

    /** As format 0 wrote a window state: its fields, no format number. */
    private static byte[] windowStateFormat0(WindowState state) {
        return StateCodec.write(out -> {
            out.writeUTF(state.modelId);
            out.writeUTF(state.modelVersion);
            out.writeLong(state.windowStart);
            out.writeUTF(state.segment);
            out.writeInt(state.revision);
            out.writeLong(state.lateRecords);
            StateCodec.writeBytes(out, state.summary.toBytes());
        });
    }

    private static WindowState window() {
        WindowState state = new WindowState("churn", "2", 60_000, "country=DE", new WindowSummary());
        state.revision = 3;
        state.lateRecords = 7;
        return state;
    }

    @Test
    void aWindowStateOfEitherFormatShouldRead() {
        for (byte[] bytes : new byte[][] {window().toBytes(), windowStateFormat0(window())}) {
            WindowState read = WindowState.fromBytes(bytes);
            assertThat(read.modelId).isEqualTo("churn");
            assertThat(read.modelVersion).isEqualTo("2");
            assertThat(read.windowStart).isEqualTo(60_000);
            assertThat(read.segment).isEqualTo("country=DE");
            assertThat(read.revision).isEqualTo(3);
            assertThat(read.lateRecords).isEqualTo(7);
        }
    }

    /** Format 0 wrote the kind as its position in the enum, then the window state's bytes. */
    @Test
    void aPartialOfEitherFormatShouldReadWithItsKind() {
        byte[] state = windowStateFormat0(window());
        byte[] labels = new byte[state.length + 1];
        labels[0] = 1;
        System.arraycopy(state, 0, labels, 1, state.length);
        MetricPartial format0 = MetricPartial.fromBytes(labels);
        assertThat(format0.kind).isEqualTo(MetricPartial.Kind.LABELS);
        assertThat(format0.window.segment).isEqualTo("country=DE");
        assertThat(MetricPartial.headOf(labels)).isEqualTo(new MetricPartial.Head(MetricPartial.Kind.LABELS,
                new WindowState.Head("churn", "2", 60_000, "country=DE", 3, 7)));

        byte[] bytes = new MetricPartial(MetricPartial.Kind.PREDICTIONS, "churn", "2", 60_000, "*", new WindowSummary())
                .toBytes();
        MetricPartial current = MetricPartial.fromBytes(bytes);
        assertThat(current.kind).isEqualTo(MetricPartial.Kind.PREDICTIONS);
        assertThat(current.window.modelId).isEqualTo("churn");
        assertThat(MetricPartial.headOf(bytes)).isEqualTo(new MetricPartial.Head(MetricPartial.Kind.PREDICTIONS,
                new WindowState.Head("churn", "2", 60_000, "*", -1, 0)));
    }
}
