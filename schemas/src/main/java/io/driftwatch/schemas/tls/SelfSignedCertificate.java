package io.driftwatch.schemas.tls;

import io.driftwatch.schemas.registry.RegistryClientConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for localhost and 127.0.0.1, in a PKCS12 key store, with a trust
 * store holding the certificate: enough TLS for the secure demo and the tests, made with the
 * JDK's own {@code keytool} so that no extra library is needed. Not for production, where
 * certificates come from the operator's CA.
 *
 * @param password the password of both stores (random)
 */
public record SelfSignedCertificate(Path keyStore, Path trustStore, String password) {

    /** Generates a fresh certificate under {@code dir}, valid for 30 days. */
    public static SelfSignedCertificate generate(Path dir, String commonName) {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path keyStore = dir.resolve(commonName + "-keystore.p12");
        Path trustStore = dir.resolve(commonName + "-truststore.p12");
        Path certificate = dir.resolve(commonName + ".crt");
        keytool("-genkeypair", "-alias", commonName, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=" + commonName, "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password);
        keytool("-exportcert", "-alias", commonName, "-keystore", keyStore.toString(), "-storepass", password,
                "-rfc", "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", commonName, "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", password);
        return new SelfSignedCertificate(keyStore, trustStore, password);
    }

    public RegistryClientConfig.StoreConfig keyStoreConfig() {
        return new RegistryClientConfig.StoreConfig(keyStore, password, "PKCS12");
    }

    public RegistryClientConfig.StoreConfig trustStoreConfig() {
        return new RegistryClientConfig.StoreConfig(trustStore, password, "PKCS12");
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
