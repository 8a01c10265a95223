package io.tiski.deploy.images;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The runtime under every service image, made from the build machine's Debian 12 packages because no base image
 * can be pulled here: a Java 17 runtime linked by {@code jlink} from the JDK's modules (only the modules a
 * Quarkus service needs, with the Finnish and Swedish locale data), and the few shared libraries it links against
 * (glibc, libgcc, libstdc++, zlib) with the users, name-service and CA files a JVM reads. The exact package
 * versions are written into the image ({@code /usr/share/tiski/runtime-packages.txt}) and its label, so an image
 * says what it runs on; rebuilding on a machine with other package versions shows up there.
 */
public final class RuntimeBase {
    public static final String JAVA_HOME = "/opt/java";
    /** What a Quarkus service with Hibernate, Kafka, mail and Qute uses, plus diagnostics (JFR, JMX). */
    static final List<String> MODULES = List.of("java.base", "java.compiler", "java.datatransfer", "java.desktop",
            "java.instrument", "java.logging", "java.management", "java.naming", "java.net.http", "java.prefs",
            "java.rmi", "java.scripting", "java.security.jgss", "java.security.sasl", "java.sql",
            "java.transaction.xa", "java.xml", "java.xml.crypto", "jdk.charsets", "jdk.crypto.cryptoki",
            "jdk.crypto.ec", "jdk.jfr", "jdk.localedata", "jdk.management", "jdk.management.jfr", "jdk.naming.dns",
            "jdk.net", "jdk.security.auth", "jdk.unsupported", "jdk.zipfs");
    static final String LIB = "/lib/x86_64-linux-gnu";
    static final List<String> LIBRARIES = List.of("ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6", "libdl.so.2",
            "libpthread.so.0", "librt.so.1", "libresolv.so.2", "libnss_dns.so.2", "libnss_files.so.2",
            "libgcc_s.so.1", "libstdc++.so.6", "libz.so.1");
    static final List<String> PACKAGES = List.of("libc6", "libgcc-s1", "libstdc++6", "zlib1g");

    /** Each file keeps the permissions it has on disk (executables stay executable). */
    static final com.google.cloud.tools.jib.api.buildplan.FilePermissionsProvider AS_ON_DISK = (source, target) -> {
        try {
            return FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(source));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    };

    private final Path system;
    private final Path java;
    private final String description;
    /** Made once and shared by every image of a build. */
    private FileEntriesLayer systemLayer;
    private FileEntriesLayer javaLayer;

    private RuntimeBase(Path system, Path java, String description) {
        this.system = system;
        this.java = java;
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static RuntimeBase prepare(Path directory) throws IOException, InterruptedException {
        Path jdk = Path.of(System.getProperty("java.home"));
        String javaVersion = System.getProperty("java.runtime.version");
        if (!javaVersion.startsWith("17") || !Files.isDirectory(jdk.resolve("jmods"))) {
            Path alternative = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
            if (!Files.isDirectory(alternative.resolve("jmods"))) {
                throw new IllegalStateException("The images need a JDK 17 with its jmods to link the runtime from "
                        + "(Debian: apt-get install openjdk-17-jdk-headless); the build runs on " + javaVersion
                        + " at " + jdk);
            }
            jdk = alternative;
            javaVersion = run(List.of(jdk.resolve("bin/java").toString(), "-version")).lines()
                    .filter(l -> l.contains("Runtime Environment")).findFirst().orElse("17").trim();
        }
        List<String> query = new ArrayList<>(List.of("dpkg-query", "-W", "-f=${Package} ${Version}\\n"));
        query.addAll(PACKAGES);
        String packages = run(query);
        String description = "OpenJDK " + javaVersion + " (jlink); " + packages.strip().replace("\n", ", ");

        Path system = directory.resolve("system");
        Path java = directory.resolve("java");
        Path stamp = directory.resolve("runtime.txt");
        if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(description) && Files.isDirectory(java)) {
            return new RuntimeBase(system, java, description);
        }
        deleteRecursively(directory);
        Files.createDirectories(directory);
        run(List.of(jdk.resolve("bin/jlink").toString(), "--module-path", jdk.resolve("jmods").toString(),
                "--add-modules", String.join(",", MODULES), "--strip-debug", "--no-man-pages", "--no-header-files",
                "--compress=2", "--output", java.toString()));
        replaceLinksWithFiles(java);
        Path cacerts = java.resolve("lib/security/cacerts");
        if (!Files.isRegularFile(cacerts) || Files.size(cacerts) < 1024) {
            // Debian's JDK keeps the trusted CAs in ca-certificates-java's store
            Files.copy(Path.of("/etc/ssl/certs/java/cacerts"), cacerts,
                    StandardCopyOption.REPLACE_EXISTING);
        }

        Path lib = Files.createDirectories(system.resolve(LIB.substring(1)));
        for (String library : LIBRARIES) {
            Path source = Path.of(LIB, library);
            if (Files.exists(source)) {
                Files.copy(source.toRealPath(), lib.resolve(library));
            }
        }
        Files.createDirectories(system.resolve("lib64"));
        Files.copy(Path.of(LIB, "ld-linux-x86-64.so.2").toRealPath(), system.resolve("lib64/ld-linux-x86-64.so.2"));
        Path etc = Files.createDirectories(system.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/sbin/nologin\n"
                + "tiski:x:185:185:Tiski service:/deployments:/sbin/nologin\n"
                + "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\ntiski:x:185:\nnogroup:x:65534:\n");
        Files.writeString(etc.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n");
        Files.writeString(etc.resolve("os-release"), "NAME=\"Tiski runtime\"\nID=tiski-runtime\n"
                + "ID_LIKE=debian\nVERSION_ID=\"12\"\n");
        Files.createDirectories(system.resolve("tmp"));
        Path share = Files.createDirectories(system.resolve("usr/share/tiski"));
        Files.writeString(share.resolve("runtime-packages.txt"), "OpenJDK " + javaVersion + " (jlink: "
                + String.join(",", MODULES) + ")\n" + packages);
        Files.writeString(stamp, description);
        return new RuntimeBase(system, java, description);
    }

    FileEntriesLayer systemLayer() throws IOException {
        if (systemLayer != null) {
            return systemLayer;
        }
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("system");
        try (Stream<Path> files = Files.walk(system)) {
            for (Path path : files.sorted().toList()) {
                if (path.equals(system)) {
                    continue;
                }
                String target = "/" + system.relativize(path).toString().replace('\\', '/');
                FilePermissions permissions = target.equals("/tmp") ? FilePermissions.fromOctalString("777")
                        : Files.isDirectory(path) || target.startsWith(LIB) || target.startsWith("/lib64")
                                ? FilePermissions.fromOctalString("755") : FilePermissions.DEFAULT_FILE_PERMISSIONS;
                layer.addEntry(path, AbsoluteUnixPath.get(target), permissions);
            }
        }
        systemLayer = layer.build();
        return systemLayer;
    }

    FileEntriesLayer javaLayer() throws IOException {
        if (javaLayer == null) {
            javaLayer = FileEntriesLayer.builder().setName("java").addEntryRecursive(java,
                    AbsoluteUnixPath.get(JAVA_HOME), AS_ON_DISK).build();
        }
        return javaLayer;
    }

    /** Image layers hold files; a link inside the linked runtime becomes a copy of what it points to. */
    private static void replaceLinksWithFiles(Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path link : files.filter(Files::isSymbolicLink).toList()) {
                Path target = link.toRealPath();
                Files.delete(link);
                Files.copy(target, link, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
