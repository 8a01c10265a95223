package io.tiski.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.MailTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.notification.repository.DeliveryRecords;
import io.tiski.notification.repository.OutboundDelivery;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sends' delivery records, written together while a commit runs, each failing only for itself. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "notification"))
class LedgerCommitsTest {
    @Inject
    LedgerCommits commits;
    @Inject
    DeliveryRecords records;
    @Inject
    AgroalDataSource database;
    @Inject
    MeterRegistry metrics;

    final ExecutorService sends = Executors.newFixedThreadPool(12);

    @AfterEach
    void stop() {
        sends.shutdownNow();
    }

    @Test
    void recordsQueuedWhileACommitRunsAreWrittenInOneTransaction() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        double transactionsBefore = counted("tiski.notifications.ledger.transactions");
        String first = UUID.randomUUID().toString();
        Future<Boolean> held = holdingTheCommit(first, release);
        List<String> queued = new ArrayList<>();
        List<Future<Boolean>> behind = beginning(10, queued);
        // at least: a mail of an earlier test of this application, still being tried, may queue its record too
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(commits.waiting())
                .isGreaterThanOrEqualTo(10));
        assertThat(stored(queued)).as("nothing behind a running commit is written before it").isZero();

        release.countDown();
        assertThat(held.get(20, TimeUnit.SECONDS)).isTrue();
        for (Future<Boolean> send : behind) {
            assertThat(send.get(20, TimeUnit.SECONDS)).as("each send gets its own record's result").isTrue();
        }
        assertThat(stored(queued)).isEqualTo(10);
        assertThat(stored(List.of(first))).isEqualTo(1);
        assertThat(transactions(queued)).as("the ten queued behind the held record share one transaction")
                .isEqualTo(1);
        assertThat(transactions(List.of(queued.get(0), first))).as("the held record committed in one of its own")
                .isEqualTo(2);
        assertThat(counted("tiski.notifications.ledger.transactions") - transactionsBefore).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRecordTheDatabaseRefusesFailsItsOwnSendOnly() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Boolean> held = holdingTheCommit(UUID.randomUUID().toString(), release);
        List<String> good = new ArrayList<>();
        List<Future<Boolean>> goodSends = beginning(5, good);
        String refused = UUID.randomUUID().toString();
        // no status: the column is NOT NULL, so the statement fails and takes the shared transaction with it
        Future<Boolean> refusedSend = sends.submit(() -> commits.write(() -> records.insertIfNew(
                delivery(refused, null))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(commits.waiting())
                .isGreaterThanOrEqualTo(6));

        release.countDown();
        assertThat(held.get(20, TimeUnit.SECONDS)).isTrue();
        for (Future<Boolean> send : goodSends) {
            assertThat(send.get(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(stored(good)).as("the others' records are written all the same").isEqualTo(5);
        assertThat(transactions(good)).as("and still together, without the refused one").isEqualTo(1);
        assertThatThrownBy(() -> refusedSend.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DeliveryRecords.DeliveryRecordException.class)
                .hasMessageContaining("recording request " + refused).hasMessageContaining("status");
        assertThat(stored(List.of(refused))).isZero();
    }

    /** A send whose record is being written, its transaction open until {@code release}; returns once it is. */
    private Future<Boolean> holdingTheCommit(String requestId, CountDownLatch release) {
        CountDownLatch writing = new CountDownLatch(1);
        Future<Boolean> held = sends.submit(() -> commits.write(() -> {
            boolean inserted = records.insertIfNew(delivery(requestId, "SENDING"));
            writing.countDown();
            awaitLatch(release);
            return inserted;
        }));
        awaitLatch(writing);
        return held;
    }

    /** {@code count} new requests begun at once, their ids added to {@code ids}. */
    private List<Future<Boolean>> beginning(int count, List<String> ids) {
        List<Future<Boolean>> begun = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            begun.add(sends.submit(() -> commits.write(() -> records.insertIfNew(delivery(id, "SENDING")))));
        }
        return begun;
    }

    private static OutboundDelivery delivery(String requestId, String status) {
        OutboundDelivery d = new OutboundDelivery();
        d.requestId = requestId;
        d.ticketId = UUID.randomUUID().toString();
        d.kind = "ACKNOWLEDGEMENT";
        d.channel = "EMAIL";
        d.recipient = "asiakas-" + requestId + "@example.fi";
        d.messageId = "ack." + requestId + "@tiski.localhost";
        d.status = status;
        d.attempts = 1;
        d.requestedAt = Instant.now();
        d.updatedAt = d.requestedAt;
        return d;
    }

    private long stored(List<String> requestIds) throws Exception {
        return count("count(*)", requestIds);
    }

    /** The transactions that wrote these requests' rows (each row keeps the id of the one that inserted it). */
    private long transactions(List<String> requestIds) throws Exception {
        return count("count(DISTINCT xmin::text)", requestIds);
    }

    private long count(String what, List<String> requestIds) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT " + what + " FROM outbound_delivery WHERE request_id = ANY (?)")) {
            st.setArray(1, c.createArrayOf("varchar", requestIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private double counted(String name) {
        return metrics.find(name).counter().count();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("waited 30 s in vain");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
