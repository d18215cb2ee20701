package org.unesco.aspnet.membership;

import java.time.Instant;

/** One member school of a country and where its report for a year stands. */
public record ReportCompliance(long schoolId, String name, String city, AnnualReport.State state, Instant submittedAt) {}
