package org.unesco.aspnet.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads a table file (CSV, XLSX...) for imports, registered with {@link ExportFormat} naming the
 * format. The first row is the header.
 */
@ConsumerType
public interface TableReader {

  /** The media types this reader takes as a request's Content-Type. */
  List<String> mediaTypes();

  Rows open(InputStream in) throws IOException;

  /** The rows of a file, one at a time. */
  interface Rows extends Closeable {
    /** The next row's cells (empty string for an empty cell), or null at the end. */
    List<String> next() throws IOException;

    /** Where the last row returned starts, for messages: its line (CSV) or row number (XLSX). */
    int line();
  }
}
