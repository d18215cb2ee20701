package org.unesco.aspnet.projects;

import java.util.List;
import java.util.Map;

/**
 * A resource as a coordinator adds it (kind, url and title required), or the fields an edit
 * changes: null leaves a field as it is; in {@code title} and {@code description} a language set
 * to null is removed (JSON Merge Patch).
 *
 * @since 1.3
 */
public record CampaignResourceInput(
    ResourceKind kind, String url, Map<String, String> title, Map<String, String> description, List<String> languages) {}
