package io.driftwatch.app;

import com.sun.net.httpserver.HttpExchange;
import io.driftwatch.runtime.http.HttpEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The dashboard at {@code /}: a static page and script (from this jar) that draw the JSON API,
 * with ECharts served from its WebJar. Unknown paths answer 404 in JSON.
 */
final class Dashboard {

    private static final String ECHARTS = "META-INF/resources/webjars/echarts/" + webJarVersion() + "/dist/echarts.min.js";
    private record Page(String resource, String contentType) {
    }

    private static final Map<String, Page> PAGES = Map.of(
            "/", new Page("dashboard/index.html", "text/html; charset=utf-8"),
            "/assets/dashboard.js", new Page("dashboard/dashboard.js", "text/javascript; charset=utf-8"),
            "/assets/dashboard.css", new Page("dashboard/dashboard.css", "text/css; charset=utf-8"),
            "/assets/echarts.min.js", new Page(ECHARTS, "text/javascript; charset=utf-8"));

    private Dashboard() {
    }

    /** Serves the pages at {@code /}, read once from the class path. */
    static void register(HttpEndpoints http) {
        Map<String, String> bodies = new HashMap<>();
        PAGES.forEach((path, page) -> bodies.put(path, resource(page.resource())));
        http.route("/", exchange -> serve(exchange, bodies));
    }

    private static void serve(HttpExchange exchange, Map<String, String> bodies) throws IOException {
        String path = exchange.getRequestURI().getPath().equals("/index.html") ? "/" : exchange.getRequestURI().getPath();
        Page page = PAGES.get(path);
        if (page == null) {
            HttpEndpoints.respondError(exchange, 404, "no such page; try / or /api/models");
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", page.resource().equals(ECHARTS) ? "max-age=86400" : "no-cache");
        HttpEndpoints.respond(exchange, 200, page.contentType(), bodies.get(path));
    }

    /** A text resource of the jar, read whole. */
    static String resource(String name) {
        try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard resource " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ECharts WebJar's version, from its Maven metadata, so that the pom alone names it. */
    private static String webJarVersion() {
        Properties pom = new Properties();
        try (InputStream in = Dashboard.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the ECharts WebJar is missing from the class path");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }
}
