package io.tiski.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiski.infrastructure.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The same behaviour from both object stores: the local directory, and S3 (against S3Proxy, a real S3 API). */
class ObjectStoreContractTest {

    interface Contract {
        ObjectStore store();

        @Test
        default void contentIsStoredUnderItsSha256AndReadBack() throws Exception {
            byte[] content = "Kuitti: 129,00 €".getBytes(StandardCharsets.UTF_8);
            String sha256 = store().put(content);
            assertThat(sha256).isEqualTo(FileSystemObjectStore.sha256(content));
            try (var in = store().get(sha256).orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
        }

        @Test
        default void storingTheSameContentTwiceIsOneObject() throws Exception {
            byte[] content = "sama sisältö".getBytes(StandardCharsets.UTF_8);
            assertThat(store().put(content)).isEqualTo(store().put(content));
        }

        @Test
        default void deletedObjectsAreGone() {
            String sha256 = store().put("poistettava".getBytes(StandardCharsets.UTF_8));
            assertThat(store().delete(sha256)).isTrue();
            assertThat(store().get(sha256)).isEmpty();
        }

        @Test
        default void namesThatAreNotHashesAreRefused() {
            assertThatThrownBy(() -> store().get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class FileSystem implements Contract {
        final ObjectStore store;

        FileSystem() throws Exception {
            store = new FileSystemObjectStore(Files.createTempDirectory("objects"));
        }

        @Override
        public ObjectStore store() {
            return store;
        }
    }

    static Process s3Proxy;
    static S3ObjectStore s3Store;

    /** S3Proxy with an in-memory store, as its own JVM from its self-contained jar. */
    @BeforeAll
    static void startS3() throws Exception {
        int port = FreePorts.pick();
        java.nio.file.Path properties = Files.createTempFile("s3proxy", ".properties");
        Files.writeString(properties, String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=tiski", "s3proxy.credential=tiski-secret",
                "jclouds.provider=transient", "jclouds.identity=tiski", "jclouds.credential=tiski-secret"));
        s3Proxy = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", "target/s3proxy/s3proxy.jar", "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(java.nio.file.Path.of("target/s3proxy/s3proxy.log").toFile())
                .start();
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        while (true) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                break;
            } catch (java.io.IOException e) {
                if (java.time.Instant.now().isAfter(deadline) || !s3Proxy.isAlive()) {
                    throw new IllegalStateException("S3Proxy did not start; see target/s3proxy/s3proxy.log", e);
                }
                Thread.sleep(100);
            }
        }
        s3Store = new S3ObjectStore(new S3ObjectStore.Settings(Optional.of("http://127.0.0.1:" + port), "us-east-1",
                "tiski-objects", "mail/", Optional.of("tiski"), Optional.of("tiski-secret"), true));
        s3Store.createBucketIfMissing();
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3Store != null) {
            s3Store.close();
        }
        if (s3Proxy != null) {
            s3Proxy.destroy();
            s3Proxy.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Nested
    class S3 implements Contract {
        @Override
        public ObjectStore store() {
            return s3Store;
        }
    }
}
