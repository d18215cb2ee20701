package org.unesco.aspnet.membership.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.profile.Unit;
import org.unesco.aspnet.security.ScopeCatalog;

/**
 * Tells the security bundle which countries and sub-national units exist, so that a coordinator
 * is invited only for a real one: a UNESCO Member State or Associate Member, and a unit of its
 * country's active national profile. Campaigns are not this bundle's.
 */
@Component(service = ScopeCatalog.class)
public final class CountryScopes implements ScopeCatalog {
  private final CountryService countries;
  private final NationalProfiles profiles;

  @Activate
  public CountryScopes(@Reference CountryService countries, @Reference NationalProfiles profiles) {
    this.countries = countries;
    this.profiles = profiles;
  }

  @Override
  public java.util.Optional<String> name(Target scope, String language) {
    if (scope.country() == null || scope.unit() == null) {
      return java.util.Optional.empty();
    }
    return profiles.active(scope.country()).map(NationalProfiles.Snapshot::units).orElse(List.of()).stream()
        .filter(u -> u.code().equals(scope.unit())).findFirst()
        .map(u -> u.name().in(java.util.Locale.forLanguageTag(language == null ? "en" : language), u.code()));
  }

  @Override
  public Target canonical(Target scope) {
    if (scope.country() == null || scope.unit() == null) {
      return scope;
    }
    return profiles.unitCode(scope.country(), scope.unit().strip())
        .map(code -> new Target(scope.country(), code, scope.school(), scope.campaign())).orElse(scope);
  }

  @Override
  public List<FieldError> unknown(Target scope) {
    List<FieldError> errors = new ArrayList<>();
    String country = scope.country();
    if (country == null) {
      return errors;
    }
    if (!countries.exists(country)) {
      errors.add(new FieldError("country", country + " is not a UNESCO Member State or Associate Member"));
      return errors;
    }
    String unit = scope.unit();
    if (unit != null) {
      List<Unit> units = profiles.active(country).map(NationalProfiles.Snapshot::units).orElse(List.of());
      if (units.isEmpty()) {
        errors.add(new FieldError("unit", country + " has no sub-national units"));
      } else if (units.stream().noneMatch(u -> u.code().equals(unit))) {
        errors.add(new FieldError("unit", unit + " is not a unit of " + country + "; one of "
            + units.stream().map(Unit::code).collect(Collectors.joining(", "))));
      }
    }
    return errors;
  }
}
