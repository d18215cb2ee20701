package org.unesco.aspnet.membership.bulk;

import java.util.List;
import org.unesco.aspnet.core.FieldError;

/**
 * The outcome of a check or an import. {@code rows} lists the rows with errors or likely
 * duplicates (at most {@link #MAX_LISTED}; {@code truncated} says when more were left out; the
 * counts are always complete). {@code written} is 0 for a dry run and for a refused import.
 */
public record ImportReport(
    boolean dryRun,
    int total,
    int valid,
    int invalid,
    int duplicates,
    int written,
    List<RowReport> rows,
    boolean truncated) {
  public static final int MAX_LISTED = 10_000;

  public ImportReport {
    rows = List.copyOf(rows);
  }

  /**
   * One row worth a look: its errors field by field, the known schools it looks like ({@code
   * duplicateOf}, ids) and the earlier line of the same file it repeats ({@code duplicateOfLine}).
   */
  public record RowReport(int line, String name, List<FieldError> errors, List<Long> duplicateOf, Integer duplicateOfLine) {
    public RowReport {
      errors = List.copyOf(errors);
      duplicateOf = List.copyOf(duplicateOf);
    }
  }
}
