package org.unesco.aspnet.export.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.export.Column.Type;
import org.unesco.aspnet.export.Dataset;
import org.unesco.aspnet.export.ExportDataset;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.membership.bulk.SchoolRows;

/** Membership periods with their status history, one row per change (not for the public). */
@Component
@ExportDataset("memberships")
public final class MembershipsDataset implements Dataset {
  static final List<Column> COLUMNS = List.of(
      new Column("membershipId", "Membership ID", Type.INTEGER),
      new Column("schoolId", "School ID", Type.INTEGER),
      new Column("schoolName", "School", Type.TEXT),
      new Column("country", "Country", Type.TEXT),
      new Column("unit", "Unit", Type.TEXT),
      new Column("city", "City", Type.TEXT),
      new Column("period", "Period", Type.INTEGER),
      new Column("status", "Status", Type.TEXT),
      new Column("certificateNumber", "Certificate", Type.TEXT),
      new Column("appliedAt", "Applied", Type.TIMESTAMP),
      new Column("certifiedAt", "Certified", Type.TIMESTAMP),
      new Column("endedAt", "Ended", Type.TIMESTAMP),
      new Column("changeFrom", "Change from", Type.TEXT),
      new Column("changeTo", "Change to", Type.TEXT),
      new Column("changedAt", "Changed", Type.TIMESTAMP),
      new Column("changedBy", "Changed by (account)", Type.TEXT),
      new Column("comment", "Comment", Type.TEXT));

  private final SchoolRows rows;
  private final org.unesco.aspnet.membership.ProfileService profiles;

  @Activate
  public MembershipsDataset(@Reference SchoolRows rows, @Reference org.unesco.aspnet.membership.ProfileService profiles) {
    this.rows = rows;
    this.profiles = profiles;
  }

  @Override
  public String description() {
    return "Memberships with their status history, one row per change (coordinators, schools, HQ)";
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Set<String> filters() {
    return DirectoryFilters.NAMES;
  }

  @Override
  public void export(Principal actor, Map<String, String> filters, Output output) throws IOException {
    var query = DirectoryFilters.query(filters, profiles, actor.language());
    RowWriter[] writer = new RowWriter[1];
    Object[] v = new Object[COLUMNS.size()];
    rows.memberships(actor, query, m -> {
      if (writer[0] == null) {
        writer[0] = output.begin(COLUMNS);
      }
      int i = 0;
      v[i++] = m.membershipId();
      v[i++] = m.schoolId();
      v[i++] = m.schoolName();
      v[i++] = m.country();
      v[i++] = m.unit();
      v[i++] = m.city();
      v[i++] = m.period();
      v[i++] = m.status().name();
      v[i++] = m.certificateNumber();
      v[i++] = m.appliedAt();
      v[i++] = m.certifiedAt();
      v[i++] = m.endedAt();
      v[i++] = m.changeFrom() == null ? null : m.changeFrom().name();
      v[i++] = m.changeTo() == null ? null : m.changeTo().name();
      v[i++] = m.changedAt();
      v[i++] = m.changedBy();
      v[i] = m.comment();
      writer[0].row(v);
    });
    if (writer[0] == null) {
      output.begin(COLUMNS);
    }
  }
}
