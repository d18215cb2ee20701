package org.unesco.aspnet.projects.internal.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.export.Column.Type;
import org.unesco.aspnet.export.Dataset;
import org.unesco.aspnet.export.ExportDataset;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.projects.CampaignService;
import org.unesco.aspnet.projects.SubmissionStatus;
import org.unesco.aspnet.web.Json;

/**
 * Campaign submissions as the caller may see them: approved ones for everyone, the others for the
 * school and the moderators, never those of a school the caller may not see; narrowed to the
 * caller's scope ({@link ExportScope}: an NC gets their country's rows only). The module's metrics are one JSON column: their shape is the
 * module's, and a removed module's submissions export as they were stored.
 */
@Component
@ExportDataset("submissions")
public final class SubmissionsDataset implements Dataset {
  static final List<Column> COLUMNS = List.of(
      new Column("id", "Submission ID", Type.INTEGER),
      new Column("campaignId", "Campaign ID", Type.INTEGER),
      new Column("campaign", "Campaign", Type.TEXT),
      new Column("module", "Module", Type.TEXT),
      new Column("schoolId", "School ID", Type.INTEGER),
      new Column("school", "School", Type.TEXT),
      new Column("country", "Country", Type.TEXT),
      new Column("date", "Date", Type.DATE),
      new Column("phase", "Phase", Type.TEXT),
      new Column("status", "Status", Type.TEXT),
      new Column("pupils", "Pupils", Type.INTEGER),
      new Column("teachers", "Teachers", Type.INTEGER),
      new Column("text", "Text", Type.TEXT),
      new Column("metrics", "Metrics (JSON)", Type.TEXT),
      new Column("media", "Media links", Type.LIST),
      new Column("submittedAt", "Submitted", Type.TIMESTAMP));

  private final CampaignService campaigns;
  private final SchoolService schools;
  private final Authorizer authorizer;

  @Activate
  public SubmissionsDataset(@Reference CampaignService campaigns, @Reference SchoolService schools,
      @Reference Authorizer authorizer) {
    this.campaigns = campaigns;
    this.schools = schools;
    this.authorizer = authorizer;
  }

  @Override
  public String description() {
    return "Campaign submissions: ?campaign=, ?country=, ?status= (APPROVED, PENDING, REJECTED)";
  }

  @Override
  public Set<String> filters() {
    return Set.of("campaign", "country", "status");
  }

  @Override
  public void export(Principal actor, Map<String, String> filters, Output output) throws IOException {
    String country = CampaignRows.country(filters);
    SubmissionStatus status = status(filters.get("status"));
    ExportScope scope = ExportScope.of(actor, authorizer, schools);
    RowWriter writer = output.begin(COLUMNS);
    Object[] v = new Object[COLUMNS.size()];
    CampaignRows.campaigns(campaigns, actor, filters, c -> CampaignRows.each(
        cursor -> campaigns.submissions(actor, c.id(), status, country, null, CampaignRows.PAGE, cursor),
        s -> {
          if (!scope.includes(s.school(), s.country())) {
            return; // another country's row, for an NC: not even a public one
          }
          v[0] = s.id();
          v[1] = c.id();
          v[2] = CampaignRows.title(c);
          v[3] = c.module();
          v[4] = s.school();
          v[5] = s.schoolName();
          v[6] = s.country();
          v[7] = s.date();
          v[8] = s.phase();
          v[9] = s.status().name();
          v[10] = s.pupils();
          v[11] = s.teachers();
          v[12] = s.text();
          v[13] = json(s.metrics());
          v[14] = s.media().stream().map(m -> m.url()).toList();
          v[15] = s.submittedAt();
          writer.row(v);
        }));
  }

  private static SubmissionStatus status(String value) {
    String s = CampaignRows.blank(value);
    if (s == null) {
      return null;
    }
    try {
      return SubmissionStatus.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.validation("status", "must be APPROVED, PENDING or REJECTED");
    }
  }

  private static String json(Map<String, Object> metrics) {
    try {
      return Json.MAPPER.writeValueAsString(metrics);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
