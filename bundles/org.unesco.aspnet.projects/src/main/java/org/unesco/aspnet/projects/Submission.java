package org.unesco.aspnet.projects;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A school's report of an activity, with its moderation. {@code revision} is its ETag. */
public record Submission(
    long id,
    long campaign,
    long school,
    String schoolName,
    String country,
    LocalDate date,
    String phase,
    String text,
    int pupils,
    int teachers,
    Map<String, Object> metrics,
    List<MediaLink> media,
    SubmissionStatus status,
    String comment,
    Instant submittedAt,
    Instant moderatedAt,
    int revision) {}
