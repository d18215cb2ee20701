package org.unesco.aspnet.export.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.membership.ProfileService;
import org.unesco.aspnet.membership.SchoolQuery;
import org.unesco.aspnet.membership.profile.Field;
import org.unesco.aspnet.membership.profile.Option;
import org.unesco.aspnet.membership.profile.Texts;

/** One key in two countries' profiles with two types: one column, each country's values as written. */
class SchoolsDatasetTest {
  private static final Field FR_SECTEUR = Field.choice("secteur", Texts.of("fr", "Secteur"),
      List.of(new Option("public", Texts.of("fr", "Public")), new Option("prive", Texts.of("fr", "Privé"))));
  private static final Field KE_SECTEUR = Field.number("secteur", Texts.of("en", "Sector"));
  private static final Field KE_PUPILS = Field.number("boarders", Texts.of("en", "Boarders"));

  private static ProfileService profiles(Map<String, List<Field>> byCountry) {
    return (ProfileService) Proxy.newProxyInstance(ProfileService.class.getClassLoader(), new Class<?>[] {ProfileService.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "countries" -> new TreeSet<>(byCountry.keySet());
          case "fields" -> byCountry.getOrDefault((String) args[0], List.of());
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void aKeyOfTwoTypesIsOneTextColumnAndAKeyOfOneKeepsItsType() {
    SchoolsDataset dataset = new SchoolsDataset(null, profiles(Map.of("FR", List.of(FR_SECTEUR), "KE", List.of(KE_SECTEUR, KE_PUPILS))));
    Set<String> mixed = new HashSet<>();
    List<Field> extra = dataset.extraFields(new SchoolQuery(null, null, null, null, null, null, null, 20, null), mixed);
    assertEquals(List.of("secteur", "boarders"), extra.stream().map(Field::key).toList());
    assertEquals(Set.of("secteur"), mixed);
    assertEquals(Column.Type.TEXT, SchoolsDataset.column(extra.get(0), true).type());
    assertEquals(Column.Type.DECIMAL, SchoolsDataset.column(extra.get(1), false).type());
    // France's choice and Kenya's number in the one column, each as written (not "5.5" read as FR's text of a double)
    assertEquals("prive", SchoolsDataset.value(extra.get(0), "prive", true));
    assertEquals("5.5", SchoolsDataset.value(extra.get(0), 5.5, true));
    assertEquals("300", SchoolsDataset.value(extra.get(0), 300, true));
    assertEquals(300.0, SchoolsDataset.value(extra.get(1), 300, false));

    Set<String> alone = new HashSet<>();
    dataset.extraFields(new SchoolQuery("FR", null, null, null, null, null, null, 20, null), alone);
    assertEquals(Set.of(), alone, "one country's export: its own types");
  }
}
