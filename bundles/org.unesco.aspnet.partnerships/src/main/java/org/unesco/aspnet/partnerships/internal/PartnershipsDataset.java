package org.unesco.aspnet.partnerships.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
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
import org.unesco.aspnet.partnerships.Partnership;
import org.unesco.aspnet.partnerships.PartnershipService;
import org.unesco.aspnet.partnerships.PartnershipStatus;

/**
 * The {@code partnerships} export dataset (docs/partnerships.md, "Export"): one row per
 * partnership, oldest first, streamed from the store's table ({@link PartnershipStore#export}),
 * within the caller's scope ({@link ExportScope}); the message and the comment only for those who
 * read them, the public's file has no such columns. The filters are the list's: {@code school},
 * {@code country} (either side, any case), {@code status}.
 */
@Component
@ExportDataset("partnerships")
public final class PartnershipsDataset implements Dataset {
  static final List<Column> COLUMNS = List.of(
      new Column("id", "Partnership ID", Type.INTEGER),
      new Column("status", "Status", Type.TEXT),
      new Column("theme", "Theme", Type.TEXT),
      new Column("proposerId", "Proposing school ID", Type.INTEGER),
      new Column("proposerName", "Proposing school", Type.TEXT),
      new Column("proposerCountry", "Proposing school's country", Type.TEXT),
      new Column("partnerId", "Partner school ID", Type.INTEGER),
      new Column("partnerName", "Partner school", Type.TEXT),
      new Column("partnerCountry", "Partner school's country", Type.TEXT),
      new Column("proposedAt", "Proposed", Type.TIMESTAMP),
      new Column("acceptedAt", "Accepted", Type.TIMESTAMP),
      new Column("endedAt", "Ended", Type.TIMESTAMP),
      new Column("message", "Message of the proposal", Type.TEXT),
      new Column("comment", "Comment of the last move", Type.TEXT));
  /** The columns without message and comment: the public's. */
  static final List<Column> PUBLIC_COLUMNS = COLUMNS.subList(0, COLUMNS.size() - 2);

  private final PartnershipStore store;

  @Activate
  public PartnershipsDataset(@Reference PartnershipService partnerships) {
    this.store = (PartnershipStore) partnerships; // ours: this bundle registers it
  }

  @Override
  public String description() {
    return "Partnerships between schools: ?school= and ?country= (either side), ?status= (the public: accepted ones,"
        + " without message and comment)";
  }

  @Override
  public Set<String> filters() {
    return Set.of("school", "country", "status");
  }

  /** Every column; the public gets them without {@code message} and {@code comment}. */
  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public void export(Principal actor, Map<String, String> filters, Output output) throws IOException {
    Long school = PartnershipRules.schoolFilter(filters.get("school"));
    String country = country(filters.get("country"));
    PartnershipStatus status = PartnershipRules.statusFilter(filters.get("status"));
    boolean texts = ExportScope.of(actor).readsTexts();
    List<Column> columns = texts ? COLUMNS : PUBLIC_COLUMNS;
    RowWriter[] writer = new RowWriter[1];
    Object[] v = new Object[columns.size()];
    store.export(actor, school, country, status, p -> {
      if (writer[0] == null) {
        writer[0] = output.begin(columns);
      }
      fill(v, p, texts);
      writer[0].row(v);
    });
    if (writer[0] == null) {
      output.begin(columns); // no rows: a file with its header only
    }
  }

  static void fill(Object[] v, Partnership p, boolean texts) {
    int i = 0;
    v[i++] = p.id();
    v[i++] = p.status().name();
    v[i++] = p.theme().name();
    v[i++] = p.proposer().id();
    v[i++] = p.proposer().name();
    v[i++] = p.proposer().country();
    v[i++] = p.partner().id();
    v[i++] = p.partner().name();
    v[i++] = p.partner().country();
    v[i++] = p.proposedAt();
    // answeredAt is also when a proposal was declined or withdrawn: only an accepted one (ended since, maybe) was accepted then
    v[i++] = p.status() == PartnershipStatus.ACCEPTED || p.status() == PartnershipStatus.ENDED ? p.answeredAt() : null;
    v[i++] = p.endedAt();
    if (texts) {
      v[i++] = p.message();
      v[i] = p.comment();
    }
  }

  /** {@code ?country=}, any case; the export service refuses a code that is no country. */
  private static String country(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String code = value.strip().toUpperCase(Locale.ROOT);
    if (!code.matches("[A-Z]{2}")) {
      throw ProblemException.validation("country", "must be the ISO 3166-1 alpha-2 code of a known country, such as FR");
    }
    return code;
  }
}
