package io.tiski.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tiski.localstack.LocalStack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many agents working the inbox at once through the real API, for sizing: each simulated agent repeats an
 * agent's minute — four looks at their own queue, one at the counts, one ticket opened, a search every fifth
 * minute and a reply every other minute — with the think time between actions divided by {@code speed}, so
 * {@code agents × speed} is the number of real agents the run stands for. Measured: every request's latency by
 * kind, and the CPU time and resident memory of each service over the run (from /proc).
 * {@code ./tiski bench agents [agents] [minutes] [tickets] [speed]}
 */
public final class AgentLoad {
    /** One agent-minute of work, in order; about 7 requests, one of them a write every other minute. */
    private static final List<String> MINUTE = List.of("queue", "open", "queue", "counts", "queue", "reply",
            "queue", "search");
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int tickets = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int speed = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        String token = "bench-token-" + UUID.randomUUID();
        try (LocalStack stack = LocalStack.start(LocalStack.Settings.throwaway("bench", token),
                System.out::println)) {
            long loadStarted = System.nanoTime();
            InboxLatency.load(stack.database("tiski_ticket"), tickets, 5);
            System.out.printf("Loaded %,d tickets in %d s%n", tickets, (System.nanoTime() - loadStarted) / 1_000_000_000L);
            String api = stack.service(LocalStack.TICKET).url() + "/api/v1/tickets";
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .executor(Executors.newFixedThreadPool(8)).build();
            Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
            AtomicLong failures = new AtomicLong();
            List<String> failureSamples = new CopyOnWriteArrayList<>();
            long thinkMillis = Math.max(1, 60_000L / MINUTE.size() / speed);

            // warm-up: one agent-minute per agent, not measured
            run(agents, Duration.ofSeconds(20), api, token, http, thinkMillis, new ConcurrentHashMap<>(),
                    new AtomicLong(), new CopyOnWriteArrayList<>());
            Map<String, Long> cpuBefore = ProcessReadings.cpu(stack);
            long postgresBefore = ProcessReadings.postgresTicks();
            long[] machineBefore = ProcessReadings.machineTicks();
            Map<String, Long> peakRss = new ConcurrentHashMap<>();
            ExecutorService sampler = Executors.newSingleThreadExecutor();
            long end = System.currentTimeMillis() + Duration.ofMinutes(minutes).toMillis();
            sampler.submit(() -> {
                while (System.currentTimeMillis() < end) {
                    ProcessReadings.rss(stack).forEach((service, kb) -> peakRss.merge(service, kb, Math::max));
                    try {
                        Thread.sleep(2_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long started = System.nanoTime();
            System.out.printf("%d agents × speed %d (standing for %d agents) for %d minutes…%n", agents, speed,
                    agents * speed, minutes);
            run(agents, Duration.ofMinutes(minutes), api, token, http, thinkMillis, latencies, failures,
                    failureSamples);
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Long> cpuAfter = ProcessReadings.cpu(stack);
            long postgresAfter = ProcessReadings.postgresTicks();
            long[] machineAfter = ProcessReadings.machineTicks();
            sampler.shutdownNow();

            long requests = latencies.values().stream().mapToLong(List::size).sum();
            System.out.printf("%n%,d requests in %.0f s (%.1f/s), %d failed%n", requests, seconds, requests / seconds,
                    failures.get());
            failureSamples.stream().limit(5).forEach(f -> System.out.println("  failed: " + f));
            System.out.printf("%n| request | count | p50 | p95 | p99 | max |%n| --- | --- | --- | --- | --- | --- |%n");
            for (String kind : List.of("queue", "counts", "open", "search", "reply")) {
                List<Long> sorted = new ArrayList<>(latencies.getOrDefault(kind, List.of()));
                if (sorted.isEmpty()) {
                    continue;
                }
                Collections.sort(sorted);
                System.out.printf("| %s | %,d | %s | %s | %s | %s |%n", kind, sorted.size(),
                        InboxLatency.ms(Latencies.percentile(sorted, 50)),
                        InboxLatency.ms(Latencies.percentile(sorted, 95)),
                        InboxLatency.ms(Latencies.percentile(sorted, 99)),
                        InboxLatency.ms(sorted.get(sorted.size() - 1)));
            }
            double agentHours = agents * (double) speed * seconds / 3600.0;
            System.out.printf("%n| service | CPU over the run | CPU share of one core | CPU per agent-hour | peak RSS |%n"
                    + "| --- | --- | --- | --- | --- |%n");
            for (String service : cpuAfter.keySet()) {
                double cpuSeconds = (cpuAfter.get(service) - cpuBefore.get(service)) / 100.0;
                System.out.printf(Locale.ROOT, "| %s | %.1f s | %.0f %% | %.2f s | %d MB |%n", service, cpuSeconds,
                        100 * cpuSeconds / seconds, cpuSeconds / agentHours, peakRss.getOrDefault(service, 0L) / 1024);
            }
            double postgres = (postgresAfter - postgresBefore) / 100.0;
            System.out.printf(Locale.ROOT, "| PostgreSQL (all its processes) | %.1f s | %.0f %% | %.2f s | — |%n",
                    postgres, 100 * postgres / seconds, postgres / agentHours);
            double busy = machineAfter[0] - machineBefore[0];
            double total = machineAfter[1] - machineBefore[1];
            System.out.printf(Locale.ROOT, "%nMachine: %d cores, %.0f %% busy over the run%n",
                    Runtime.getRuntime().availableProcessors(), 100 * busy / total);
        }
    }

    private static void run(int agents, Duration length, String api, String token, HttpClient http, long thinkMillis,
            Map<String, List<Long>> latencies, AtomicLong failures, List<String> failureSamples) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        long end = System.currentTimeMillis() + length.toMillis();
        for (int a = 0; a < agents; a++) {
            int agent = a;
            pool.submit(() -> {
                Random random = new Random(agent);
                List<String> queue = List.of();
                int step = random.nextInt(MINUTE.size());
                while (System.currentTimeMillis() < end) {
                    String kind = MINUTE.get(step++ % MINUTE.size());
                    try {
                        if (kind.equals("reply") && step % (2 * MINUTE.size()) >= MINUTE.size()) {
                            kind = "queue"; // a reply every other minute
                        }
                        String assignee = "agent-" + (agent % 50);
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = switch (kind) {
                            case "queue" -> get(http, api + "?status=NEW,OPEN,PENDING&assignee=" + assignee
                                    + "&limit=50", token);
                            case "counts" -> get(http, api + "/counts", token);
                            case "open" -> queue.isEmpty() ? null : get(http, api + "/"
                                    + queue.get(random.nextInt(queue.size())), token);
                            case "search" -> get(http, api + "?q=" + URLEncoder.encode(random.nextBoolean()
                                    ? "takki" : "palautus myöhässä", StandardCharsets.UTF_8) + "&limit=50", token);
                            case "reply" -> queue.isEmpty() ? null : post(http, api + "/"
                                    + queue.get(random.nextInt(queue.size())) + "/replies", token,
                                    "{\"text\":\"Hei! Tarkistimme tilauksesi, se lähti tänään.\"}");
                            default -> throw new IllegalStateException(kind);
                        };
                        if (response != null) {
                            long micros = (System.nanoTime() - t0) / 1_000;
                            int status = response.statusCode();
                            if (status >= 400 && !(kind.equals("reply") && status == 409)) {
                                failures.incrementAndGet();
                                if (failureSamples.size() < 20) {
                                    failureSamples.add(kind + " " + status + " " + response.body());
                                }
                            } else {
                                latencies.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()))
                                        .add(micros);
                            }
                            if (kind.equals("queue") && status == 200) {
                                List<String> ids = new ArrayList<>();
                                JSON.readTree(response.body()).path("items").forEach(t -> ids.add(t.path("id")
                                        .asText()));
                                queue = ids;
                            }
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        if (failureSamples.size() < 20) {
                            failureSamples.add(kind + " " + e);
                        }
                    }
                    try {
                        Thread.sleep(thinkMillis / 2 + random.nextInt((int) Math.max(1, thinkMillis)));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(length.toMillis() + 120_000, TimeUnit.MILLISECONDS);
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, String url, String token, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private AgentLoad() {
    }
}
