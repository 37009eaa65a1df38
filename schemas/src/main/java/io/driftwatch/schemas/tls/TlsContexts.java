package io.driftwatch.schemas.tls;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import io.driftwatch.schemas.registry.RegistryClientConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/** TLS contexts from key and trust stores on disk, for Driftwatch's HTTP servers and clients. */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * An HTTPS server's configuration: its certificate and key from {@code keyStore}; with
     * {@code clientTrustStore}, clients must present a certificate it trusts. Errors name {@code keyPrefix}.
     */
    public static HttpsConfigurator https(RegistryClientConfig.StoreConfig keyStore,
                                          Optional<RegistryClientConfig.StoreConfig> clientTrustStore, String keyPrefix) {
        SSLContext context = context(clientTrustStore, Optional.of(keyStore), keyPrefix);
        return new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(clientTrustStore.isPresent());
                params.setSSLParameters(parameters);
            }
        };
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
