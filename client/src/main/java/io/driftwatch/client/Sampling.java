package io.driftwatch.client;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Keeps a share of predictions decided by the prediction id alone (Kafka's murmur2 of its UTF-8
 * bytes), so that every process and both loggers keep the same ids: a kept prediction's ground
 * truth is kept too.
 */
final class Sampling {

    private Sampling() {
    }

    static boolean keeps(String predictionId, double rate) {
        if (rate >= 1) {
            return true;
        }
        int hash = Utils.toPositive(Utils.murmur2(predictionId.getBytes(StandardCharsets.UTF_8)));
        return hash < rate * Integer.MAX_VALUE;
    }
}
