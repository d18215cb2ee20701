package org.unesco.aspnet.projects;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A teaching resource a campaign offers its schools (a guide, a lesson plan, a video...), kept as
 * a link: the platform stores no files.
 *
 * @param url an http(s) address
 * @param title the title per language ({@code {"en": ..., "fr": ...}}), at least one
 * @param description what it is, per language; empty when none
 * @param languages the languages the resource itself is in (ISO 639-1 codes), so that a teacher
 *     finds what their class can read; empty when not said
 * @param revision the ETag of the resource
 * @since 1.3
 */
public record CampaignResource(
    long id,
    long campaign,
    ResourceKind kind,
    String url,
    Map<String, String> title,
    Map<String, String> description,
    List<String> languages,
    Instant addedAt,
    int revision) {}
