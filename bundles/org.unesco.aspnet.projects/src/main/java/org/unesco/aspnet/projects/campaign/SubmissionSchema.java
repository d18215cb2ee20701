package org.unesco.aspnet.projects.campaign;

import java.util.List;

/**
 * What a campaign module's submissions hold below {@code metrics}, for forms and for the API
 * document. The platform does not enforce it: {@link CampaignModule#validate} does.
 *
 * @param metrics the fields of {@code metrics}, in the order a form shows them
 * @param mediaRequired whether a submission must link at least one photo or video
 */
public record SubmissionSchema(List<MetricDefinition> metrics, boolean mediaRequired) {
  public SubmissionSchema {
    metrics = List.copyOf(metrics);
  }
}
