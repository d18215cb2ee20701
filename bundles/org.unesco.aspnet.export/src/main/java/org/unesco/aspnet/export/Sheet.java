package org.unesco.aspnet.export;

import java.util.List;
import java.util.Map;

/**
 * What an exporter is asked to write: the dataset's name (e.g. {@code schools}), its columns in
 * order, and the options of the request that the exporter declared in {@link Exporter#options()}.
 */
public record Sheet(String dataset, List<Column> columns, Map<String, String> options) {
  public Sheet {
    columns = List.copyOf(columns);
    options = Map.copyOf(options);
  }

  /** The index of the column {@code key}, or -1. */
  public int indexOf(String key) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).key().equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
