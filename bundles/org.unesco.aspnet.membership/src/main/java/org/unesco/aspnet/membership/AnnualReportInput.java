package org.unesco.aspnet.membership;

import java.util.List;

/** What a school writes in its annual report. */
public record AnnualReportInput(
    String activities, List<Theme> themes, Integer studentsInvolved, Integer teachersInvolved, String notes) {}
