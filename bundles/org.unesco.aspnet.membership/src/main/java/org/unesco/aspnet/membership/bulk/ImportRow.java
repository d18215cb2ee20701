package org.unesco.aspnet.membership.bulk;

import java.util.List;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.membership.SchoolInput;

/**
 * One row of an import file: its line (or row number), the id it carried if any (a file exported
 * earlier has one; it is only compared, never written), the school read from it and the errors of
 * reading (a number that is not one, an unknown level...), reported with the rule errors.
 */
public record ImportRow(int line, Long id, SchoolInput school, List<FieldError> errors) {
  public ImportRow {
    errors = List.copyOf(errors);
  }
}
