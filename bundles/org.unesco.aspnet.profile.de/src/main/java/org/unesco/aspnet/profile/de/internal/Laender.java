package org.unesco.aspnet.profile.de.internal;

import java.util.List;
import org.unesco.aspnet.membership.profile.Texts;
import org.unesco.aspnet.membership.profile.Unit;

/** The 16 Länder, by their ISO 3166-2:DE code (without the DE- prefix). */
final class Laender {
  private Laender() {}

  static final List<Unit> ALL =
      List.of(
          land("BW", "Baden-Württemberg", "Baden-Württemberg"),
          land("BY", "Bayern", "Bavaria"),
          land("BE", "Berlin", "Berlin"),
          land("BB", "Brandenburg", "Brandenburg"),
          land("HB", "Bremen", "Bremen"),
          land("HH", "Hamburg", "Hamburg"),
          land("HE", "Hessen", "Hesse"),
          land("MV", "Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"),
          land("NI", "Niedersachsen", "Lower Saxony"),
          land("NW", "Nordrhein-Westfalen", "North Rhine-Westphalia"),
          land("RP", "Rheinland-Pfalz", "Rhineland-Palatinate"),
          land("SL", "Saarland", "Saarland"),
          land("SN", "Sachsen", "Saxony"),
          land("ST", "Sachsen-Anhalt", "Saxony-Anhalt"),
          land("SH", "Schleswig-Holstein", "Schleswig-Holstein"),
          land("TH", "Thüringen", "Thuringia"));

  private static Unit land(String code, String german, String english) {
    return new Unit(code, Texts.of("de", german, "en", english));
  }
}
