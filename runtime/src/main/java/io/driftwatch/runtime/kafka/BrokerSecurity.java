package io.driftwatch.runtime.kafka;

import io.driftwatch.schemas.tls.SelfSignedCertificate;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A broker that requires TLS and SASL/SCRAM-SHA-512 on its client listener and authorizes every
 * request with the standard authorizer, allowing nothing without an ACL: the setup Driftwatch is
 * expected to meet in production, for the secure demo and the security tests. The users and
 * their SCRAM credentials are written when the storage is formatted; {@code admin} is the only
 * super user of the client listener (the controller listener stays on loopback, in plain text,
 * because KRaft controllers cannot use SCRAM).
 *
 * @param certificate the broker's certificate; clients trust its trust store
 * @param passwords   password per user, {@code admin} included
 */
public record BrokerSecurity(SelfSignedCertificate certificate, Map<String, String> passwords) {

    public static final String ADMIN = "admin";
    public static final String MECHANISM = "SCRAM-SHA-512";

    public BrokerSecurity {
        passwords = Map.copyOf(passwords);
        if (!passwords.containsKey(ADMIN)) {
            throw new IllegalArgumentException("the broker needs an admin user");
        }
    }

    /** A fresh certificate under {@code dir} and random passwords for {@code admin} and each of {@code users}. */
    public static BrokerSecurity generate(Path dir, String... users) {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(ADMIN, randomPassword());
        for (String user : users) {
            passwords.put(user, randomPassword());
        }
        return new BrokerSecurity(SelfSignedCertificate.generate(dir, "kafka"), passwords);
    }

    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no such user: " + user);
        }
        return password;
    }

    /** The broker's listeners and security settings for a client listener on {@code brokerPort}. */
    Map<String, String> brokerProperties(int brokerPort, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("listeners", "SASL_SSL://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + brokerPort);
        p.put("inter.broker.listener.name", "SASL_SSL");
        p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(ADMIN, password(ADMIN)));
        p.put("ssl.keystore.location", certificate.keyStore().toString());
        p.put("ssl.keystore.password", certificate.password());
        p.put("ssl.key.password", certificate.password());
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.truststore.location", certificate.trustStore().toString());
        p.put("ssl.truststore.password", certificate.password());
        p.put("ssl.truststore.type", "PKCS12");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        // ANONYMOUS is the broker itself on the loopback controller listener.
        p.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        return p;
    }

    /** The users' SCRAM credentials, as arguments of {@code kafka-storage format}. */
    List<String> formatArguments() {
        List<String> args = new ArrayList<>();
        passwords.forEach((user, password) -> {
            args.add("--add-scram");
            args.add(MECHANISM + "=[name=" + user + ",password=" + password + "]");
        });
        return args;
    }

    /** Client properties (producer, consumer, admin, Streams) that log in as {@code user}. */
    public Map<String, Object> clientProperties(String user, String password) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", jaas(user, password));
        p.put("ssl.truststore.location", certificate.trustStore().toString());
        p.put("ssl.truststore.password", certificate.password());
        p.put("ssl.truststore.type", "PKCS12");
        return p;
    }

    public Map<String, Object> clientProperties(String user) {
        return clientProperties(user, password(user));
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String randomPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
