package io.tiski.notification.health;

import io.tiski.notification.service.MailServers;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the default SMTP server greets: without it no acknowledgement can leave. A brand's own server
 * being away is reported in the data but keeps the service ready, since every other brand's mail still goes out
 * (the brand's requests wait and retry meanwhile).
 */
@Readiness
@ApplicationScoped
public class SmtpReadinessCheck implements HealthCheck {
    private final MailServers servers;

    SmtpReadinessCheck(MailServers servers) {
        this.servers = servers;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("smtp");
        boolean up = true;
        for (MailServers.Server server : servers.all()) {
            Optional<String> problem = greetingProblem(server.host(), server.port());
            response.withData(server.name(), server.host() + ":" + server.port() + problem.map(p -> " " + p)
                    .orElse(" up"));
            if (problem.isPresent() && server == servers.defaultServer()) {
                up = false;
            }
        }
        return response.status(up).build();
    }

    private static Optional<String> greetingProblem(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(2000);
            String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            if (greeting != null && greeting.startsWith("220")) {
                return Optional.empty();
            }
            return Optional.of("down: unexpected greeting: " + greeting);
        } catch (Exception e) {
            return Optional.of("down: SMTP server unreachable: " + e.getMessage());
        }
    }
}
