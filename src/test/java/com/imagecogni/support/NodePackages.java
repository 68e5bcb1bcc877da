package com.imagecogni.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Installs the npm packages a folder's package-lock.json pins, once, with the machine's npm (as bin/lint-dashboard does). */
public final class NodePackages {

    private NodePackages() {
    }

    /** {@code directory}'s node_modules, installed from its lockfile unless they already match it. */
    public static Path installed(Path directory) {
        // npm ls fails when a package is missing or not the locked version
        if (ExternalProcess.run(List.of("npm", "ls", "--silent"), directory, Map.of(), Duration.ofMinutes(1)).exitCode() != 0) {
            ExternalProcess.Result install = ExternalProcess.run(List.of("npm", "ci", "--no-audit", "--no-fund"), directory,
                    Map.of(), Duration.ofMinutes(5));
            if (install.exitCode() != 0) {
                throw new AssertionError("npm ci in " + directory + " failed:\n" + install.output());
            }
        }
        return directory.resolve("node_modules");
    }
}
