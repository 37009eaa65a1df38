package io.driftwatch.schemas.tls;

import io.driftwatch.schemas.registry.RegistryClientConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/** TLS contexts from key and trust stores on disk, for Driftwatch's HTTP servers and clients. */
public final class TlsContexts {

    private TlsContexts() {
    }

    /** A server's context: its certificate and key from {@code keyStore}; the error names {@code keyPrefix}. */
    public static SSLContext server(RegistryClientConfig.StoreConfig keyStore, String keyPrefix) {
        return context(Optional.empty(), Optional.of(keyStore), keyPrefix);
    }

    /**
     * A client's context.
     *
     * @param trustStore the certificates to trust; empty for the JVM's default trust store
     * @param keyStore   a client certificate, if the server asks for one
     */
    public static SSLContext context(Optional<RegistryClientConfig.StoreConfig> trustStore,
                                     Optional<RegistryClientConfig.StoreConfig> keyStore, String keyPrefix) {
        try {
            TrustManagerFactory tmf = null;
            if (trustStore.isPresent()) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(trustStore.get()));
            }
            KeyManagerFactory kmf = null;
            if (keyStore.isPresent()) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(keyStore.get()), keyStore.get().password().toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            // The message names the store's problem (wrong password, bad format), never the password.
            throw new ConfigException(keyPrefix + ": cannot set up TLS: " + e.getMessage());
        }
    }

    private static KeyStore load(RegistryClientConfig.StoreConfig store) throws GeneralSecurityException, IOException {
        KeyStore keyStore = KeyStore.getInstance(store.type());
        try (InputStream in = Files.newInputStream(store.location())) {
            keyStore.load(in, store.password().toCharArray());
        }
        return keyStore;
    }
}
