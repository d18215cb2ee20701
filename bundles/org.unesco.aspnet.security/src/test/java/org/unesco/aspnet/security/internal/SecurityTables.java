package org.unesco.aspnet.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.unesco.aspnet.persistence.testing.TestDatabase;

/** The security bundle's tables in a test database: every migration script of the bundle, in order. */
final class SecurityTables {
  private SecurityTables() {}

  static TestDatabase create() {
    TestDatabase db = new TestDatabase("security");
    try (Stream<Path> scripts = Files.list(Path.of(SecurityTables.class.getResource("/db/migration").toURI()))) {
      db.run(scripts.map(p -> p.getFileName().toString())
          .sorted(Comparator.comparingInt(SecurityTables::version)).toArray(String[]::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return db;
  }

  /** 11 of {@code V11__account_name_key.sql}. */
  private static int version(String script) {
    return Integer.parseInt(script.substring(1, script.indexOf("__")));
  }
}
