package io.driftwatch.runtime.partials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SliceKeysTest {

    @Test
    void keysShouldSortByPrefixThenTimeWhateverTheNumberOfDigits() {
        List<String> keys = List.of(SliceKeys.key("o", 120_000, "m/1", "*"), SliceKeys.key("o", 60_000, "z/1", "*"),
                SliceKeys.key("o", 1_764_000_000_000L, "a/1", "*"), SliceKeys.key("c", 999_999_999_999L, "m/1"));

        assertThat(new TreeSet<>(keys)).containsExactly(keys.get(3), keys.get(1), keys.get(0), keys.get(2));
        assertThat(SliceKeys.key("o", 60_000, "m/1", "*")).isEqualTo("o|0000000000000060000|m/1|*");
        assertThat(SliceKeys.padded(-5)).isEqualTo("0000000000000000000");
        assertThat(SliceKeys.padded(Long.MAX_VALUE)).hasSize(19);
    }
}
