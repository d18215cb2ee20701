package org.unesco.aspnet.core;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one policy that every bundle asks before it acts, so that who-may-do-what lives in one
 * place and is tested as a matrix.
 */
@ProviderType
public interface Authorizer {

  boolean allows(Principal principal, Action action, Target target);

  /**
   * Returns quietly when allowed; otherwise throws a {@link ProblemException}: 401 for the
   * anonymous public (sign in first), 403 for a signed-in person without the right.
   */
  default void require(Principal principal, Action action, Target target) {
    if (allows(principal, action, target)) {
      return;
    }
    if (principal.isAnonymous()) {
      throw ProblemException.unauthorized("Sign in to do this");
    }
    throw ProblemException.forbidden(
        "Your roles do not allow " + action.name().toLowerCase().replace('_', ' ')
            + (target.country() == null ? "" : " in " + target.country()));
  }
}
