package org.unesco.aspnet.export.internal;

import java.io.IOException;
import java.time.Year;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.export.Column.Type;
import org.unesco.aspnet.export.Dataset;
import org.unesco.aspnet.export.ExportDataset;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.membership.bulk.SchoolRows;

/** Member schools and the state of their annual report for {@code year} (default: last year). */
@Component
@ExportDataset("annual-reports")
public final class AnnualReportsDataset implements Dataset {
  static final List<Column> COLUMNS = List.of(
      new Column("schoolId", "School ID", Type.INTEGER),
      new Column("name", "School", Type.TEXT),
      new Column("country", "Country", Type.TEXT),
      new Column("unit", "Unit", Type.TEXT),
      new Column("city", "City", Type.TEXT),
      new Column("year", "Year", Type.INTEGER),
      new Column("state", "State", Type.TEXT),
      new Column("due", "Due", Type.DATE),
      new Column("submittedAt", "Submitted", Type.TIMESTAMP),
      new Column("themes", "Themes", Type.LIST),
      new Column("studentsInvolved", "Students involved", Type.INTEGER),
      new Column("teachersInvolved", "Teachers involved", Type.INTEGER));
  private static final Set<String> FILTERS;

  static {
    Set<String> f = new HashSet<>(DirectoryFilters.NAMES);
    f.add("year");
    FILTERS = Set.copyOf(f);
  }

  private final SchoolRows rows;
  private final org.unesco.aspnet.membership.ProfileService profiles;

  @Activate
  public AnnualReportsDataset(@Reference SchoolRows rows, @Reference org.unesco.aspnet.membership.ProfileService profiles) {
    this.rows = rows;
    this.profiles = profiles;
  }

  @Override
  public String description() {
    return "Annual report status of member schools for ?year= (default last year): SUBMITTED, LATE, MISSING, OPEN";
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Set<String> filters() {
    return FILTERS;
  }

  @Override
  public void export(Principal actor, Map<String, String> filters, Output output) throws IOException {
    var query = DirectoryFilters.query(filters, profiles, actor.language());
    String y = DirectoryFilters.blank(filters.get("year"));
    int year;
    if (y == null) {
      year = Year.now().getValue() - 1;
    } else if (y.matches("\\d{4}")) {
      year = Integer.parseInt(y);
    } else {
      throw ProblemException.validation("year", "must be a year such as 2025");
    }
    RowWriter[] writer = new RowWriter[1];
    Object[] v = new Object[COLUMNS.size()];
    rows.annualReports(actor, query, year, r -> {
      if (writer[0] == null) {
        writer[0] = output.begin(COLUMNS);
      }
      int i = 0;
      v[i++] = r.schoolId();
      v[i++] = r.name();
      v[i++] = r.country();
      v[i++] = r.unit();
      v[i++] = r.city();
      v[i++] = r.year();
      v[i++] = r.state().name();
      v[i++] = r.due();
      v[i++] = r.submittedAt();
      v[i++] = r.themes().stream().map(Enum::name).toList();
      v[i++] = r.studentsInvolved();
      v[i] = r.teachersInvolved();
      writer[0].row(v);
    });
    if (writer[0] == null) {
      output.begin(COLUMNS);
    }
  }
}
