package io.driftwatch.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** Schemas used only by tests. */
public final class TestSchemas {

    private TestSchemas() {
    }

    /**
     * The documented example evolution of PredictionEvent (src/test/resources/evolution): v1 plus
     * one optional field with a default, which must be BACKWARD and FORWARD compatible.
     */
    public static Schema predictionEventV2() {
        try (InputStream in = TestSchemas.class.getResourceAsStream("/evolution/PredictionEvent-v2.avsc")) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
