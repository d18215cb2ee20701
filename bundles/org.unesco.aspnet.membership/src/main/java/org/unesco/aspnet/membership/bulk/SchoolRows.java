package org.unesco.aspnet.membership.bulk;

import org.osgi.annotation.versioning.ProviderType;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.membership.SchoolQuery;

/**
 * Streams rows straight from the database, in id order, one at a time (forward-only result set):
 * nothing is held beyond the current row. {@code limit} and {@code cursor} of the query are
 * ignored; every other filter works as in the directory.
 *
 * <p>Scope: HQ gets every row; a person with a scope (National Coordinator, sub-national
 * coordinator, school) gets the rows of that scope only, never another country's; everyone else
 * (the public, an account without a role) gets member schools only, and only {@link #schools}.
 */
@ProviderType
public interface SchoolRows {

  /** What a caller sees in a whole-directory read. */
  enum View {
    /** HQ: every school, every field. */
    EVERYTHING,
    /** Coordinators and schools: the schools of their scope, every field. */
    SCOPE,
    /** The public: member schools, without contacts (the email field must not be shown). */
    PUBLIC
  }

  /** Receives one row; an {@link java.io.IOException} (the client went away) stops the read. */
  @FunctionalInterface
  interface Handler<T> {
    void accept(T row) throws java.io.IOException;
  }

  View view(Principal actor);

  /**
   * The schools matching {@code filters} in the actor's view. For {@link View#PUBLIC} the rows
   * still carry the email: the caller must leave it out.
   *
   * @throws java.io.IOException from the handler
   * @throws org.unesco.aspnet.core.ProblemException 400 for a bad filter
   */
  void schools(Principal actor, SchoolQuery filters, Handler<SchoolRow> each) throws java.io.IOException;

  /**
   * Every membership period of the matching schools, with one row per line of its status history
   * (a period without history, such as a generated one, gives one row without a change).
   *
   * @throws org.unesco.aspnet.core.ProblemException 401 for the public, 403 without any scope
   */
  void memberships(Principal actor, SchoolQuery filters, Handler<MembershipRow> each) throws java.io.IOException;

  /**
   * The member schools matching {@code filters} and the state of their report for {@code year}.
   *
   * @throws org.unesco.aspnet.core.ProblemException 401 for the public, 403 without any scope,
   *     400 for a year out of range
   */
  void annualReports(Principal actor, SchoolQuery filters, int year, Handler<ReportRow> each) throws java.io.IOException;
}
