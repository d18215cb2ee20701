package org.unesco.aspnet.projects;

import java.util.List;
import java.util.Map;

/**
 * What a coordinator writes about a campaign: the whole of it on creation; on an update, the
 * fields that change (null leaves a field as it is). {@code kind}, {@code module} and {@code
 * country} are fixed at creation.
 */
public record CampaignInput(
    CampaignKind kind,
    String module,
    String country,
    Map<String, String> title,
    Map<String, String> description,
    List<Phase> phases,
    Boolean membersOnly,
    List<String> countries,
    Boolean open) {}
