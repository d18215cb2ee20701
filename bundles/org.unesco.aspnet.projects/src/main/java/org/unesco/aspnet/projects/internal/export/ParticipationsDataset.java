package org.unesco.aspnet.projects.internal.export;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.export.Column.Type;
import org.unesco.aspnet.export.Dataset;
import org.unesco.aspnet.export.ExportDataset;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.projects.CampaignService;

/**
 * Which schools take part in which campaigns, as the participant lists show them to the caller
 * (the school's current name, country and city; candidates only for those who may see them),
 * narrowed to the caller's scope ({@link ExportScope}: an NC gets their country's rows only).
 */
@Component
@ExportDataset("participations")
public final class ParticipationsDataset implements Dataset {
  static final List<Column> COLUMNS = List.of(
      new Column("campaignId", "Campaign ID", Type.INTEGER),
      new Column("campaign", "Campaign", Type.TEXT),
      new Column("module", "Module", Type.TEXT),
      new Column("schoolId", "School ID", Type.INTEGER),
      new Column("school", "School", Type.TEXT),
      new Column("country", "Country", Type.TEXT),
      new Column("city", "City", Type.TEXT),
      new Column("joinedAt", "Joined", Type.TIMESTAMP));

  private final CampaignService campaigns;
  private final SchoolService schools;
  private final Authorizer authorizer;

  @Activate
  public ParticipationsDataset(@Reference CampaignService campaigns, @Reference SchoolService schools,
      @Reference Authorizer authorizer) {
    this.campaigns = campaigns;
    this.schools = schools;
    this.authorizer = authorizer;
  }

  @Override
  public String description() {
    return "Campaign participations: ?campaign= one campaign, ?country= the schools of one country";
  }

  @Override
  public Set<String> filters() {
    return Set.of("campaign", "country");
  }

  @Override
  public void export(Principal actor, Map<String, String> filters, Output output) throws IOException {
    String country = CampaignRows.country(filters);
    ExportScope scope = ExportScope.of(actor, authorizer, schools);
    RowWriter writer = output.begin(COLUMNS);
    Object[] v = new Object[COLUMNS.size()];
    CampaignRows.campaigns(campaigns, actor, filters, c -> CampaignRows.each(
        cursor -> campaigns.participants(actor, c.id(), country, CampaignRows.PAGE, cursor),
        p -> {
          if (!scope.includes(p.school(), p.country())) {
            return; // another country's row, for an NC: not even a public one
          }
          v[0] = c.id();
          v[1] = CampaignRows.title(c);
          v[2] = c.module();
          v[3] = p.school();
          v[4] = p.name();
          v[5] = p.country();
          v[6] = p.city();
          v[7] = p.joinedAt();
          writer.row(v);
        }));
  }
}
