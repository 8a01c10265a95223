package io.tiski.localstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OpenLoopTest {
    @Test
    void requestsLeaveOnTimeWhileTheServerStallsAndTheStallCountsInTheirLatency() throws Exception {
        CountDownLatch allArrived = new CountDownLatch(10);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            allArrived.countDown();
            try {
                // the server answers nobody until every request has arrived: a sender waiting for answers
                // (a closed loop) would send one and wait here for ever
                allArrived.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = exchange.getRequestURI().getPath().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/9") ? 503 : 200,
                    body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Map<Integer, String> bodies = new ConcurrentHashMap<>();
            OpenLoop.Result result = OpenLoop.send(HttpClient.newHttpClient(), 10, Pace.steady(20),
                    (i, scheduled) -> HttpRequest.newBuilder(URI.create(base + "/" + i))
                            .timeout(Duration.ofSeconds(20)).build(),
                    (i, scheduled, response) -> bodies.put(i, response.body()));

            assertThat(allArrived.getCount()).isZero();
            assertThat(result.seconds()).as("nobody waited for the server's patience (10 s) to end").isLessThan(10);
            assertThat(result.statuses()).isEqualTo(Map.of(200, 9, 503, 1));
            assertThat(bodies).hasSize(10).containsEntry(3, "/3");
            // the first request was scheduled at 0 and answered only after the last left at 450 ms
            assertThat(result.sortedAnswerMillis().get(9)).isGreaterThanOrEqualTo(450);
            assertThat(result.answerBySend()).extracting(point -> point[0]).contains(0L, 450L);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void percentilesAreNearestRank() {
        java.util.List<Long> sorted = java.util.List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 1_200L);
        assertThat(Latencies.percentile(sorted, 50)).isEqualTo(5);
        assertThat(Latencies.percentile(sorted, 99)).isEqualTo(1_200);
        assertThat(Latencies.millis(sorted, 100)).isEqualTo("1,200 ms");
        assertThat(Latencies.millis(java.util.List.of(), 50)).isEqualTo("—");
        assertThat(Latencies.perSecond(java.util.List.of(new long[] {100, 400}, new long[] {900, 600},
                new long[] {1_500, 2_000}), 50)).containsExactly(new double[] {0, 0.4}, new double[] {1, 2.0});
    }
}
