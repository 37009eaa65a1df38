package io.driftwatch.schemas.http;

import java.util.Map;

/**
 * The limits of the JDK's built-in HTTP server that Driftwatch's endpoints and embedded registry
 * run on (docs/api.md): a request must arrive whole within 10 s and its headers within 16 KB and
 * 100 lines, an answer must leave within 30 s, and at most 200 connections are open. The JDK reads
 * these system properties once, when its first server starts; one the user set stays as set.
 */
public final class JdkHttpServerLimits {

    private static final Map<String, String> LIMITS = Map.of(
            "sun.net.httpserver.maxReqTime", "10",          // seconds to receive the request line and headers
            "sun.net.httpserver.maxRspTime", "30",          // seconds to send an answer
            "sun.net.httpserver.maxReqHeaderSize", "16384", // bytes of all request headers
            "sun.net.httpserver.maxReqHeaders", "100",
            "jdk.httpserver.maxConnections", "200");

    private JdkHttpServerLimits() {
    }

    /** Call before creating a server; later calls change nothing. */
    public static void apply() {
        LIMITS.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }
}
