package com.imagecogni.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.openapitools.codegen.config.GlobalSettings;

import com.imagecogni.support.Db;
import com.imagecogni.support.Images;
import com.imagecogni.support.PostbackReceiver;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/**
 * Issue #15's "done when": a client generated from {@code /q/openapi} compiles and can create a configuration. The
 * running app's document (not a copy that could drift) goes through openapi-generator's Java client ({@code native}
 * library: java.net.http and Jackson); the generated sources and {@code UseGeneratedClient} (what a customer would
 * write, under src/test/resources/client-generation) are compiled with javac and loaded, and that code creates,
 * reads and prices a configuration with a user's JWT, reads a 422 with the generated Problem model, and uploads an
 * image with an API key and follows the job to its result ZIP. Everything is written under
 * target/client-generation for a reviewer.
 *
 * <p>A customer gets the same client from a running service with openapi-generator's CLI (or its Maven plugin with
 * the same settings): {@code generate -i http://HOST/q/openapi?format=json -g java --library native
 * --additional-properties openApiNullable=false,useJakartaEe=true}; it needs Jackson (with jsr310),
 * jakarta.annotation-api and Apache httpmime (for the multipart upload).
 */
@QuarkusTest
class ClientGenerationTest {

    private static final Path WORK = Path.of("target", "client-generation");
    private static final String PACKAGE = "example.imagecogni.client";

    /** Classes the generated code and UseGeneratedClient compile against: Jackson, jakarta.annotation, httpmime. */
    private static final List<String> CLIENT_DEPENDENCIES = List.of("com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.core.JsonParser", "com.fasterxml.jackson.annotation.JsonProperty",
            "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule", "jakarta.annotation.Nonnull",
            "org.apache.http.entity.mime.MultipartEntityBuilder", "org.apache.http.HttpEntity",
            "org.apache.http.client.entity.UrlEncodedFormEntity");

    @Inject
    TestAccounts accounts;

    @Inject
    Db db;

    @TestHTTPResource("/")
    URL app;

    PostbackReceiver receiver;

    @BeforeEach
    void receiver() throws IOException {
        receiver = new PostbackReceiver();
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    @Test
    void aClientGeneratedFromTheDocumentCompilesAndCreatesAConfiguration() throws Exception {
        deleteRecursively(WORK);
        Path spec = WORK.resolve("openapi.json");
        Files.createDirectories(WORK);
        Files.writeString(spec, RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());

        Path sources = WORK.resolve("generated");
        generate(spec, sources);
        Path usage = sources.resolve("src/main/java/example/imagecogni/UseGeneratedClient.java");
        Files.createDirectories(usage.getParent());
        try (var in = getClass().getResourceAsStream("/client-generation/UseGeneratedClient.java")) {
            Files.write(usage, in.readAllBytes());
        }
        Path classes = WORK.resolve("classes");
        compile(sources, classes);

        TestAccounts.TestAccount account = accounts.create("client");
        String apiKey = accounts.createApiKey(account);
        Path image = WORK.resolve("photo.png");
        Files.write(image, Images.gradient(96, 64, "png"));
        Map<String, Object> seen;
        try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, getClass().getClassLoader())) {
            @SuppressWarnings("unchecked")
            Function<Map<String, Object>, Map<String, Object>> use = (Function<Map<String, Object>, Map<String, Object>>) loader
                    .loadClass("example.imagecogni.UseGeneratedClient").getDeclaredConstructor().newInstance();
            String baseUri = app.toString().replaceAll("/$", "");
            seen = use.apply(Map.of("baseUri", baseUri, "jwt", account.jwt(), "apiKey", apiKey, "postbackUrl",
                    receiver.url(), "image", image.toFile()));
        }

        String configId = (String) seen.get("configId");
        assertThat(seen).containsEntry("version", 1).containsEntry("name", "generated-client")
                .containsEntry("postbackUrl", receiver.url()).containsEntry("sizes", 2).containsEntry("formats", "[webp]");
        // two sizes, then one format each: resize 2 + convert 2
        assertThat(seen.get("creditsPerSource")).isEqualTo(4).isEqualTo(seen.get("estimate"));
        var row = db.one("SELECT c.name, c.account_id::text AS account, v.postback_url FROM configuration c"
                + " JOIN configuration_version v ON v.configuration_id = c.id AND v.version = c.current_version"
                + " WHERE c.id = $1::uuid", configId);
        assertThat(row.getString("name")).isEqualTo("generated-client");
        assertThat(row.getString("account")).isEqualTo(account.accountId());
        assertThat(row.getString("postback_url")).isEqualTo(receiver.url());

        assertThat(seen).containsEntry("invalidStatus", 422).containsEntry("invalidCode", "validation_failed");
        assertThat(seen.get("invalidPaths")).isEqualTo(List.of("$.operations[0].sizes[0].width"));

        assertThat(seen).containsEntry("jobSources", 1).containsEntry("jobCredits", 4L)
                .containsEntry("jobStatus", "completed").containsEntry("resultStartsWith", "PK");
    }

    /** openapi-generator's Java client with the java.net.http library, without tests, docs or build files. */
    private static void generate(Path spec, Path output) {
        Logger quiet = Logger.getLogger("org.openapitools");
        Level level = quiet.getLevel();
        quiet.setLevel(Level.WARNING);
        try {
            CodegenConfigurator configurator = new CodegenConfigurator().setGeneratorName("java").setLibrary("native")
                    .setInputSpec(spec.toAbsolutePath().toString()).setOutputDir(output.toAbsolutePath().toString())
                    .setInvokerPackage(PACKAGE).setApiPackage(PACKAGE + ".api").setModelPackage(PACKAGE + ".model")
                    // no jackson-databind-nullable: optional fields are plain nulls
                    .addAdditionalProperty("openApiNullable", false).addAdditionalProperty("useJakartaEe", true)
                    .addAdditionalProperty("hideGenerationTimestamp", true)
                    .addGlobalProperty("apiTests", "false").addGlobalProperty("modelTests", "false")
                    .addGlobalProperty("apiDocs", "false").addGlobalProperty("modelDocs", "false");
            DefaultGenerator generator = new DefaultGenerator();
            generator.setGenerateMetadata(false);
            List<File> files = generator.opts(configurator.toClientOptInput()).generate();
            assertThat(files).as("generated files").isNotEmpty();
        } finally {
            GlobalSettings.reset();
            quiet.setLevel(level);
        }
    }

    /** Compiles every generated source with the running JDK's javac against the client's own dependencies. */
    private static void compile(Path sources, Path classes) throws IOException, URISyntaxException {
        List<File> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(path -> path.toString().endsWith(".java")).map(Path::toFile).toList();
        }
        Files.createDirectories(classes);
        Set<String> classpath = new LinkedHashSet<>();
        for (String name : CLIENT_DEPENDENCIES) {
            classpath.add(location(name));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager manager = javac.getStandardFileManager(null, null, null)) {
            List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                    String.join(File.pathSeparator, classpath), "-nowarn", "-Xlint:none", "-proc:none", "-encoding", "UTF-8"));
            boolean compiled = javac.getTask(diagnostics, manager, null, options, null, manager.getJavaFileObjectsFromFiles(files))
                    .call();
            assertThat(compiled).as("the generated client compiles:%n%s", diagnostics).isTrue();
        }
    }

    /** The jar or directory a class is loaded from, found by its class file (as any class loader shows it). */
    private static String location(String className) throws URISyntaxException {
        String resource = className.replace('.', '/') + ".class";
        URL url = ClientGenerationTest.class.getClassLoader().getResource(resource);
        assertThat(url).as(className + " on the test classpath").isNotNull();
        String text = url.toString();
        if (text.startsWith("jar:")) {
            return Path.of(new java.net.URI(text.substring("jar:".length(), text.indexOf("!/")))).toString();
        }
        return Path.of(url.toURI()).toString().replace(resource.replace('/', File.separatorChar), "");
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
