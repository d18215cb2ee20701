package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.membership.profile.NationalProfile;
import org.unesco.aspnet.membership.profile.Texts;
import org.unesco.aspnet.membership.profile.Unit;

/** An invitation names only countries and units that exist: what membership tells the security bundle. */
class CountryScopesTest {
  private CountryScopes scopes;

  @BeforeEach
  void start() {
    TestDatabase database = new TestDatabase();
    Countries countries = new Countries(database, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT,
        new DirectoryCounts(database, TestLogger.INSTANCE), (org.osgi.framework.Bundle) null);
    NationalProfiles profiles = new NationalProfiles(TestLogger.INSTANCE);
    NationalProfile germany = new NationalProfile() {
      @Override
      public String language() {
        return "de";
      }

      @Override
      public List<Unit> units() {
        return List.of(new Unit("BW", Texts.of("de", "Baden-Württemberg")), new Unit("BY", Texts.of("de", "Bayern")));
      }
    };
    Map<String, Object> properties = new HashMap<>();
    properties.put(NationalProfile.COUNTRY_PROPERTY, "DE");
    properties.put(Constants.SERVICE_ID, 1L);
    profiles.addProfile(germany, properties);
    scopes = new CountryScopes(countries, profiles);
  }

  @Test
  void aKnownCountryAndUnitPass() {
    assertEquals(List.of(), scopes.unknown(Target.country("KR")));
    assertEquals(List.of(), scopes.unknown(new Target("DE", "BY", null, null)));
  }

  @Test
  void anUnknownCountryIsNamed() {
    assertEquals(List.of("country"), fields(scopes.unknown(Target.country("ZZ"))));
    assertEquals(List.of("country"), fields(scopes.unknown(new Target("ZZ", "BY", null, null))), "the unit is not looked for");
  }

  @Test
  void aUnitMustBeOneOfTheCountrysUnits() {
    List<FieldError> nope = scopes.unknown(new Target("DE", "NOPE", null, null));
    assertEquals(List.of("unit"), fields(nope));
    assertEquals("NOPE is not a unit of DE; one of BW, BY", nope.get(0).message());
    assertEquals(List.of("unit"), fields(scopes.unknown(new Target("DE", "by", null, null))), "unit codes are exact");
    List<FieldError> seoul = scopes.unknown(new Target("KR", "seoul", null, null));
    assertEquals("KR has no sub-national units", seoul.get(0).message());
  }

  @Test
  void campaignsAreNotMembershipsToCheck() {
    assertEquals(List.of(), scopes.unknown(new Target(null, null, null, "99999")));
  }

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }
}
