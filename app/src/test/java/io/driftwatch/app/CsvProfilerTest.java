package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.events.NumericProfile;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CsvProfilerTest {

    @BeforeAll
    static void trust() {
        TrustedAvroPackages.trustEvents();
    }

    private static CsvProfiler.Result profile(String csv, String label, String prediction) throws IOException {
        return profile(csv, CsvProfiler.Columns.of(label, prediction));
    }

    private static CsvProfiler.Result profile(String csv, CsvProfiler.Columns columns) throws IOException {
        return CsvProfiler.profile(new BufferedReader(new StringReader(csv)), "churn", "2", TaskType.BINARY_CLASSIFICATION,
                100, columns, rows -> { });
    }

    @Test
    void shouldProfileNumericAndCategoricalColumnsAndLeaveTheTargetOut() throws IOException {
        String csv = String.join("\n",
                "tenure,plan,\"monthly, eur\",churned,score",
                "12,basic,20.5,0,0.1",
                "3,\"pro \"\"plus\"\"\",99,1,0.8",
                ",basic,15,0,0.3",
                "40,pro,abc,0,0.2",
                "7,basic,30") + "\n";
        CsvProfiler.Result result = profile(csv, new CsvProfiler.Columns("churned", "score", Set.of(),
                Set.of("monthly, eur"), "1", null));
        ReferenceProfile profile = result.profile();

        assertThat(result.rows()).isEqualTo(4);
        assertThat(result.badRows()).isEqualTo(1);
        // 'monthly, eur' holds a non-number among numbers, and is declared categorical: no bad value.
        assertThat(result.badValues()).isZero();
        assertThat(result.problems()).containsExactly("line 6: 3 fields, the header has 5");
        assertThat(profile.getNumericFeatures()).containsOnlyKeys("tenure");
        assertThat(profile.getCategoricalFeatures()).containsOnlyKeys("plan", "monthly, eur");
        NumericProfile tenure = profile.getNumericFeatures().get("tenure");
        assertThat(tenure.getCount()).isEqualTo(3);
        assertThat(tenure.getMissingCount()).isEqualTo(1);
        assertThat(tenure.getMean()).isCloseTo((12 + 3 + 40) / 3.0, within(1e-12));
        assertThat(profile.getCategoricalFeatures().get("plan").getCategoryCounts())
                .isEqualTo(Map.of("basic", 2L, "pro \"plus\"", 1L, "pro", 1L));
        assertThat(profile.getScore().getCount()).isEqualTo(4);
        assertThat(profile.getPredictedLabel()).isNull();
        assertThat(profile.getSampleCount()).isEqualTo(4);
        // Labelled rows with a score: the performance on the reference (only 0.8 predicts the positive class).
        assertThat(profile.getPerformance().getSampleCount()).isEqualTo(4);
        assertThat(profile.getPerformance().getPositiveRate()).isEqualTo(0.25);
        assertThat(profile.getPerformance().getAccuracy()).isEqualTo(1.0);
        assertThat(profile.getPerformance().getRocAuc()).isEqualTo(1.0);
    }

    /** Classes 1, 2 and 3 look like numbers; with a probability prefix the predicted label stays a class. */
    @Test
    void aMulticlassModelsProbabilityColumnsShouldGiveItsPerClassPerformanceAndNoFeature() throws IOException {
        String csv = String.join("\n",
                "tenure,species,predicted,proba_1,proba_2,proba_3",
                "12,1,1,0.7,0.2,0.1",
                "3,2,2,0.1,0.8,0.1",
                "40,3,2,0.2,0.5,0.3",
                "7,3,3,0.1,0.1,0.8") + "\n";
        ReferenceProfile profile = CsvProfiler.profile(new BufferedReader(new StringReader(csv)), "iris", "1",
                TaskType.MULTICLASS_CLASSIFICATION, 100, new CsvProfiler.Columns("species", "predicted", Set.of(), Set.of(),
                        "1", "proba_"), rows -> { }).profile();

        assertThat(profile.getNumericFeatures()).containsOnlyKeys("tenure");
        assertThat(profile.getPerformance()).isNull();
        assertThat(profile.getMulticlassPerformance().getSampleCount()).isEqualTo(4);
        assertThat(profile.getMulticlassPerformance().getAccuracy()).isEqualTo(0.75);
        assertThat(profile.getMulticlassPerformance().getClasses()).extracting(c -> c.getPositiveLabel(), c -> c.getRecall())
                .containsExactly(tuple("1", 1.0), tuple("2", 1.0), tuple("3", 0.5));
    }

    @Test
    void aProbabilityPrefixShouldNeedAMulticlassTaskAndMatchingColumns() {
        CsvProfiler.Columns columns = new CsvProfiler.Columns("y", "predicted", Set.of(), Set.of(), "1", "proba_");
        assertThatThrownBy(() -> profile("y,predicted,proba_a\na,a,0.9\n", columns))
                .hasMessageContaining("--probability-prefix needs --task multiclass_classification");
        assertThatThrownBy(() -> CsvProfiler.profile(new BufferedReader(new StringReader("y,predicted,p_a\na,a,0.9\n")),
                "iris", "1", TaskType.MULTICLASS_CLASSIFICATION, 100, columns, rows -> { }))
                .hasMessageContaining("no column starts with the probability prefix 'proba_'");
    }

    @Test
    void aPredictedLabelWithoutAScoreShouldGiveNoPerformance() throws IOException {
        ReferenceProfile profile = profile("x,churned,predicted\n1,yes,no\n2,no,no\n", "churned", "predicted").profile();
        assertThat(profile.getPredictedLabel().getCount()).isEqualTo(2);
        assertThat(profile.getPerformance()).isNull();
    }

    @Test
    void aColumnIsNumericOnlyWhenEveryValueOfTheSampleIsANumber() throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < CsvProfiler.SAMPLE + 500; i++) {
            csv.append(i).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        csv.append("oops,c\n");
        CsvProfiler.Result result = profile(csv.toString(), null, null);
        assertThat(result.rows()).isEqualTo(CsvProfiler.SAMPLE + 501);
        assertThat(result.profile().getNumericFeatures().get("x").getMissingCount()).isEqualTo(1);
        assertThat(result.badValues()).isEqualTo(1);
        assertThat(result.problems()).containsExactly("line " + (CsvProfiler.SAMPLE + 502)
                + ": column 'x' is numeric but holds a non-number (counted as missing)");
    }

    @Test
    void aColumnOfNumbersWithAFewOthersShouldBeRefusedNamingItsLinesUntilItsTypeIsGiven() throws IOException {
        String csv = "tenure,plan\n12,basic\n3,pro\nN/A,basic\n40,pro\nn.a.,basic\n";

        assertThatThrownBy(() -> profile(csv, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tenure': 2 of 5 values are not numbers (lines 4, 6)")
                .hasMessageContaining("--numeric NAME").hasMessageContaining("--categorical NAME");
        CsvProfiler.Result numeric = profile(csv, new CsvProfiler.Columns(null, null, Set.of("tenure"), Set.of(), "1", null));
        assertThat(numeric.profile().getNumericFeatures().get("tenure").getCount()).isEqualTo(3);
        assertThat(numeric.profile().getNumericFeatures().get("tenure").getMissingCount()).isEqualTo(2);
        assertThat(numeric.problems()).containsExactly(
                "line 4: column 'tenure' is numeric but holds a non-number (counted as missing)",
                "line 6: column 'tenure' is numeric but holds a non-number (counted as missing)");
        CsvProfiler.Result categorical = profile(csv, new CsvProfiler.Columns(null, null, Set.of(), Set.of("tenure"), "1", null));
        assertThat(categorical.profile().getCategoricalFeatures().get("tenure").getCategoryCounts()).containsKeys("N/A", "12");
        // Mostly words with a number among them: categories, as before.
        assertThat(profile("size\nS\nM\n42\nL\n", null, null).profile().getCategoricalFeatures()).containsOnlyKeys("size");
    }

    @Test
    void aByteOrderMarkShouldNotBecomePartOfTheFirstColumnsName() throws IOException {
        CsvProfiler.Result result = profile("\uFEFFage,plan,label\n31,basic,1\n45,pro,0\n", "label", null);

        assertThat(result.profile().getNumericFeatures()).containsOnlyKeys("age");
    }

    @Test
    void aMissingColumnAnEmptyOrHeaderOnlyFileAndADuplicateNameShouldFailNamingIt() {
        assertThatThrownBy(() -> profile("a,b\n1,2\n", "target", null)).hasMessageContaining("target");
        assertThatThrownBy(() -> profile("a,b\n1,2\n", new CsvProfiler.Columns(null, null, Set.of("c"), Set.of(), "1", null)))
                .hasMessageContaining("no column 'c'");
        assertThatThrownBy(() -> profile("", null, null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> profile("a,b\n", null, null)).hasMessageContaining("no data rows after the header");
        assertThatThrownBy(() -> profile("a,b\n1\n2\n", null, null)).hasMessageContaining("no data rows after the header")
                .hasMessageContaining("all 2 rows are bad");
        assertThatThrownBy(() -> profile("a,b,a\n1,2,3\n", null, null))
                .hasMessageContaining("names column 'a' twice (columns 1 and 3)");
        assertThat(CsvProfiler.parse("a,\"b,c\",\"d\"\"e\"")).isEqualTo(List.of("a", "b,c", "d\"e"));
        assertThat(CsvProfiler.parse("a,\"b")).isNull();
    }
}
