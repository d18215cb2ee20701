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
 * A format that writes only some datasets says which in {@link #writes}. An exporter that fails
 * (throws) fails only the download in its own format.
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
   * Whether this format can write {@code sheet}, decided from its dataset and columns (GeoJSON
   * needs {@code latitude} and {@code longitude}). Asked for {@code GET /api/v1/exports}, with the
   * columns the dataset declares ({@link Dataset#columns()}) and no options, so that each dataset
   * lists only the formats that write it; and again for each download, first with those columns
   * and then with the ones the dataset begins with: false is a 400 for the client, before {@link
   * #open}. Every dataset by default.
   *
   * @since 1.1
   */
  default boolean writes(Sheet sheet) {
    return true;
  }

  /**
   * Starts writing {@code sheet} to {@code out}; called only when {@link #writes} is true for it.
   * A {@link org.unesco.aspnet.core.ProblemException} thrown here still becomes a problem (such as
   * a 400) instead of a file.
   */
  RowWriter open(Sheet sheet, OutputStream out) throws IOException;
}
