package org.unesco.aspnet.projects.campaign;

import java.time.LocalDate;
import java.util.Map;

/**
 * A submission as a campaign module sees it: where it comes from, when, how many people took
 * part, and the module's own metrics (plain JSON values, see {@link CampaignModule}).
 *
 * @param id the submission's id, 0 while it is being validated before it is stored
 * @param school the school's id
 * @param country ISO 3166-1 alpha-2 of the school
 * @param date the day of the activity (never in the future)
 * @param phase the phase key it belongs to, or null
 * @param pupils pupils involved
 * @param teachers teachers involved
 * @param metrics the module's metrics; never null
 */
public record Report(
    long id,
    long school,
    String country,
    LocalDate date,
    String phase,
    int pupils,
    int teachers,
    Map<String, Object> metrics) {
  public Report {
    metrics = metrics == null ? Map.of() : metrics;
  }
}
