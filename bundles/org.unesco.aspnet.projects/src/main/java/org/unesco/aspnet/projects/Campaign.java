package org.unesco.aspnet.projects;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A project, initiative or campaign.
 *
 * @param module the key of its campaign module ({@code trash-hack}), or null for none
 * @param moduleAvailable false while the module's plugin is not installed: the campaign and its
 *     submissions are kept and readable, but nothing can be submitted and there is no summary
 * @param country null for a global campaign (run by HQ), else the country of a national one
 * @param title the title per language ({@code {"en": ..., "fr": ...}})
 * @param description the description per language
 * @param membersOnly true when only member schools may join, false when candidates may too
 * @param countries the countries whose schools may join; empty for every country
 * @param open whether schools may join now
 * @param participants how many schools take part, as the caller sees the list of participants (a
 *     candidate counts only for those who may see it)
 * @param revision the ETag of the campaign
 */
public record Campaign(
    long id,
    CampaignKind kind,
    String module,
    boolean moduleAvailable,
    String country,
    Map<String, String> title,
    Map<String, String> description,
    List<Phase> phases,
    boolean membersOnly,
    List<String> countries,
    boolean open,
    long participants,
    Instant createdAt,
    int revision) {}
