package org.unesco.aspnet.example.hello.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.persistence.Database;

/** Keeps the greeting in the plugin's own table, created by its own migration. */
@Component(service = GreetingStore.class)
public final class GreetingStore {

  /** The greeting and its revision; the revision is the ETag that guards concurrent edits. */
  public record Greeting(String text, int revision) {}

  private final Database database;

  @Activate
  public GreetingStore(@Reference Database database, BundleContext context) {
    this.database = database;
    database.migrate(context.getBundle());
  }

  public Greeting current() {
    return database.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT TEXT, REVISION FROM HELLO_GREETING WHERE ID = 1");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Greeting(rs.getString(1), rs.getInt(2));
          }
        });
  }

  /** Replaces the text if nobody changed it since {@code expectedRevision} was read. */
  public Greeting replace(String text, int expectedRevision) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE HELLO_GREETING SET TEXT = ?, REVISION = REVISION + 1"
                      + " WHERE ID = 1 AND REVISION = ?")) {
            ps.setString(1, text);
            ps.setInt(2, expectedRevision);
            if (ps.executeUpdate() == 0) {
              throw ProblemException.preconditionFailed(
                  "The greeting changed since you read it; read it again and reapply your edit");
            }
          }
          return new Greeting(text, expectedRevision + 1);
        });
  }
}
