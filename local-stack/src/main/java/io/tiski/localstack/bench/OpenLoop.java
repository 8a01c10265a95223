package io.tiski.localstack.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends HTTP requests open loop, as customers do: request {@code i} leaves at the pace's time for it whether or not
 * earlier ones were answered, and its latency counts from that time, so a stall on the server is measured as the
 * wait it makes, not hidden by a sender that waited too. Progress is printed every 2 000 answers.
 */
final class OpenLoop {
    private static final int PROGRESS_EVERY = 2_000;

    private OpenLoop() {
    }

    /** Builds request {@code index}, which leaves at {@code scheduled}. */
    interface Requests {
        HttpRequest build(int index, Instant scheduled) throws Exception;
    }

    /** Hears each answer: the response, or null when the request failed (no connection, a timeout). */
    interface Answers {
        void answered(int index, Instant scheduled, HttpResponse<String> response);
    }

    /**
     * What a run saw.
     *
     * @param answerBySend (milliseconds into the run the request was scheduled, its latency in milliseconds)
     * @param statuses how many answers had each HTTP status; -1 counts requests that got none
     */
    record Result(Instant start, double seconds, List<long[]> answerBySend, Map<Integer, Integer> statuses) {
        /** The latencies, sorted for percentiles. */
        List<Long> sortedAnswerMillis() {
            List<Long> sorted = new ArrayList<>(answerBySend.size());
            answerBySend.forEach(point -> sorted.add(point[1]));
            Collections.sort(sorted);
            return sorted;
        }
    }

    /** Sends {@code count} requests at {@code pace} and returns once every one is answered or has failed. */
    static Result send(HttpClient client, int count, Pace pace, Requests requests, Answers answers)
            throws Exception {
        List<long[]> bySend = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> pending = new ArrayList<>(count);
        AtomicInteger answered = new AtomicInteger();
        long startNanos = System.nanoTime();
        Instant start = Instant.now();
        for (int i = 0; i < count; i++) {
            long offset = pace.offsetNanos(i);
            long wait = startNanos + offset - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int index = i;
            Instant scheduled = start.plusNanos(offset);
            long scheduledNanos = startNanos + offset;
            HttpRequest request = requests.build(index, scheduled);
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                long latency = (System.nanoTime() - scheduledNanos) / 1_000_000;
                bySend.add(new long[] {offset / 1_000_000, latency});
                statuses.merge(e == null ? r.statusCode() : -1, 1, Integer::sum);
                answers.answered(index, scheduled, e == null ? r : null);
                int done = answered.incrementAndGet();
                if (done % PROGRESS_EVERY == 0) {
                    System.out.printf("  %,d / %,d answered%n", done, count);
                }
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        return new Result(start, (System.nanoTime() - startNanos) / 1e9, bySend, statuses);
    }
}
