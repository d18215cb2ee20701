package org.unesco.aspnet.projects;

import java.util.List;
import java.util.Map;
import org.unesco.aspnet.membership.Theme;

/**
 * An international day as HQ adds it (names with English, and observed, required), or the fields
 * an edit changes: null leaves a field as it is; in {@code names} a language set to null is
 * removed (JSON Merge Patch), and an empty {@code source} takes the link away.
 *
 * @since 1.4
 */
public record InternationalDayInput(Map<String, String> names, String observed, List<Theme> themes, String source) {}
