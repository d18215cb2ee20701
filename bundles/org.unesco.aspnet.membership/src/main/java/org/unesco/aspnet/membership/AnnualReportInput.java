package org.unesco.aspnet.membership;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import java.util.List;

/** What a school writes in its annual report. */
public record AnnualReportInput(
    String activities,
    List<Theme> themes,
    Integer studentsInvolved,
    Integer teachersInvolved,
    String notes,
    Map<String, Object> answers) {

  public AnnualReportInput {
    answers = answers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(answers));
  }

  /** A report without answers to national questions. */
  public AnnualReportInput(
      String activities, List<Theme> themes, Integer studentsInvolved, Integer teachersInvolved, String notes) {
    this(activities, themes, studentsInvolved, teachersInvolved, notes, Map.of());
  }
}
