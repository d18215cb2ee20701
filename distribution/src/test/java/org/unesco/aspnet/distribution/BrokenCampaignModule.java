package org.unesco.aspnet.distribution;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.projects.campaign.CampaignModule;
import org.unesco.aspnet.projects.campaign.PhaseDefinition;
import org.unesco.aspnet.projects.campaign.Report;
import org.unesco.aspnet.projects.campaign.SubmissionSchema;

/**
 * A campaign module with bugs, packed into a plugin by {@link CampaignsIT}: it validates what has
 * no {@code explode} metric and fails every aggregation.
 */
public final class BrokenCampaignModule implements CampaignModule {
  @Override
  public String name(Locale language) {
    return "Broken";
  }

  @Override
  public List<PhaseDefinition> phases() {
    return List.of();
  }

  @Override
  public SubmissionSchema schema() {
    return new SubmissionSchema(List.of(), false);
  }

  @Override
  public List<FieldError> validate(Report report) {
    if (report.metrics().containsKey("explode")) {
      throw new IllegalStateException("a bug in validation");
    }
    return List.of();
  }

  @Override
  public Map<String, Object> aggregate(Collection<Report> approved) {
    throw new ArrayIndexOutOfBoundsException("a bug in aggregation");
  }
}
