package org.unesco.aspnet.membership;

import java.time.Instant;

/**
 * One member school of a country and where its report for a year stands, with the school's contact
 * address for whoever chases the report (the list is for the country's coordinators and HQ).
 */
public record ReportCompliance(
    long schoolId, String name, String city, AnnualReport.State state, Instant submittedAt, String email) {

  /** Without the contact address. */
  public ReportCompliance(long schoolId, String name, String city, AnnualReport.State state, Instant submittedAt) {
    this(schoolId, name, city, state, submittedAt, null);
  }
}
