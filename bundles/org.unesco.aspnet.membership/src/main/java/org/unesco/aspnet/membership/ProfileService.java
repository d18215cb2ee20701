package org.unesco.aspnet.membership;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.unesco.aspnet.membership.profile.Field;

/**
 * The national profiles that plugins contribute, as the rest of the platform sees them: what a
 * form or an export of a country shows beyond the core fields.
 */
@ProviderType
public interface ProfileService {

  /**
   * The active profile of {@code country} as {@code GET /api/v1/countries/{iso2}/profile} returns
   * it (fields, units, ladder, labels in {@code language}, or in the profile's own language when null); empty when the
   * country has none.
   *
   * @throws org.unesco.aspnet.core.ProblemException 503 when the profile is failing
   */
  Optional<Map<String, Object>> describe(String country, Locale language);

  /** The extra school fields of {@code country}'s active profile; empty without a profile. */
  List<Field> fields(String country);

  /**
   * {@code unit} as {@code country}'s active profile spells its code ("by" is Bavaria's "BY"); the
   * unit as given when the country has no profile, or a profile without units.
   *
   * @param language the language of the message of a refusal (null: English)
   * @throws org.unesco.aspnet.core.ProblemException 400 naming {@code unit} for one the profile does
   *     not have: a unit that is not there would look like a unit without schools
   * @since 1.7
   */
  String knownUnit(String country, String unit, String language);

  /** The countries that have an active national profile. */
  java.util.Set<String> countries();
}
