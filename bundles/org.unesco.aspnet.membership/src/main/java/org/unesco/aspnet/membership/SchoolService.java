package org.unesco.aspnet.membership;

import org.unesco.aspnet.core.Principal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The school directory and profiles. The public sees member schools without their contacts; HQ
 * sees every school, a National Coordinator every school of their country.
 */
@ProviderType
public interface SchoolService {

  Page<School> schools(Principal actor, SchoolQuery query);

  /** @throws org.unesco.aspnet.core.ProblemException 404 when absent or not visible to the actor */
  School school(Principal actor, long id);

  /**
   * The whole profile of a school the actor may edit, as the base of an edit.
   *
   * @throws org.unesco.aspnet.core.ProblemException 401 for the public, 404 when the school is not
   *     visible to the actor, 403 when it is visible but not theirs to edit
   */
  School editable(Principal actor, long id);

  /**
   * Replaces the profile if it is still at {@code expectedRevision}.
   *
   * @param confirmDuplicate go ahead although the edited school (its name and city, or national
   *     id, changed) now looks like another one
   * @throws org.unesco.aspnet.core.ProblemException 400 for invalid fields, 403 when the actor may
   *     not edit the school, 409 with the likely duplicates, 412 when someone changed it since it
   *     was read
   */
  School update(Principal actor, long id, int expectedRevision, SchoolInput input, boolean confirmDuplicate);

  /** {@link #update(Principal, long, int, SchoolInput, boolean)} without confirming a duplicate. */
  default School update(Principal actor, long id, int expectedRevision, SchoolInput input) {
    return update(actor, id, expectedRevision, input, false);
  }
}
