package io.driftwatch.drift.profile;

import io.driftwatch.events.MomentSums;
import io.driftwatch.events.NumericMoments;
import java.util.ArrayList;
import java.util.List;

/**
 * The means and co-moments of a fixed set of numeric features over the rows that hold all of
 * them, in one pass (Welford's update for a vector) and mergeable (Chan, Golub &amp; LeVeque 1979):
 * the covariance the multivariate drift test reads, kept as sums so that partitions and slices add
 * up. Rows alternate between two halves, so that a reference can fit its principal components on
 * one half and measure its own reconstruction error on the other: measured on the rows it was fitted
 * on, the error is biased low (the discarded components are the sample's smallest), and every
 * window would look drifted.
 */
public final class JointMoments {

    /**
     * The most numeric features kept together: their co-moments grow with the square (50 make
     * 1 275 per half, 20 KiB a summary), and so does the cost per row (about 0.6 µs at 50).
     */
    public static final int MAX_FEATURES = 50;

    private final List<String> features;
    private final Sums[] halves;

    /** @param features the features, in the order of every row given to {@link #add} */
    public JointMoments(List<String> features) {
        this.features = List.copyOf(features);
        this.halves = new Sums[] {new Sums(features.size()), new Sums(features.size())};
    }

    /** Adds one row, its values in the order of {@link #features()}, all finite. */
    public void add(double[] row) {
        halves[(int) (count() & 1)].add(row);
    }

    /** Adds another summary of the same features, half to half. */
    public void merge(JointMoments other) {
        if (!features.equals(other.features)) {
            throw new IllegalArgumentException("joint moments of different features: " + features + " and " + other.features);
        }
        halves[0].merge(other.halves[0]);
        halves[1].merge(other.halves[1]);
    }

    public List<String> features() {
        return features;
    }

    public long count() {
        return halves[0].count + halves[1].count;
    }

    /** One half of the rows (0 or 1). */
    public Sums half(int which) {
        return halves[which];
    }

    /** All the rows. */
    public Sums whole() {
        Sums whole = new Sums(features.size());
        whole.merge(halves[0]);
        whole.merge(halves[1]);
        return whole;
    }

    public NumericMoments toAvro() {
        List<MomentSums> sums = new ArrayList<>(2);
        for (Sums half : halves) {
            sums.add(half.toAvro());
        }
        return NumericMoments.newBuilder().setFeatures(new ArrayList<>(features)).setHalves(sums).build();
    }

    public static JointMoments of(NumericMoments avro) {
        JointMoments moments = new JointMoments(avro.getFeatures());
        if (avro.getHalves().size() != 2) {
            throw new IllegalArgumentException("numeric moments need two halves, got " + avro.getHalves().size());
        }
        for (int h = 0; h < 2; h++) {
            moments.halves[h].read(avro.getHalves().get(h));
        }
        return moments;
    }

    /** Count, means and co-moments (upper triangle by row, diagonal included) of some rows. */
    public static final class Sums {

        private long count;
        private final double[] means;
        private final double[] comoments;
        /** Per row: its distance from the means before and after they moved to it. */
        private final double[] delta;
        private final double[] residual;

        Sums(int features) {
            this.means = new double[features];
            this.comoments = new double[features * (features + 1) / 2];
            this.delta = new double[features];
            this.residual = new double[features];
        }

        void add(double[] row) {
            count++;
            int d = means.length;
            double inverse = 1.0 / count;
            for (int i = 0; i < d; i++) {
                double di = row[i] - means[i];
                means[i] += di * inverse;
                delta[i] = di;
                residual[i] = row[i] - means[i];
            }
            // Row i of the upper triangle starts at offset(i); written as base + j so that the JIT
            // can drop the bounds checks and unroll.
            for (int i = 0; i < d; i++) {
                double di = delta[i];
                int base = i * d - i * (i - 1) / 2 - i;
                for (int j = i; j < d; j++) {
                    comoments[base + j] += di * residual[j];
                }
            }
        }

        void merge(Sums other) {
            if (other.count == 0) {
                return;
            }
            long total = count + other.count;
            double weight = (double) count * other.count / total;
            int d = means.length;
            for (int i = 0; i < d; i++) {
                delta[i] = other.means[i] - means[i];
            }
            int k = 0;
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    comoments[k] += other.comoments[k] + delta[i] * delta[j] * weight;
                    k++;
                }
            }
            for (int i = 0; i < d; i++) {
                means[i] += delta[i] * other.count / total;
            }
            count = total;
        }

        public long count() {
            return count;
        }

        public double mean(int i) {
            return means[i];
        }

        /** The population covariance of features i and j (co-moment over the count). */
        public double covariance(int i, int j) {
            int low = Math.min(i, j);
            int high = Math.max(i, j);
            int d = means.length;
            return count == 0 ? 0 : comoments[low * d - low * (low - 1) / 2 + (high - low)] / count;
        }

        private MomentSums toAvro() {
            List<Double> m = new ArrayList<>(means.length);
            for (double v : means) {
                m.add(v);
            }
            List<Double> c = new ArrayList<>(comoments.length);
            for (double v : comoments) {
                c.add(v);
            }
            return MomentSums.newBuilder().setCount(count).setMeans(m).setComoments(c).build();
        }

        private void read(MomentSums avro) {
            if (avro.getMeans().size() != means.length || avro.getComoments().size() != comoments.length) {
                throw new IllegalArgumentException("numeric moments of " + means.length + " features with "
                        + avro.getMeans().size() + " means and " + avro.getComoments().size() + " co-moments");
            }
            count = avro.getCount();
            for (int i = 0; i < means.length; i++) {
                means[i] = avro.getMeans().get(i);
            }
            for (int k = 0; k < comoments.length; k++) {
                comoments[k] = avro.getComoments().get(k);
            }
        }
    }
}
