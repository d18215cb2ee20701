package org.unesco.aspnet.membership.bulk;

import java.util.function.IntConsumer;
import org.osgi.annotation.versioning.ProviderType;
import org.unesco.aspnet.core.Principal;

/**
 * Imports schools in bulk. {@link #check} (the dry run) reads every row and writes nothing;
 * {@link #write} checks again and then writes every row in one transaction, or none at all when
 * any row is invalid (or a likely duplicate, unless {@link Duplicates} says otherwise). Each
 * imported school gets a membership {@code APPLIED} with a history line, like an application;
 * the import is one entry of the audit log.
 *
 * <p>A row whose id names a known school updates it instead, as an edit would ({@code PATCH
 * /api/v1/schools/{id}}: the same rights, rules, new revision and audit entry), with the columns of
 * the file ({@link ImportRow#columns}); one that repeats the stored values is left unchanged. A
 * school edited by someone else between the check and the writing stops the import (409).
 *
 * <p>Who: HQ for any country, a National Coordinator (or sub-national coordinator) for their own;
 * a row of another country is an error of that row.
 */
@ProviderType
public interface SchoolImport {

  /** What the real run does with rows that look like a known school (or an earlier row). */
  enum Duplicates {
    /** Any likely duplicate stops the import: nothing is written. */
    REJECT,
    /** Likely duplicates are left out; the other rows are written. */
    SKIP,
    /** Likely duplicates are imported as new schools. */
    ALLOW
  }

  /** Rows read anew on each pass (the file is read twice: once to check, once to write). */
  @FunctionalInterface
  interface Source {
    java.util.Iterator<ImportRow> open();
  }

  /**
   * The dry run of {@link #write} with {@link Duplicates#REJECT}.
   *
   * @param progress told the number of rows processed so far, now and then
   * @throws org.unesco.aspnet.core.ProblemException 401 for the public, 403 for who may not import
   */
  default ImportReport check(Principal actor, Source rows, IntConsumer progress) {
    return check(actor, rows, Duplicates.REJECT, progress);
  }

  /**
   * The dry run of {@link #write} with {@code duplicates}: its report counts the rows as that run
   * would, so that with {@link Duplicates#SKIP} the likely duplicates it would leave out are
   * neither {@code created} nor {@code updated} (since 1.2).
   *
   * @param progress told the number of rows processed so far, now and then
   * @throws org.unesco.aspnet.core.ProblemException 401 for the public, 403 for who may not import
   */
  ImportReport check(Principal actor, Source rows, Duplicates duplicates, IntConsumer progress);

  ImportReport write(Principal actor, Source rows, Duplicates duplicates, String file, IntConsumer progress);
}
