package io.driftwatch.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one rule every processor looks a model's entry up by. */
class ModelEntriesTest {

    @Test
    void anExactIdShouldBeatAnyGlobAndALongerLiteralPartAShorterOne() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("*", "any");
        entries.put("churn-*", "churn family");
        entries.put("churn-eu-?", "one eu churn model");
        entries.put("churn-eu-2", "exactly this one");
        ModelEntries<String> models = new ModelEntries<>(entries);

        assertThat(models.find("churn-eu-2")).isEqualTo("exactly this one");
        assertThat(models.find("churn-eu-3")).isEqualTo("one eu churn model");
        assertThat(models.find("churn-us")).isEqualTo("churn family");
        assertThat(models.find("basket")).isEqualTo("any");
        assertThat(models.find("churn-eu-3")).as("remembered, the same answer").isEqualTo("one eu churn model");
        assertThat(new ModelEntries<>(Map.of("churn-*", 1)).find("basket")).isNull();
    }
}
