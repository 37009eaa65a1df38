package io.driftwatch.metrics.estimation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The seeded cases of {@code estimation_cases.txt} (written by {@code estimation_refs.py}), one
 * list of rows per kind: isotonic points (x, y, weight), labelled reference rows (score, actual 1
 * for positive, predicted 1 for positive) and a window's predictions (score, predicted 1 for positive).
 */
public record EstimationCases(List<double[]> isotonic, List<double[]> reference, List<double[]> window) {

    public static EstimationCases read() {
        EstimationCases cases = new EstimationCases(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (InputStream in = EstimationCases.class.getResourceAsStream("/estimation_cases.txt");
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] f = line.split(" ");
                double[] values = new double[f.length - 1];
                for (int i = 1; i < f.length; i++) {
                    values[i - 1] = Double.parseDouble(f[i]);
                }
                (f[0].equals("I") ? cases.isotonic : f[0].equals("R") ? cases.reference : cases.window).add(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }
}
