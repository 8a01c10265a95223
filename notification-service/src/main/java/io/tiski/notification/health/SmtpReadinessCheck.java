package io.tiski.notification.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the SMTP server greets: without it no acknowledgement can leave. */
@Readiness
@ApplicationScoped
public class SmtpReadinessCheck implements HealthCheck {
    private final String host;
    private final int port;

    SmtpReadinessCheck(@ConfigProperty(name = "quarkus.mailer.host") String host,
            @ConfigProperty(name = "quarkus.mailer.port", defaultValue = "25") int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("smtp").withData("server", host + ":" + port);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(2000);
            String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            if (greeting != null && greeting.startsWith("220")) {
                return response.up().build();
            }
            return response.withData("reason", "unexpected greeting: " + greeting).down().build();
        } catch (Exception e) {
            return response.withData("reason", "SMTP server unreachable: " + e.getMessage()).down().build();
        }
    }
}
