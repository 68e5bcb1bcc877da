package com.imagecogni.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/** The build's Kubernetes manifests parse and describe a deployable service: replicas, probes, resources, secrets. */
class KubernetesManifestIT {

    @Test
    void generatedManifestsAreKubectlApplyReady() throws Exception {
        Path file = Path.of("target", "kubernetes", "kubernetes.yml");
        assertTrue(Files.exists(file), "package generates " + file);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            yaml.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
        JsonNode deployment = documents.stream().filter(d -> "Deployment".equals(d.path("kind").asText())).findFirst().orElseThrow();
        assertNotNull(documents.stream().filter(d -> "Service".equals(d.path("kind").asText())).findFirst().orElse(null));
        assertEquals(3, deployment.at("/spec/replicas").asInt());
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        // health and metrics live on the management port, which the Service does not expose
        assertEquals(9000, container.at("/livenessProbe/httpGet/port").asInt());
        assertEquals(9000, container.at("/readinessProbe/httpGet/port").asInt());
        JsonNode service = documents.stream().filter(d -> "Service".equals(d.path("kind").asText())).findFirst().orElseThrow();
        assertEquals("[8080]", service.at("/spec/ports").findValues("targetPort").toString());
        assertTrue(container.at("/resources/limits/memory").isTextual());
        assertEquals(45, pod.at("/terminationGracePeriodSeconds").asInt());
        String envFrom = container.path("envFrom").toString();
        assertTrue(envFrom.contains("imagecogni-db") && envFrom.contains("imagecogni-smtp") && envFrom.contains("imagecogni-config")
                && envFrom.contains("imagecogni-storage"), envFrom);
        // the autoscaler scales this deployment on the queue depth the replicas export
        JsonNode scaler = documents.stream().filter(d -> "ScaledObject".equals(d.path("kind").asText())).findFirst().orElseThrow();
        assertEquals(deployment.at("/metadata/name").asText(), scaler.at("/spec/scaleTargetRef/name").asText());
        assertTrue(scaler.at("/spec/triggers/0/metadata/query").asText().contains("imagecogni_queue_depth{kind=\"process\"}"));
        assertTrue(container.path("env").toString().contains("file:/keys/privateKey.pem"));
        assertTrue(pod.path("volumes").toString().contains("imagecogni-jwt"));
    }
}
