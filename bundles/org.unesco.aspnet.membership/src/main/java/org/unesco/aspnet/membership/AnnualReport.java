package org.unesco.aspnet.membership;

import java.util.Map;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A school's report on one year: what it did, on which themes, with how many pupils and
 * teachers. {@code state} compares the submission with the year's due date.
 */
public record AnnualReport(
    long schoolId,
    int year,
    State state,
    LocalDate due,
    String activities,
    List<Theme> themes,
    Integer studentsInvolved,
    Integer teachersInvolved,
    String notes,
    Map<String, Object> answers,
    Instant submittedAt,
    int revision) {

  /** Where a report stands against its due date. */
  public enum State {
    /** Submitted on time. */
    SUBMITTED,
    /** Submitted after the due date. */
    LATE,
    /** Not submitted, and the due date has passed. */
    MISSING,
    /** Not submitted yet, and still before the due date. */
    OPEN,
    /**
     * Not submitted, and none was due: the school was not a member at any time of that year.
     *
     * @since 1.4
     */
    NOT_DUE
  }
}
