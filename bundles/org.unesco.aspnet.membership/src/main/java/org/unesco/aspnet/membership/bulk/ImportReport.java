package org.unesco.aspnet.membership.bulk;

import java.util.List;
import org.unesco.aspnet.core.FieldError;

/**
 * The outcome of a check or an import. {@code rows} lists the rows worth a look: with errors, likely
 * duplicates, or changes to a known school (at most {@link #MAX_LISTED}; {@code truncated} says when
 * more were left out; the counts are always complete). {@code written} is 0 for a dry run and for a
 * refused import, else the schools created and updated.
 *
 * <p>{@code created}, {@code updated} and {@code unchanged} count the valid rows by what they do (in
 * a dry run, would do): a row without the id of a known school creates one; a row naming one
 * updates it, or leaves it unchanged when its values are the stored ones. Likely duplicates skipped
 * by {@link SchoolImport.Duplicates#SKIP} are in none of them.
 */
public record ImportReport(
    boolean dryRun,
    int total,
    int valid,
    int invalid,
    int duplicates,
    int written,
    int created,
    int updated,
    int unchanged,
    List<RowReport> rows,
    boolean truncated) {
  public static final int MAX_LISTED = 10_000;

  public ImportReport {
    rows = List.copyOf(rows);
  }

  /** A report of a file that only creates schools. */
  public ImportReport(
      boolean dryRun, int total, int valid, int invalid, int duplicates, int written, List<RowReport> rows, boolean truncated) {
    this(dryRun, total, valid, invalid, duplicates, written, 0, 0, 0, rows, truncated);
  }

  /** What a row does to the directory. */
  public enum Action {
    /** A new school. */
    CREATE,
    /** A known school (the row's id) whose values the row changes. */
    UPDATE,
    /** A known school whose values the row repeats: nothing is written. */
    UNCHANGED
  }

  /**
   * One row worth a look: its errors field by field, its name (its first 200
   * characters), the known schools it looks like ({@code
   * duplicateOf}, ids), the earlier line of the same file it repeats ({@code duplicateOfLine}), what
   * it does ({@code action}; null when its id names no school the importer may edit) and, for an
   * update, the fields it changes ({@code changed}: {@code students}, {@code fields.<key>}...).
   */
  public record RowReport(int line, String name, List<FieldError> errors, List<Long> duplicateOf, Integer duplicateOfLine,
      Action action, List<String> changed) {
    /** A row's name is shown up to this many characters: a report is kept an hour, and a cell may hold megabytes. */
    private static final int NAME_SHOWN = 200;

    public RowReport {
      if (name != null && name.codePointCount(0, name.length()) > NAME_SHOWN) {
        name = name.substring(0, name.offsetByCodePoints(0, NAME_SHOWN)) + "…";
      }
      errors = List.copyOf(errors);
      duplicateOf = List.copyOf(duplicateOf);
      changed = List.copyOf(changed);
    }

    /** A row of a new school. */
    public RowReport(int line, String name, List<FieldError> errors, List<Long> duplicateOf, Integer duplicateOfLine) {
      this(line, name, errors, duplicateOf, duplicateOfLine, Action.CREATE, List.of());
    }
  }
}
