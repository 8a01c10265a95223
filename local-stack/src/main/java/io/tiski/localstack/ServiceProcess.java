package io.tiski.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Tiski service running as its own JVM from its packaged Quarkus application. */
public final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    /** The services' JVM options beyond the heap; a benchmark sets {@link #FULL_SPEED} before the stack starts. */
    public static final String JVM_OPTIONS = "tiski.service-jvm-options";
    /** For tests and ./tiski up: the first (C1) compiler only, which starts a service in about half the time. */
    static final String QUICK_START = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    /** As in production: both JIT compilers, so code that runs often is compiled to full speed (code cache bounded). */
    public static final String FULL_SPEED = "-XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m";
    /** Options a benchmark's services get after {@link #FULL_SPEED}: a GC log, a profiler, another heap size. */
    public static final String BENCH_OPTIONS_VARIABLE = "TISKI_BENCH_SERVICE_JVM_OPTIONS";

    /**
     * For a benchmark, before its stack starts: the services run at {@link #FULL_SPEED}, with what
     * {@value #BENCH_OPTIONS_VARIABLE} adds (later options win, so {@code -Xms256m} there replaces the default).
     */
    public static void runAtFullSpeed() {
        String extra = System.getenv().getOrDefault(BENCH_OPTIONS_VARIABLE, "").trim();
        System.setProperty(JVM_OPTIONS, extra.isEmpty() ? FULL_SPEED : FULL_SPEED + " " + extra);
    }

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * @param root the project root, where {@code <name>/target/quarkus-app/quarkus-run.jar} is
     * @param properties configuration passed as system properties (they win over application.properties)
     */
    public static ServiceProcess start(Path root, String name, int port, Map<String, String> properties,
            Path logDir) {
        Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first with "
                    + "'./mvnw -DskipTests package' (./tiski up does this for you)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms32m");
        command.add("-Xmx320m");
        command.addAll(List.of(System.getProperty(JVM_OPTIONS, QUICK_START).trim().split("\\s+")));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("TISKI_JSON_LOGS", "false");
            return new ServiceProcess(name, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** The operating system's process id (for CPU and memory readings in benchmarks). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /q/health/ready} answers 200, or fails with the reason and the end of the log. */
    public void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; log "
                        + log + ":\n" + tail(40));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url()
                        + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ": " + last + "\nlog " + log + ":\n"
                + tail(40));
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the service gracefully (SIGTERM), and forcibly after 15 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kills the service at once, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
