package org.unesco.aspnet.demo.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.membership.Country;
import org.unesco.aspnet.membership.CountryService;

/**
 * The National Commissions of the countries with a demo National Coordinator, and that
 * coordinator as the published contact, so that a country page shows whom to write to.
 */
final class DemoNetworks {
  static final Map<String, String> COMMISSIONS =
      Map.ofEntries(
          Map.entry("FR", "Commission nationale française pour l'UNESCO"),
          Map.entry("DE", "Deutsche UNESCO-Kommission"),
          Map.entry("CA", "Canadian Commission for UNESCO"),
          Map.entry("KE", "Kenya National Commission for UNESCO"),
          Map.entry("NG", "Nigerian National Commission for UNESCO"),
          Map.entry("ZA", "South African National Commission for UNESCO"),
          Map.entry("EG", "Egyptian National Commission for UNESCO"),
          Map.entry("MA", "Commission nationale marocaine pour l'éducation, la culture et la science"),
          Map.entry("JP", "Japanese National Commission for UNESCO"),
          Map.entry("IN", "Indian National Commission for Cooperation with UNESCO"),
          Map.entry("BR", "Comissão Nacional do Brasil para a UNESCO"),
          Map.entry("MX", "Comisión Mexicana de Cooperación con la UNESCO"));

  private DemoNetworks() {}

  /**
   * Fills the network of each demo country that has none yet: a start that was stopped before it
   * got here is finished by the next one, and a network a coordinator has edited stays as edited.
   */
  static void load(CountryService countries) {
    for (String iso2 : DemoLoader.COORDINATED) {
      if (countries.country(Principal.system(), iso2, Locale.ENGLISH).nationalCommission() != null) {
        continue;
      }
      String email = "nc." + iso2.toLowerCase(Locale.ROOT) + "@" + DemoLoader.DOMAIN;
      countries.updateNetwork(
          Principal.system(),
          iso2,
          new Country.NationalCommission(COMMISSIONS.get(iso2), null, "natcom." + iso2.toLowerCase(Locale.ROOT) + "@" + DemoLoader.DOMAIN, null),
          List.of(new Country.Coordinator("National Coordinator (demo)", email, null, "National Coordinator")),
          Locale.ENGLISH);
    }
  }
}
