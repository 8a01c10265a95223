package io.tiski.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every overlay renders and validates; the deliberately broken one is refused by each check for its own fault. */
class ManifestsValidateTest {
    @ParameterizedTest
    @ValueSource(strings = {"overlays/prod", "overlays/dev"})
    void theOverlayRendersAndEveryObjectValidates(String overlay) throws Exception {
        String rendered = Manifests.render(overlay);
        List<JsonNode> documents = Manifests.documents(rendered);
        assertThat(documents).extracting(d -> d.path("kind").asText())
                .contains("Deployment", "Service", "PodDisruptionBudget", "ScaledObject", "HorizontalPodAutoscaler",
                        "NetworkPolicy", "Ingress", "ServiceMonitor", "PrometheusRule", "Kafka", "KafkaNodePool",
                        "KafkaTopic", "KafkaUser", "Cluster", "Database");

        Manifests.Run schemas = Manifests.validateWithSchemas(rendered, overlay.replace('/', '-'));
        assertThat(schemas.exitCode()).as(schemas.output()).isZero();
        assertThat(schemas.output()).contains("\"problems\":0");
        assertThat(Manifests.strictProblems(documents)).isEmpty();
    }

    @Test
    void aBrokenManifestIsRefusedWithWhatIsWrongAndWhere() throws Exception {
        String rendered = Manifests.render("validate/broken");

        Manifests.Run schemas = Manifests.validateWithSchemas(rendered, "broken");
        assertThat(schemas.exitCode()).isEqualTo(1);
        assertThat(schemas.output()).contains("apps/v1/Deployment notification-service: "
                + "/spec/template/spec/containers/0/ports/0/containerPort must be integer");

        List<String> strict = Manifests.strictProblems(Manifests.documents(rendered));
        assertThat(strict).anyMatch(p -> p.startsWith("apps/v1/Deployment email-ingest-service: ")
                && p.contains("/spec/template/spec/containers/0/readinesProbe is not a field of Container"));
        assertThat(strict).anyMatch(p -> p.startsWith("kafka.strimzi.io/v1beta2/KafkaTopic tiski-inbound-messages-v1: ")
                && p.contains("twelve"));
        assertThat(strict).anyMatch(p -> p.startsWith("kafka.strimzi.io/v1beta2/KafkaUser tiski-keda: ")
                && p.contains("/spec/quota is not a field of KafkaUserSpec"));
        assertThat(strict).anyMatch(p -> p.startsWith("apps/v1/Deployment notification-service: ")
                && p.contains("smtp-port"));
        assertThat(strict).hasSize(4);
    }
}
