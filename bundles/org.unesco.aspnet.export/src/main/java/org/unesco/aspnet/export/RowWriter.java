package org.unesco.aspnet.export;

import java.io.Closeable;
import java.io.IOException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Writes the rows of one export as they come. {@link #close()} finishes the file (an XLSX
 * writes its closing parts then) and flushes, but must not close the underlying stream.
 */
@ConsumerType
public interface RowWriter extends Closeable {

  /** One row: {@code values[i]} belongs to column i of the {@link Sheet}. Not kept after return. */
  void row(Object[] values) throws IOException;
}
