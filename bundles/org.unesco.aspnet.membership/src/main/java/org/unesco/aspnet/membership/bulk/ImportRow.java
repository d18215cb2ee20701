package org.unesco.aspnet.membership.bulk;

import java.util.List;
import java.util.Set;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.membership.SchoolInput;

/**
 * One row of an import file: its line (or row number), the id it carried if any, the school read
 * from it, the errors of reading (a number that is not one, an unknown level...), reported with the
 * rule errors, and the columns the file has.
 *
 * <p>A row whose {@code id} names a school updates that school (a file exported earlier, corrected
 * in a spreadsheet): only the fields in {@code columns} replace the school's values, an empty cell
 * (null here) clearing an optional one; the others stay as they are. {@code columns} names fields
 * as {@link SchoolInput} does ({@code name}, {@code nationalId}...) and national profile fields as
 * {@code fields.<key>}; none (null or empty) changes nothing, so that a caller of the 1.0
 * constructor, for whom an id was only compared, never has a school overwritten.
 */
public record ImportRow(int line, Long id, SchoolInput school, List<FieldError> errors, Set<String> columns) {
  public ImportRow {
    errors = List.copyOf(errors);
    columns = columns == null ? Set.of() : Set.copyOf(columns);
  }

  /** A row without the file's columns (1.0): its id names a school only to compare, never to change it. */
  public ImportRow(int line, Long id, SchoolInput school, List<FieldError> errors) {
    this(line, id, school, errors, null);
  }

  /** Whether the file has a column for {@code field} (as {@link #columns} names it). */
  public boolean has(String field) {
    return columns.contains(field);
  }
}
