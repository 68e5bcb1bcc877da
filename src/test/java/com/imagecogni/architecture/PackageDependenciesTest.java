package com.imagecogni.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package layering the README draws, read from the main sources' imports: no cycles between the top-level
 * packages, {@code pipeline} at the bottom (it imports none of ours), and no class imports a REST resource.
 */
class PackageDependenciesTest {

    private static final Path MAIN = Path.of("src/main/java/com/imagecogni");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?com\\.imagecogni\\.([a-z]+)\\.([\\w.]+);",
            Pattern.MULTILINE);

    /** Top-level package → the top-level packages its classes import (itself excluded). */
    private static Map<String, Set<String>> graph() {
        Map<String, Set<String>> edges = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = MAIN.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // classes directly in com.imagecogni
                }
                String from = relative.getName(0).toString();
                Matcher m = IMPORT.matcher(Files.readString(file));
                Set<String> to = edges.computeIfAbsent(from, k -> new TreeSet<>());
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        to.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return edges;
    }

    @Test
    void topLevelPackagesFormNoCycle() {
        Map<String, Set<String>> edges = graph();
        assertTrue(edges.size() > 5, "read the packages: " + edges.keySet());
        for (String start : edges.keySet()) {
            // a path from a package back to itself, searched depth-first; printed with the whole graph on failure
            Deque<List<String>> paths = new ArrayDeque<>();
            paths.push(List.of(start));
            Set<String> seen = new TreeSet<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.pop();
                for (String next : edges.getOrDefault(path.get(path.size() - 1), Set.of())) {
                    List<String> longer = new ArrayList<>(path);
                    longer.add(next);
                    assertTrue(!next.equals(start), "cycle " + String.join(" -> ", longer) + " in " + edges);
                    if (seen.add(next)) {
                        paths.push(longer);
                    }
                }
            }
        }
    }

    @Test
    void pipelineIsAtTheBottom() {
        assertEquals(Set.of(), graph().get("pipeline"), "pipeline imports none of the service's packages");
    }

    @Test
    void nothingImportsAResource() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (m.group(2).endsWith("Resource")) {
                        offenders.add(MAIN.relativize(file) + " imports " + m.group(1) + "." + m.group(2));
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "REST resources are the top layer");
    }
}
