package io.driftwatch.drift.profile;

import io.driftwatch.events.MomentSums;
import io.driftwatch.events.NumericMoments;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The means and co-moments of a fixed set of numeric features over the rows that hold all of
 * them, in one pass and mergeable (Chan, Golub &amp; LeVeque 1979): the covariance the multivariate
 * drift test reads, kept as sums so that partitions and slices add up. Rows go round-robin to
 * {@link #GROUPS} groups, so that a reference can fit its principal components on some groups and
 * measure its own reconstruction error, and how much that error varies, on the others: measured
 * on the rows it was fitted on, the error is biased low (the discarded components are the sample's
 * smallest), and its variation from group to group is what heavy-tailed features make larger.
 *
 * <p>Only a reference needs the groups; a window is tested against all its rows. So the summaries
 * of a model version that already has a reference keep one group ({@link #ungrouped}), a tenth
 * of the bytes to store and send, and merging the two kinds keeps one group.
 */
public final class JointMoments {

    /** Groups of rows: the first {@link #FIT_GROUPS} fit the components, the rest check them. */
    public static final int GROUPS = 10;
    public static final int FIT_GROUPS = 2;

    /**
     * The most numeric features kept together: the co-moments grow with the square (30 make 465
     * per group, 40 KiB a summary), and so does the cost per row.
     */
    public static final int MAX_FEATURES = 30;

    private final List<String> features;
    /** {@link #GROUPS} groups, or one. */
    private Sums[] groups;
    private long count;

    /** @param features the features, in the order of every row given to {@link #add} */
    public JointMoments(List<String> features) {
        this(features, GROUPS);
    }

    private JointMoments(List<String> features, int groupCount) {
        if (groupCount != GROUPS && groupCount != 1) {
            throw new IllegalArgumentException("joint moments keep " + GROUPS + " groups or one, not " + groupCount);
        }
        this.features = List.copyOf(features);
        this.groups = new Sums[groupCount];
        for (int g = 0; g < groupCount; g++) {
            groups[g] = new Sums(features.size());
        }
    }

    /** Moments of all the rows in one group: enough to be tested, not to become a reference. */
    public static JointMoments ungrouped(List<String> features) {
        return new JointMoments(features, 1);
    }

    /** Adds one row, its values in the order of {@link #features()}, all finite. */
    public void add(double[] row) {
        groups[(int) (count++ % groups.length)].add(row);
    }

    /** Adds another summary of the same features, group to group; when either is {@link #grouped() ungrouped}, as one group. */
    public void merge(JointMoments other) {
        if (!features.equals(other.features)) {
            throw new IllegalArgumentException("joint moments of different features: " + features + " and " + other.features);
        }
        if (groups.length != other.groups.length) {
            groups = new Sums[] {whole()};
            groups[0].merge(other.whole());
        } else {
            for (int g = 0; g < groups.length; g++) {
                groups[g].merge(other.groups[g]);
            }
        }
        count += other.count;
    }

    public List<String> features() {
        return features;
    }

    public long count() {
        return count;
    }

    /** Whether the rows are kept in {@link #GROUPS} groups, as a reference needs them. */
    public boolean grouped() {
        return groups.length == GROUPS;
    }

    /** One group of the rows; only when {@link #grouped()}. */
    public Sums group(int which) {
        return groups[which];
    }

    /** The rows of groups [from, to); only when {@link #grouped()}. */
    public Sums groups(int from, int to) {
        Sums sums = new Sums(features.size());
        for (int g = from; g < to; g++) {
            sums.merge(groups[g]);
        }
        return sums;
    }

    /** All the rows. */
    public Sums whole() {
        return groups(0, groups.length);
    }

    /** The bytes {@link #write} writes (names counted as ASCII). */
    public long encodedSize() {
        long bytes = Byte.BYTES + Integer.BYTES;
        for (String feature : features) {
            bytes += Short.BYTES + feature.length();
        }
        return bytes + (long) groups.length * groups[0].blockSize();
    }

    public NumericMoments toAvro() {
        List<MomentSums> sums = new ArrayList<>(groups.length);
        for (Sums group : groups) {
            sums.add(group.toAvro());
        }
        return NumericMoments.newBuilder().setFeatures(new ArrayList<>(features)).setGroups(sums).build();
    }

    /** The sums exactly as kept, without boxing or conversion: a partial's own encoding, read back by {@link #read}. */
    public void write(DataOutputStream out) throws IOException {
        out.writeByte(groups.length);
        out.writeInt(features.size());
        for (String feature : features) {
            out.writeUTF(feature);
        }
        for (Sums group : groups) {
            group.write(out);
        }
    }

    public static JointMoments read(DataInputStream in) throws IOException {
        return read(in, in.readByte());
    }

    /** Reads what {@link #write} wrote after the number of groups; partials of format 2 hold ten groups without that number. */
    public static JointMoments read(DataInputStream in, int groupCount) throws IOException {
        int size = in.readInt();
        List<String> features = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            features.add(in.readUTF());
        }
        JointMoments moments = new JointMoments(features, groupCount);
        for (Sums group : moments.groups) {
            group.read(in);
            moments.count += group.count;
        }
        return moments;
    }

    public static JointMoments of(NumericMoments avro) {
        JointMoments moments = new JointMoments(avro.getFeatures(), avro.getGroups().size());
        for (int g = 0; g < moments.groups.length; g++) {
            moments.groups[g].read(avro.getGroups().get(g));
            moments.count += moments.groups[g].count();
        }
        return moments;
    }

    /**
     * Count, means and co-moments (upper triangle by row, diagonal included) of some rows, kept
     * as sums of the rows' offsets from a shift (the first row): a row costs d subtractions and
     * d(d+1)/2 multiply-adds, with no division and no running mean to wait for. The offsets stay
     * within a few standard deviations, so the sums lose no precision that matters.
     */
    public static final class Sums {

        private long count;
        private final double[] shift;
        private final double[] sums;
        private final double[] products;
        private final double[] offset;

        Sums(int features) {
            this.shift = new double[features];
            this.sums = new double[features];
            this.products = new double[features * (features + 1) / 2];
            this.offset = new double[features];
        }

        void add(double[] row) {
            int d = shift.length;
            if (count == 0) {
                System.arraycopy(row, 0, shift, 0, d);
            }
            count++;
            for (int i = 0; i < d; i++) {
                double y = row[i] - shift[i];
                offset[i] = y;
                sums[i] += y;
            }
            // Row i of the upper triangle starts at i·d − i(i−1)/2; written as base + j so that the
            // JIT can drop the bounds checks and unroll.
            for (int i = 0; i < d; i++) {
                double yi = offset[i];
                int base = i * d - i * (i - 1) / 2 - i;
                for (int j = i; j < d; j++) {
                    products[base + j] += yi * offset[j];
                }
            }
        }

        void merge(Sums other) {
            if (other.count == 0) {
                return;
            }
            int d = shift.length;
            if (count == 0) {
                System.arraycopy(other.shift, 0, shift, 0, d);
            }
            // The other rows' sums, moved to this shift: Σ(x − s) = Σ(x − s') + n (s' − s).
            for (int i = 0; i < d; i++) {
                offset[i] = other.shift[i] - shift[i];
            }
            int k = 0;
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    products[k] += other.products[k] + offset[i] * other.sums[j] + offset[j] * other.sums[i]
                            + other.count * offset[i] * offset[j];
                    k++;
                }
            }
            for (int i = 0; i < d; i++) {
                sums[i] += other.sums[i] + other.count * offset[i];
            }
            count += other.count;
        }

        public long count() {
            return count;
        }

        public double mean(int i) {
            return count == 0 ? 0 : shift[i] + sums[i] / count;
        }

        /** The population covariance of features i and j. */
        public double covariance(int i, int j) {
            int low = Math.min(i, j);
            int high = Math.max(i, j);
            int d = shift.length;
            return count == 0 ? 0
                    : (products[low * d - low * (low - 1) / 2 + (high - low)] - sums[low] * sums[high] / count) / count;
        }

        private MomentSums toAvro() {
            int d = shift.length;
            List<Double> means = new ArrayList<>(d);
            for (int i = 0; i < d; i++) {
                means.add(mean(i));
            }
            List<Double> comoments = new ArrayList<>(products.length);
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    comoments.add(covariance(i, j) * count);
                }
            }
            return MomentSums.newBuilder().setCount(count).setMeans(means).setComoments(comoments).build();
        }

        /** Count, shift, sums and products in one big-endian block, as {@link DataOutputStream} would write them one by one. */
        private void write(DataOutputStream out) throws IOException {
            ByteBuffer block = ByteBuffer.allocate(blockSize()).putLong(count);
            block.asDoubleBuffer().put(shift).put(sums).put(products);
            out.write(block.array());
        }

        private void read(DataInputStream in) throws IOException {
            byte[] bytes = new byte[blockSize()];
            in.readFully(bytes);
            ByteBuffer block = ByteBuffer.wrap(bytes);
            count = block.getLong();
            block.asDoubleBuffer().get(shift).get(sums).get(products);
        }

        private int blockSize() {
            return Long.BYTES + Double.BYTES * (shift.length + sums.length + products.length);
        }

        /** Reads means and co-moments: the means become the shift, so the sums of offsets are 0. */
        private void read(MomentSums avro) {
            if (avro.getMeans().size() != shift.length || avro.getComoments().size() != products.length) {
                throw new IllegalArgumentException("numeric moments of " + shift.length + " features with "
                        + avro.getMeans().size() + " means and " + avro.getComoments().size() + " co-moments");
            }
            count = avro.getCount();
            for (int i = 0; i < shift.length; i++) {
                shift[i] = avro.getMeans().get(i);
            }
            for (int k = 0; k < products.length; k++) {
                products[k] = avro.getComoments().get(k);
            }
        }
    }
}
