package org.unesco.aspnet.projects;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A school reports an activity of a campaign.
 *
 * @param school the reporting school's id
 * @param date the day of the activity, not in the future
 * @param phase the campaign phase it belongs to (required when the campaign has phases)
 * @param text what happened
 * @param metrics what the campaign module defines (see {@code GET /api/v1/campaigns/{id}/schema})
 */
public record SubmissionInput(
    Long school,
    LocalDate date,
    String phase,
    String text,
    Integer pupils,
    Integer teachers,
    Map<String, Object> metrics,
    List<MediaLink> media) {}
