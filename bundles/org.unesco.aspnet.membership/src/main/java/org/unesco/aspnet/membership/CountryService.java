package org.unesco.aspnet.membership;

import org.unesco.aspnet.core.Principal;

import java.util.List;
import java.util.Locale;
import org.osgi.annotation.versioning.ProviderType;

/** The countries of the network, named in the caller's language. */
@ProviderType
public interface CountryService {

  /** Every country, sorted by its name in {@code language}. */
  List<Country> countries(Principal actor, Locale language);

  /**
   * @throws org.unesco.aspnet.core.ProblemException 404 for a code that is not a UNESCO Member
   *     State or Associate Member
   */
  Country country(Principal actor, String iso2, Locale language);

  /**
   * HQ corrects the UNESCO region of a country; the correction survives restarts and upgrades.
   *
   * @throws org.unesco.aspnet.core.ProblemException 401/403 for anyone but HQ, 400 for a region
   *     that is not one of the five, 404 for an unknown country
   */
  Country correctRegion(Principal actor, String iso2, String region, Locale language);

  /** True for the alpha-2 code (upper case) of a Member State or Associate Member. */
  boolean exists(String iso2);

  /**
   * Replaces the country's National Commission and coordinator contacts (public data), both in
   * one transaction. A null commission removes it; a commission given needs its name, even when
   * all of it is blank (it is refused, never taken for none).
   *
   * @throws org.unesco.aspnet.core.ProblemException 400 field by field, 403 unless HQ or the
   *     country's NC, 404 for an unknown country; nothing is written then
   */
  Country updateNetwork(
      Principal actor,
      String iso2,
      Country.NationalCommission nationalCommission,
      List<Country.Coordinator> coordinators,
      Locale language);
}
