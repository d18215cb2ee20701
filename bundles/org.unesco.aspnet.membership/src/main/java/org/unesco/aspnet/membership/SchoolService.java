package org.unesco.aspnet.membership;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;

/**
 * The school directory and profiles. The public sees member schools without their contacts; HQ
 * sees every school, a National Coordinator every school of their country.
 */
@ProviderType
public interface SchoolService {
  /**
   * Event Admin topic posted after an edit changed a school's country, unit, name or city, for
   * bundles that keep a copy of them (a campaign's participants and reports). Properties: {@code
   * schoolId} (Long), {@code country}, {@code previousCountry}, {@code name}, and {@code unit} and
   * {@code city} when the school has them.
   *
   * @since 1.3
   */
  String TOPIC_SCHOOL_CHANGED = "org/unesco/aspnet/school/CHANGED";

  Page<School> schools(Principal actor, SchoolQuery query);

  /** @throws org.unesco.aspnet.core.ProblemException 404 when absent or not visible to the actor */
  School school(Principal actor, long id);

  /**
   * The school, or null where {@link #school} answers 404 (absent, or not visible to the actor):
   * for those who hold a school id of their own and must tell a school that is gone.
   *
   * @since 1.5
   */
  default School schoolOrNull(Principal actor, long id) {
    try {
      return school(actor, id);
    } catch (ProblemException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Of {@code ids}, those of schools that exist and that {@code actor} may see (those {@link
   * #school} answers for): for lists that hold school ids of their own and must show or count
   * only what the actor may see. The default asks {@link #school} for each; the directory answers
   * in a few queries.
   *
   * @since 1.1
   */
  default Set<Long> visible(Principal actor, Collection<Long> ids) {
    Set<Long> seen = new LinkedHashSet<>();
    for (Long id : ids) {
      try {
        school(actor, id);
        seen.add(id);
      } catch (ProblemException e) {
        if (e.status() != 404) {
          throw e;
        }
      }
    }
    return seen;
  }

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
