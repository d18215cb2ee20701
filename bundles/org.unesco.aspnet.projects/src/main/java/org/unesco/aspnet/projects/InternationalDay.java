package org.unesco.aspnet.projects;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.unesco.aspnet.membership.Theme;

/**
 * An international day, week, year or decade observed at UNESCO, as a school plans its activities
 * around it, with the dates it falls on in the period asked for.
 *
 * @param id a stable key made from its English name ({@code world-water-day})
 * @param name its name in the reader's language (English when not written in it)
 * @param names its name per language, English always there
 * @param observed when it falls, as its rule is written: {@code 03-22}, {@code third Thursday of
 *     November}, {@code 10-24 to 10-31}, {@code 2025 (year)}, {@code 2021-2030 (decade)}
 * @param start the first day of the occurrence read
 * @param end the last day of that occurrence (the same as {@code start} for a day)
 * @param themes the thematic areas it serves, empty when none is named
 * @param source where it is described (an http(s) address), or null
 * @param revision the ETag of the day's definition
 * @since 1.4
 */
public record InternationalDay(
    String id,
    String name,
    Map<String, String> names,
    String observed,
    ObservanceKind kind,
    LocalDate start,
    LocalDate end,
    List<Theme> themes,
    String source,
    int revision) {}
