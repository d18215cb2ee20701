package org.unesco.aspnet.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads a table file (CSV, XLSX...) for imports, registered with {@link ExportFormat} naming the
 * format. The first row is the header.
 *
 * <p>A file that cannot be read (not of this format, broken, cut short, in another encoding) is an
 * {@link IOException} from {@link #open} or {@link Rows#next} whose message says why in words its
 * sender can act on ("line 2: a quoted field is not closed"): the import answers it with a 400
 * "The file cannot be read: " and that message. Any other exception is a fault of the reader (a
 * 500 with an incident in the log), and so is a {@link java.nio.file.FileSystemException} (the
 * platform's temporary copy of the file). Those words are best in the language of the person who
 * sent the file: an import opens the file with {@link #open(InputStream, String)}, which names it.
 */
@ConsumerType
public interface TableReader {

  /** The media types this reader takes as a request's Content-Type. */
  List<String> mediaTypes();

  Rows open(InputStream in) throws IOException;

  /**
   * As {@link #open(InputStream)}, for an import by a person who reads {@code language} (a language
   * code such as {@code fr}, from the request: {@code ?lang=}, {@code Accept-Language}, their
   * account's; null for English): the messages of an {@link IOException} from the rows, or from
   * here, are best in it, else in English. By default, {@link #open(InputStream)}: in English.
   *
   * @since 1.2
   */
  default Rows open(InputStream in, String language) throws IOException {
    return open(in);
  }

  /** The rows of a file, one at a time. */
  interface Rows extends Closeable {
    /** The next row's cells (empty string for an empty cell), or null at the end. */
    List<String> next() throws IOException;

    /** Where the last row returned starts, for messages: its line (CSV) or row number (XLSX). */
    int line();
  }
}
