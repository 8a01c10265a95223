package io.tiski.ticket.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ESLint over the workspace's modules (rules in src/test/web-lint/eslint.config.mjs, packages from its lock
 * file): no undefined name, no duplicate key, no unused variable, and no HTML parsing outside the sandboxed
 * message frame (innerHTML, outerHTML, insertAdjacentHTML, document.write, srcdoc).
 */
class WorkspaceLintTest {
    static final Path LINT = Path.of("src/test/web-lint").toAbsolutePath();
    static final Path MODULES = Path.of("src/main/resources/META-INF/resources/app").toAbsolutePath();

    static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return process.exitValue() + "\n" + output;
    }

    @Test
    void theModulesPassTheLintRules() throws Exception {
        if (!Files.isDirectory(LINT.resolve("node_modules"))) {
            String install = run(LINT, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
            assertThat(install).as("npm ci in src/test/web-lint (needs Node.js 18+ and npm)").startsWith("0\n");
        }
        String lint = run(MODULES, List.of(LINT.resolve("node_modules/.bin/eslint").toString(), "--config",
                LINT.resolve("eslint.config.mjs").toString(), "--max-warnings", "0", "."));
        assertThat(lint).as("eslint").isEqualTo("0\n");
    }
}
