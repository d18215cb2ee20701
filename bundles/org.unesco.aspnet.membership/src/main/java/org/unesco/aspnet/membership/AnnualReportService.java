package org.unesco.aspnet.membership;

import java.time.LocalDate;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.unesco.aspnet.core.Principal;

/** Annual reports: one per school and year, due by a configured date of the following year. */
@ProviderType
public interface AnnualReportService {

  /** The report, or its state (OPEN or MISSING) with empty fields when none was submitted. */
  AnnualReport report(Principal actor, long schoolId, int year);

  /**
   * Submits or replaces a report. A replacement needs {@code expectedRevision} (If-Match); a first
   * submission must come without one.
   *
   * @throws org.unesco.aspnet.core.ProblemException 400 for invalid fields or year, 403 out of
   *     scope, 412 stale revision or a revision for a report that does not exist yet, 428
   *     replacement without a revision
   */
  AnnualReport submit(Principal actor, long schoolId, int year, Integer expectedRevision, AnnualReportInput input);

  /** Every member school of {@code country} and its report state for {@code year}; missing ones first. */
  List<ReportCompliance> compliance(Principal actor, String country, int year);

  /**
   * The day by which {@code year}'s report is due (the configured day of the following year): a
   * report submitted after it is late, and one not submitted by then missing. Public knowledge, for
   * whoever reminds schools of it (the notices bundle).
   *
   * @since 1.8
   */
  LocalDate dueDate(int year);

  /**
   * Where {@code year}'s reports stand in every country {@code actor} coordinates (HQ: the whole
   * network), country by country.
   *
   * @throws org.unesco.aspnet.core.ProblemException 401 for the public, 403 for whoever
   *     coordinates no country, 400 for a year out of range
   * @since 1.9
   */
  ReportRollup rollup(Principal actor, int year);

  /**
   * Nothing when {@code year} is one the annual reports take (2000 to this year), else their 400
   * naming {@code year}, in {@code language}: for whoever tells it with other mistakes of a request
   * (the reminders), so that the range is written once.
   *
   * @throws org.unesco.aspnet.core.ProblemException 400 for a year out of range
   * @since 1.12
   */
  void checkYear(int year, String language);
}
