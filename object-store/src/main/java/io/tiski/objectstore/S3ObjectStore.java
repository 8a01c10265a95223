package io.tiski.objectstore;

import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The object store of production: an S3-compatible bucket (AWS S3, MinIO, Ceph, …). Objects are named
 * {@code <prefix>ab/cd/<sha256>}; writing the same content twice writes the same object.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /** Where the bucket is and how to sign in; access keys empty to use the SDK's default chain (IAM roles). */
    public record Settings(Optional<String> endpoint, String region, String bucket, String prefix,
            Optional<String> accessKeyId, Optional<String> secretAccessKey, boolean pathStyle) {
    }

    public S3ObjectStore(Settings settings) {
        // checksums only where S3 requires them: the SDK's default trailing checksums are refused by many
        // S3-compatible stores
        var builder = S3Client.builder().region(Region.of(settings.region()))
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        settings.endpoint().filter(e -> !e.isBlank()).ifPresent(e -> builder.endpointOverride(URI.create(e)));
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    settings.accessKeyId().get(), settings.secretAccessKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
        this.bucket = settings.bucket();
        this.prefix = settings.prefix() == null ? "" : settings.prefix();
    }

    /** Creates the bucket when it does not exist (for stores an operator has not prepared). */
    public void createBucketIfMissing() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public String put(byte[] content) {
        String sha256 = FileSystemObjectStore.sha256(content);
        s3.putObject(b -> b.bucket(bucket).key(key(sha256)).contentLength((long) content.length),
                RequestBody.fromBytes(content));
        return sha256;
    }

    @Override
    public Optional<InputStream> get(String sha256) {
        try {
            return Optional.of(s3.getObject(b -> b.bucket(bucket).key(key(sha256))));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean delete(String sha256) {
        boolean existed;
        try {
            s3.headObject(b -> b.bucket(bucket).key(key(sha256)));
            existed = true;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            existed = false;
        }
        s3.deleteObject(b -> b.bucket(bucket).key(key(sha256)));
        return existed;
    }

    private String key(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 object name: " + sha256);
        }
        return prefix + sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
    }

    @Override
    public void close() {
        s3.close();
    }
}
