package com.imagecogni.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.imagecogni.common.ApiException;
import com.imagecogni.configuration.ConfigurationReader;
import com.imagecogni.pipeline.CreditCalculator;
import com.imagecogni.pipeline.JobRenderer;
import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.zip.Manifest;

/**
 * Runs a configuration on local image files and writes the result ZIP the service would post,
 * without a server or database: {@code bin/process-images CONFIG.json OUT.zip IMAGE...}.
 */
public final class ProcessImages {

    private ProcessImages() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: bin/process-images CONFIG.json OUT.zip IMAGE...");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode body = json.readTree(Path.of(args[0]).toFile());
        ConfigurationReader.Valid config;
        try {
            config = ConfigurationReader.read(body, 20, CreditCalculator.DEFAULT_MAX_OUTPUTS);
        } catch (ApiException e) {
            System.err.println("invalid configuration: " + e.errors());
            System.exit(1);
            return;
        }
        List<JobRenderer.NamedSource> sources = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            Path file = Path.of(args[i]);
            sources.add(new JobRenderer.NamedSource(file.getFileName().toString(), Files.readAllBytes(file)));
        }
        ObjectNode snapshot = json.createObjectNode().putNull("id").put("version", 0).put("name", config.name())
                .put("postbackUrl", config.postbackUrl()).put("postbackFormat", config.postbackFormat().sql())
                .put("creditsPerSource", config.credits().creditsPerSource());
        snapshot.set("operations", config.operations());

        long start = System.nanoTime();
        Path zip = Path.of(args[1]);
        JobRenderer.Result result;
        try (PipelineRuntime runtime = PipelineRuntime.standalone()) { // -Dpipeline.threads sizes it, as in the service
            result = new JobRenderer(DecodeLimits.defaults(), runtime)
                    .render(zip, config.name(), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(snapshot),
                            config.specs(), sources);
        }
        for (Manifest.Source source : result.sources()) {
            if (source.error() != null) {
                System.out.printf("%s: %s (%s)%n", source.originalName(), source.error().message(), source.error().reason());
            }
            for (Manifest.Entry entry : source.outputs()) {
                System.out.printf("%-50s %5dx%-5d %9d bytes%n", entry.path(), entry.width(), entry.height(), entry.bytes());
            }
        }
        System.out.printf("%s: %d sources, %d failed, %d credits per source, %d ms%n", zip, sources.size(), result.failed(),
                config.credits().creditsPerSource(), (System.nanoTime() - start) / 1_000_000);
        config.credits().hint().ifPresent(hint -> System.out.println("hint: " + hint));
    }
}
