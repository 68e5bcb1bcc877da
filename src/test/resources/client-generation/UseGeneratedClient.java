package example.imagecogni;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import example.imagecogni.client.ApiClient;
import example.imagecogni.client.ApiException;
import example.imagecogni.client.JSON;
import example.imagecogni.client.api.ConfigurationsApi;
import example.imagecogni.client.api.JobsApi;
import example.imagecogni.client.model.ConfigurationRequest;
import example.imagecogni.client.model.ConfigurationView;
import example.imagecogni.client.model.ConvertOperation;
import example.imagecogni.client.model.Estimate;
import example.imagecogni.client.model.JobAccepted;
import example.imagecogni.client.model.JobView;
import example.imagecogni.client.model.Operation;
import example.imagecogni.client.model.OperationsRequest;
import example.imagecogni.client.model.OutputFormat;
import example.imagecogni.client.model.Problem;
import example.imagecogni.client.model.ProblemErrorsInner;
import example.imagecogni.client.model.ResizeOperation;
import example.imagecogni.client.model.Size;

/**
 * What a customer writes with the Java client that openapi-generator makes from /q/openapi: ClientGenerationTest
 * compiles it together with the generated sources, so a renamed operation, model or field breaks the test as it would
 * break the customer's build. It takes the service's address and credentials and answers what it saw.
 */
public class UseGeneratedClient implements Function<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> apply(Map<String, Object> input) {
        try {
            return use((String) input.get("baseUri"), (String) input.get("jwt"), (String) input.get("apiKey"),
                    (String) input.get("postbackUrl"), (File) input.get("image"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> use(String baseUri, String jwt, String apiKey, String postbackUrl, File image)
            throws Exception {
        Map<String, Object> seen = new LinkedHashMap<>();
        ConfigurationsApi configurations = new ConfigurationsApi(client(baseUri, "Bearer " + jwt));

        ConfigurationRequest request = new ConfigurationRequest()
                .name("generated-client")
                .postbackUrl(URI.create(postbackUrl))
                .operations(List.of(
                        new Operation(new ResizeOperation().type(ResizeOperation.TypeEnum.RESIZE)
                                .fit(ResizeOperation.FitEnum.CONTAIN)
                                .sizes(List.of(new Size().width(48), new Size().percent(50)))),
                        new Operation(new ConvertOperation().type(ConvertOperation.TypeEnum.CONVERT)
                                .formats(Set.of(OutputFormat.WEBP)))));
        ConfigurationView created = configurations.createConfiguration(request);
        seen.put("configId", created.getId().toString());
        seen.put("version", created.getVersion());
        seen.put("creditsPerSource", created.getCreditsPerSource());

        ConfigurationView fetched = configurations.getConfiguration(created.getId());
        seen.put("name", fetched.getName());
        seen.put("postbackUrl", fetched.getPostbackUrl());
        seen.put("sizes", fetched.getOperations().get(0).getResizeOperation().getSizes().size());
        seen.put("formats", fetched.getOperations().get(1).getConvertOperation().getFormats().toString());

        Estimate estimate = configurations.estimateConfiguration(new OperationsRequest().operations(request.getOperations()));
        seen.put("estimate", estimate.getCreditsPerSource());

        // an invalid size: the 422 problem, read with the generated Problem model, names the field
        try {
            configurations.createConfiguration(new ConfigurationRequest().name("invalid").postbackUrl(URI.create(postbackUrl))
                    .operations(List.of(new Operation(new ResizeOperation().type(ResizeOperation.TypeEnum.RESIZE)
                            .sizes(List.of(new Size().width(0)))))));
            seen.put("invalidStatus", 201);
        } catch (ApiException e) {
            Problem problem = JSON.getDefault().getMapper().readValue(e.getResponseBody(), Problem.class);
            seen.put("invalidStatus", e.getCode());
            seen.put("invalidCode", problem.getCode());
            seen.put("invalidPaths", problem.getErrors().stream().map(ProblemErrorsInner::getPath).toList());
        }

        // a backend uploads with its API key (multipart: configId, sources files and/or sourceUrls; the generated code
        // loops over both lists, so the one not used is empty, not null) and follows the job to its result
        JobsApi jobs = new JobsApi(client(baseUri, apiKey));
        JobAccepted accepted = jobs.uploadJob(created.getId(), UUID.randomUUID().toString(), List.of(image), List.of());
        seen.put("jobId", accepted.getJobId().toString());
        seen.put("jobSources", accepted.getSources());
        seen.put("jobCredits", accepted.getCredits());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JobView job = jobs.getJob(accepted.getJobId());
        while (!List.of("completed", "failed").contains(job.getStatus()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            job = jobs.getJob(accepted.getJobId());
        }
        seen.put("jobStatus", job.getStatus());
        if ("completed".equals(job.getStatus())) {
            File zip = jobs.getJobResult(accepted.getJobId());
            byte[] bytes = Files.readAllBytes(zip.toPath());
            seen.put("resultStartsWith", new String(bytes, 0, 2, java.nio.charset.StandardCharsets.ISO_8859_1));
            Files.deleteIfExists(zip.toPath());
        }
        return seen;
    }

    /** A client of the service at {@code baseUri} that sends {@code authorization} with every request. */
    private static ApiClient client(String baseUri, String authorization) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        client.setRequestInterceptor(builder -> builder.header("Authorization", authorization));
        return client;
    }
}
