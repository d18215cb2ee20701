package org.unesco.aspnet.membership.bulk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.unesco.aspnet.membership.AnnualReport;
import org.unesco.aspnet.membership.Theme;

/** A member school and where its annual report for one year stands; report fields null when none. */
public record ReportRow(
    long schoolId,
    String name,
    String country,
    String unit,
    String city,
    int year,
    AnnualReport.State state,
    LocalDate due,
    Instant submittedAt,
    List<Theme> themes,
    Integer studentsInvolved,
    Integer teachersInvolved) {}
