package io.tiski.deploy.images;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.FilePermissionsProvider;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Builds the services' container images as OCI tar files, without a Docker daemon or a registry (Jib's core
 * library): a runtime layer (the C library and a Java 17 runtime, see {@link RuntimeBase}), then the service's
 * dependencies, then its own code, so an image update usually ships only the last layer.
 *
 * <pre>java io.tiski.deploy.images.ServiceImages &lt;project root&gt; &lt;version&gt; &lt;output dir&gt; [service …]</pre>
 */
public final class ServiceImages {
    public static final List<String> SERVICES = List.of("ticket-service", "email-ingest-service",
            "social-ingest-service", "notification-service");
    /** The user the services run as, the same as in the Deployments' securityContext. */
    public static final String USER = "185:185";
    public static final String APP = "/deployments";

    private ServiceImages() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: ServiceImages <project root> <version> <output dir> [service …]");
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        String version = args[1];
        Path output = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
        List<String> services = args.length > 3 ? List.of(args).subList(3, args.length) : SERVICES;
        long started = System.nanoTime();
        RuntimeBase base = RuntimeBase.prepare(output.resolve("runtime"));
        System.out.println("[images] runtime: " + base.description());
        for (String service : services) {
            Path tar = build(root, service, version, base, output);
            System.out.printf("[images] %s -> %s (%d MB)%n", service, tar, Files.size(tar) / (1024 * 1024));
        }
        if (args.length <= 3) {
            Path tar = buildOperatorTools(root, version, base, output);
            System.out.printf("[images] %s -> %s (%d MB)%n", OPERATOR_TOOLS, tar, Files.size(tar) / (1024 * 1024));
        }
        System.out.printf("[images] %d images in %d s%n", services.size() + (args.length <= 3 ? 1 : 0),
                (System.nanoTime() - started) / 1_000_000_000L);
    }

    static Path build(Path root, String service, String version, RuntimeBase base, Path output) throws Exception {
        Path app = root.resolve(service).resolve("target/quarkus-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app + " has no quarkus-run.jar: package the service first "
                    + "(./mvnw package -DskipTests -pl " + service + " -am)");
        }
        int port = httpPort(root.resolve(service).resolve("src/main/resources/application.properties"));
        FilePermissionsProvider asOnDisk = RuntimeBase.AS_ON_DISK;
        FileEntriesLayer dependencies = FileEntriesLayer.builder().setName("dependencies")
                .addEntryRecursive(app.resolve("lib"), AbsoluteUnixPath.get(APP + "/lib"), asOnDisk).build();
        FileEntriesLayer.Builder code = FileEntriesLayer.builder().setName("application")
                .addEntryRecursive(app.resolve("app"), AbsoluteUnixPath.get(APP + "/app"), asOnDisk)
                .addEntryRecursive(app.resolve("quarkus"), AbsoluteUnixPath.get(APP + "/quarkus"), asOnDisk)
                .addEntry(app.resolve("quarkus-run.jar"), AbsoluteUnixPath.get(APP + "/quarkus-run.jar"),
                        FilePermissions.DEFAULT_FILE_PERMISSIONS);
        Path config = Files.createDirectories(output.resolve("empty-config"));
        code.addEntry(config, AbsoluteUnixPath.get(APP + "/config"), FilePermissions.DEFAULT_FOLDER_PERMISSIONS);
        return image(service, version, "Tiski " + service + " (Quarkus, JVM mode)", base, dependencies, code.build(),
                List.of(RuntimeBase.JAVA_HOME + "/bin/java", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError",
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar",
                        APP + "/quarkus-run.jar"), null, Set.of(Port.tcp(port)), output);
    }

    /**
     * One image on the shared runtime layers: its dependencies, then its code; run as {@link #USER} from {@link #APP},
     * labelled with what it is and what it runs on, reproducible (fixed times), written as {@code <name>.tar};
     * {@code arguments} null for none.
     */
    private static Path image(String name, String version, String description, RuntimeBase base,
            FileEntriesLayer dependencies, FileEntriesLayer code, List<String> entrypoint, List<String> arguments,
            Set<Port> ports, Path output) throws Exception {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", name);
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.vendor", "Tiski");
        labels.put("org.opencontainers.image.licenses", "Apache-2.0");
        labels.put("org.opencontainers.image.description", description);
        labels.put("io.tiski.runtime", base.description());
        Path tar = output.resolve(name + ".tar");
        Files.deleteIfExists(tar);
        Jib.fromScratch()
                .setFormat(ImageFormat.OCI)
                .addFileEntriesLayer(base.systemLayer())
                .addFileEntriesLayer(base.javaLayer())
                .addFileEntriesLayer(dependencies)
                .addFileEntriesLayer(code)
                .setEntrypoint(entrypoint)
                .setProgramArguments(arguments)
                .setWorkingDirectory(AbsoluteUnixPath.get(APP))
                .setUser(USER)
                .setExposedPorts(ports)
                .setEnvironment(Map.of("JAVA_HOME", RuntimeBase.JAVA_HOME, "PATH", RuntimeBase.JAVA_HOME
                        + "/bin:/usr/bin:/bin", "LANG", "C.UTF-8"))
                .setLabels(labels)
                .setCreationTime(Instant.EPOCH)
                .containerize(Containerizer.to(TarImage.at(tar).named("tiski/" + name + ":" + version))
                        .setOfflineMode(true).setToolName("tiski-images")
                        .setBaseImageLayersCache(output.resolve("cache/base"))
                        .setApplicationLayersCache(output.resolve("cache/application")));
        return tar;
    }

    /** The image operators run as a Job: the dead-letter replay (./tiski replay) with the cluster's Kafka user. */
    public static final String OPERATOR_TOOLS = "operator-tools";
    public static final String REPLAY_MAIN = "io.tiski.localstack.DeadLetterReplay";

    static Path buildOperatorTools(Path root, String version, RuntimeBase base, Path output) throws Exception {
        Path tools = root.resolve("local-stack/target");
        Path classpath = tools.resolve("classpath.txt");
        if (!Files.isRegularFile(classpath) || !Files.isDirectory(tools.resolve("classes"))) {
            throw new IllegalStateException(tools + " has no classes or classpath.txt: package local-stack first "
                    + "(./mvnw package -DskipTests -pl local-stack -am)");
        }
        FileEntriesLayer.Builder dependencies = FileEntriesLayer.builder().setName("dependencies");
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String jar : Files.readString(classpath).strip().split(java.io.File.pathSeparator)) {
            Path file = Path.of(jar);
            String name = file.getFileName().toString();
            if (!names.add(name)) {
                name = file.getParent().getParent().getFileName() + "-" + name;
                names.add(name);
            }
            dependencies.addEntry(file, AbsoluteUnixPath.get(APP + "/lib/" + name),
                    FilePermissions.DEFAULT_FILE_PERMISSIONS);
        }
        FileEntriesLayer code = FileEntriesLayer.builder().setName("application")
                .addEntryRecursive(tools.resolve("classes"), AbsoluteUnixPath.get(APP + "/classes")).build();
        return image(OPERATOR_TOOLS, version, "Tiski operator tools: dead-letter replay", base, dependencies.build(),
                code, List.of(RuntimeBase.JAVA_HOME + "/bin/java", "-XX:MaxRAMPercentage=70",
                        "-Dslf4j.internal.verbosity=ERROR", "-cp", APP + "/classes:" + APP + "/lib/*", REPLAY_MAIN),
                List.of("all"), Set.of(), output);
    }

    public static int httpPort(Path properties) throws IOException {
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(properties)) {
            settings.load(reader);
        }
        return Integer.parseInt(settings.getProperty("quarkus.http.port", "8080"));
    }
}
