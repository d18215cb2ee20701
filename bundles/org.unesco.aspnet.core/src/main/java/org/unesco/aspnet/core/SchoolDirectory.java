package org.unesco.aspnet.core;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a school is, for bundles that must check a scope without depending on the membership
 * bundle (which provides this service): an invitation to a school's staff, for instance.
 */
@ProviderType
public interface SchoolDirectory {

  /** The school's place as a scope target; empty when there is no such school. */
  Optional<Target> locate(String schoolId);

  /**
   * The school's name as its profile spells it, for a message that must say which school it is
   * about (an invitation to its staff); empty when there is no such school.
   *
   * @since 1.6
   */
  default Optional<String> name(String schoolId) {
    return Optional.empty();
  }
}
