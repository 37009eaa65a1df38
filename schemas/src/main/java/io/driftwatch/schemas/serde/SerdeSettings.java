package io.driftwatch.schemas.serde;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Serde behaviour beyond reaching the registry. Keys are Confluent's.
 *
 * @param autoRegister          producer side registers unknown schemas (else it only looks them up)
 * @param keySubjectStrategy    subject naming for keys
 * @param valueSubjectStrategy  subject naming for values
 */
public record SerdeSettings(boolean autoRegister, SubjectNameStrategy keySubjectStrategy,
                            SubjectNameStrategy valueSubjectStrategy) {

    public static final String AUTO_REGISTER = "auto.register.schemas";
    public static final String KEY_SUBJECT_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_STRATEGY = "value.subject.name.strategy";
    public static final String SPECIFIC_READER = "specific.avro.reader";

    public static final SerdeSettings DEFAULTS =
            new SerdeSettings(true, SubjectNameStrategy.TOPIC_NAME, SubjectNameStrategy.TOPIC_NAME);

    public static SerdeSettings fromMap(Map<String, ?> configs) {
        return new SerdeSettings(
                bool(configs, AUTO_REGISTER, true),
                SubjectNameStrategy.parse(KEY_SUBJECT_STRATEGY, configs.get(KEY_SUBJECT_STRATEGY)),
                SubjectNameStrategy.parse(VALUE_SUBJECT_STRATEGY, configs.get(VALUE_SUBJECT_STRATEGY)));
    }

    public SubjectNameStrategy strategy(boolean isKey) {
        return isKey ? keySubjectStrategy : valueSubjectStrategy;
    }

    static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
        Object raw = configs.get(key);
        if (raw == null) {
            return defaultValue;
        }
        String text = raw.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(key, raw, "expected true or false");
    }
}
