package org.unesco.aspnet.projects.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module docs/campaign-modules.md gives to copy compiles as it is written and does what it
 * says: an outsider's first module started from an excerpt that named what it never defined.
 */
class DocumentedModuleTest {

  @Test
  void theDocumentsModuleCompilesAndWorks(@TempDir Path dir) throws Exception {
    String doc = Files.readString(Path.of("../../docs/campaign-modules.md"));
    int start = doc.indexOf("```java\npackage org.example.campaign.trees;");
    assertTrue(start >= 0, "the example is in the document");
    String code = doc.substring(start + "```java\n".length(), doc.indexOf("```", start + 8));
    Path source = dir.resolve("src/org/example/campaign/trees/TreePlanting.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, code);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(problems, Locale.ROOT, null)) {
      boolean ok = javac.getTask(null, files, problems,
          List.of("-d", dir.resolve("classes").toString(), "-classpath", System.getProperty("java.class.path"), "-proc:none"),
          null, files.getJavaFileObjects(source.toFile())).call();
      assertTrue(ok, problems.getDiagnostics().toString());
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, getClass().getClassLoader())) {
      CampaignModule module = (CampaignModule) loader.loadClass("org.example.campaign.trees.TreePlanting")
          .getDeclaredConstructor().newInstance();
      assertEquals(List.of(), SubmissionSchema.untranslated(module, List.of("en", "fr", "es", "de")), "every word in the UI's languages");
      Report good = report(Map.of("trees", 40, "kind", "NATIVE", "survivalPercent", 85));
      assertEquals(List.of(), module.validate(good));
      Report bad = report(Map.of("trees", -1, "kind", "PINE", "colour", "green"));
      assertEquals(List.of("metrics.colour", "metrics.trees", "metrics.kind"),
          module.validate(bad).stream().map(org.unesco.aspnet.core.FieldError::field).toList());
      Map<String, Object> totals = module.aggregate(List.of(good, report(Map.of("trees", 2, "kind", "FRUIT"))));
      assertEquals(42L, totals.get("treesPlanted"));
    }
  }

  private static Report report(Map<String, Object> metrics) {
    return new Report(0, 7, "KE", java.time.LocalDate.of(2026, 3, 21), "plant", 30, 2, metrics);
  }
}
