package org.unesco.aspnet.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A file format for exports, registered as a service with {@link ExportFormat} naming its key
 * (the file extension in {@code GET /api/v1/exports/{dataset}.{format}}):
 *
 * <pre>{@code
 * @Component
 * @ExportFormat("tsv")
 * public final class TsvExporter implements Exporter { ... }
 * }</pre>
 *
 * An exporter that fails (throws) fails only the download in its own format.
 */
@ConsumerType
public interface Exporter {

  /** E.g. {@code text/csv; charset=utf-8}. */
  String mediaType();

  /** The file name extension, without the dot; usually the format key. */
  String extension();

  /** A line for people, shown in {@code GET /api/v1/exports}. */
  default String description() {
    return extension();
  }

  /** Request parameters this format reads (e.g. {@code bom} for CSV), handed over in {@link Sheet#options()}. */
  default Set<String> options() {
    return Set.of();
  }

  /**
   * Starts writing {@code sheet} to {@code out}. Throw {@link org.unesco.aspnet.core.ProblemException}
   * (400) here when the format cannot hold this dataset (e.g. GeoJSON without coordinates): the
   * client then gets a problem instead of a file.
   */
  RowWriter open(Sheet sheet, OutputStream out) throws IOException;
}
