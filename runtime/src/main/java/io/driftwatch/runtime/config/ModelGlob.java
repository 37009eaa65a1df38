package io.driftwatch.runtime.config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** A model id or a glob over model ids: {@code *} matches any run of characters, {@code ?} one. */
public final class ModelGlob {

    /**
     * Each glob compiled once: rules, silences and per-model lists match them per record or
     * snapshot. Globs come from the configuration, so there are few.
     */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private ModelGlob() {
    }

    public static boolean matches(String glob, String modelId) {
        return COMPILED.computeIfAbsent(glob, ModelGlob::pattern).matcher(modelId).matches();
    }

    private static Pattern pattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** How specific a glob is: an exact id beats any glob, a longer literal part beats a shorter. */
    public static int specificity(String glob) {
        long wildcards = glob.chars().filter(c -> c == '*' || c == '?').count();
        return wildcards == 0 ? Integer.MAX_VALUE : glob.length() - (int) wildcards;
    }
}
