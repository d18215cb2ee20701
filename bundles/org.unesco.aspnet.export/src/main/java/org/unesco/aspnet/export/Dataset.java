package org.unesco.aspnet.export;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;
import org.unesco.aspnet.core.Principal;

/**
 * Something to export (schools, memberships, participations...), registered with {@link
 * ExportDataset} naming it. It decides the rows and columns for the caller, always within the
 * caller's scope, and streams them: first {@link Output#begin} with the columns, then each row.
 */
@ConsumerType
public interface Dataset {

  /** A line for people, shown in {@code GET /api/v1/exports}. */
  String description();

  /** The filters it takes from the query string (e.g. {@code country}); others get a 400. */
  Set<String> filters();

  /**
   * The columns it exports, known before an export runs: from them each format says whether it
   * writes this dataset ({@link Exporter#writes}), for {@code GET /api/v1/exports} and before a
   * download. A caller may get fewer (the public gets schools without contacts) or more (a national
   * profile's fields); the format is asked again with those. A dataset that declares none is
   * listed and exported only in the formats that write any dataset (so not as GeoJSON).
   *
   * @since 1.1
   */
  default List<Column> columns() {
    return List.of();
  }

  /**
   * Writes the rows {@code actor} may have that match {@code filters}. Check the filters and the
   * caller's rights before {@link Output#begin}: a {@link org.unesco.aspnet.core.ProblemException}
   * thrown before it becomes a clean problem response.
   */
  void export(Principal actor, Map<String, String> filters, Output output) throws IOException;

  /** Where a dataset writes; given by the platform. */
  @ProviderType
  interface Output {
    /** Opens the file with these columns; call once, before any row. */
    RowWriter begin(List<Column> columns) throws IOException;
  }
}
