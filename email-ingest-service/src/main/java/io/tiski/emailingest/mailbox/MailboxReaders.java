package io.tiski.emailingest.mailbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tiski.emailingest.config.IntakeConfig;
import io.tiski.emailingest.service.MailboxProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Starts a reader for every configured mailbox; ready when every mailbox was checked recently. */
@ApplicationScoped
@Readiness
public class MailboxReaders implements HealthCheck {
    private final IntakeConfig config;
    private final MailboxProgress progress;
    private final io.opentelemetry.api.trace.Tracer tracer;
    private final List<MailboxReader> readers = new ArrayList<>();

    MailboxReaders(IntakeConfig config, MailboxProgress progress, io.opentelemetry.api.trace.Tracer tracer) {
        this.config = config;
        this.progress = progress;
        this.tracer = tracer;
    }

    void start(@Observes StartupEvent event) {
        config.mailboxes().forEach((name, mailbox) -> {
            if (mailbox.enabled()) {
                MailboxReader reader = new MailboxReader(name, mailbox, progress, tracer);
                readers.add(reader);
                reader.start();
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        readers.forEach(MailboxReader::stop);
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("mailboxes").up();
        for (MailboxReader reader : readers) {
            Instant checked = reader.lastCheckedAt();
            Duration allowed = config.mailboxes().get(reader.name()).pollInterval().multipliedBy(3)
                    .plusSeconds(30);
            boolean fresh = reader.idling() || (checked != null && checked.isAfter(Instant.now().minus(allowed)));
            response.withData(reader.name(), reader.idling() ? "connected, waiting for mail (IDLE)"
                    : fresh ? "checked " + checked
                    : "not reachable (" + reader.address() + "): "
                            + (reader.lastError() == null ? "not connected yet" : reader.lastError()));
            if (!fresh) {
                response.down();
            }
        }
        return response.build();
    }
}
