package dev.gatehouse.cli;

import dev.gatehouse.config.GatehouseConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Exit 0 when the local server answers ready, 1 otherwise (for container health checks). */
@Command(name = "healthcheck", description = "Check that the running server is ready (exit 0) or not (exit 1)")
public final class HealthcheckCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @Override
    public Integer call() {
        GatehouseConfig config = Main.loadConfig(parent.configFile());
        String host = config.http().host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        URI uri = URI.create("http://" + host + ":" + config.http().port() + "/-/health/ready/");
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200) {
                System.out.println("healthy");
                return 0;
            }
            System.err.println("unhealthy: " + uri + " answered " + r.statusCode());
            return 1;
        } catch (Exception e) {
            System.err.println("unhealthy: " + uri + " unreachable (" + e.getClass().getSimpleName() + ")");
            return 1;
        }
    }
}
