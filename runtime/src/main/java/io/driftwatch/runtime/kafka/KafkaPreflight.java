package io.driftwatch.runtime.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * One round trip to the cluster before the processors start, so that a wrong password, an
 * untrusted certificate or an unreachable broker fails the start at once with a message that says
 * which, rather than as a processor dying (or retrying) later. Needs no ACL.
 */
public final class KafkaPreflight {

    private KafkaPreflight() {
    }

    private static IllegalStateException noAnswer(Object servers, Duration timeout, Throwable cause) {
        return new IllegalStateException("Kafka at " + servers + " did not answer within " + timeout.toSeconds()
                + " s: is a broker running there? (kafka.bootstrap.servers, kafka.security.protocol)", cause);
    }

    /** @throws IllegalStateException naming the cause: authentication, TLS, or no answer within {@code timeout} */
    public static void check(Map<String, Object> kafka, Duration timeout) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        Object servers = kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SslAuthenticationException) {
                throw new IllegalStateException("Kafka at " + servers + ": the TLS handshake failed (is the broker's "
                        + "certificate in kafka.ssl.truststore.location?): " + cause.getMessage(), cause);
            }
            if (cause instanceof AuthenticationException) {
                throw new IllegalStateException("Kafka at " + servers + " rejected Driftwatch's credentials (check the "
                        + "user and password in kafka.sasl.jaas.config): " + cause.getMessage(), cause);
            }
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw noAnswer(servers, timeout, cause);
            }
            throw new IllegalStateException("Kafka at " + servers + " did not answer: " + cause, cause);
        } catch (TimeoutException e) {
            throw noAnswer(servers, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reaching Kafka at " + servers, e);
        }
    }
}
