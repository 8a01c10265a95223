package io.tiski.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

@ConfigMapping(prefix = "tiski.outbox")
public interface OutboxConfig {
    /** Whether this instance publishes outbox rows (several replicas may; one publishes at a time). */
    @WithDefault("true")
    boolean relayEnabled();

    /** How many rows one publish round takes. */
    @WithDefault("500")
    int batchSize();

    /** How often the relay looks for rows when no commit woke it. */
    @WithDefault("500ms")
    Duration pollInterval();

    /**
     * How long the relay, woken by a commit, waits for the commits right behind it before it publishes: under load
     * one round (a transaction and a produce request) then carries many commits' events instead of one each.
     * Zero publishes at once.
     */
    @WithDefault("20ms")
    Duration gatherFor();

    /** How long published rows are kept for inspection before they are deleted. */
    @WithDefault("P1D")
    Duration retention();

    /** Longest wait between retries while the broker is unreachable. */
    @WithDefault("10s")
    Duration maxBackoff();

    /**
     * How long a round waits for the broker's acknowledgement of its events (and, while the broker is unreachable,
     * for its address) before the round fails and is retried with backoff; the events stay in the outbox meanwhile.
     * At least one second: the Kafka client accepts no less.
     */
    @WithDefault("30s")
    Duration sendTimeout();

    /** The Kafka bootstrap servers, the same key the Kafka connector uses. */
    @WithName("bootstrap-servers")
    @WithDefault("${kafka.bootstrap.servers}")
    String bootstrapServers();
}
