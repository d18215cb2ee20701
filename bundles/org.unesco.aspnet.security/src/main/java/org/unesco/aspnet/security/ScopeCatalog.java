package org.unesco.aspnet.security;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Target;

/**
 * The scopes a bundle keeps, so that an invitation names only scopes that exist: the membership
 * bundle knows the countries and their sub-national units, a campaigns bundle its campaigns. The
 * security bundle cannot depend on those bundles (they depend on it), so they register a catalog
 * as a service; an invitation is refused (400) when a registered catalog does not know a part of
 * its scope. A part no registered catalog keeps is not checked.
 */
@ConsumerType
public interface ScopeCatalog {

  /**
   * The parts of {@code scope} this catalog keeps and that do not exist, each as an error on the
   * invitation's field of the same name ({@code country}, {@code unit}, {@code campaign}); empty
   * when they exist or when this catalog does not keep them. {@code scope.unit()} is given with
   * its country, {@code scope.campaign()} alone.
   */
  List<FieldError> unknown(Target scope);

  /**
   * The name of the narrowest part of {@code scope} this catalog keeps, in {@code language} where
   * it has one (a unit's "Bayern", a campaign's title), for a message that must say it in words;
   * empty when this catalog does not keep it or does not know it.
   *
   * @since 1.3
   */
  default java.util.Optional<String> name(Target scope, String language) {
    return java.util.Optional.empty();
  }

  /**
   * {@code scope} with its parts as this catalog writes them (a unit's code in its own case: {@code
   * by} is Bavaria's {@code BY}), so that a grant names them as the data do; {@code scope} as it is
   * when this catalog does not keep or know its parts.
   *
   * @since 1.4
   */
  default Target canonical(Target scope) {
    return scope;
  }
}
