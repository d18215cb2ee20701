package org.unesco.aspnet.profile.fr.internal;

import java.util.List;
import org.unesco.aspnet.membership.profile.Texts;
import org.unesco.aspnet.membership.profile.Unit;

/** The 30 académies since the 2020 merger of Caen and Rouen into Normandie. */
final class Academies {
  private Academies() {}

  static final List<Unit> ALL =
      List.of(
          academie("aix-marseille", "Aix-Marseille"),
          academie("amiens", "Amiens"),
          academie("besancon", "Besançon"),
          academie("bordeaux", "Bordeaux"),
          academie("clermont-ferrand", "Clermont-Ferrand"),
          academie("corse", "Corse"),
          academie("creteil", "Créteil"),
          academie("dijon", "Dijon"),
          academie("grenoble", "Grenoble"),
          academie("guadeloupe", "Guadeloupe"),
          academie("guyane", "Guyane"),
          academie("la-reunion", "La Réunion"),
          academie("lille", "Lille"),
          academie("limoges", "Limoges"),
          academie("lyon", "Lyon"),
          academie("martinique", "Martinique"),
          academie("mayotte", "Mayotte"),
          academie("montpellier", "Montpellier"),
          academie("nancy-metz", "Nancy-Metz"),
          academie("nantes", "Nantes"),
          academie("nice", "Nice"),
          academie("normandie", "Normandie"),
          academie("orleans-tours", "Orléans-Tours"),
          academie("paris", "Paris"),
          academie("poitiers", "Poitiers"),
          academie("reims", "Reims"),
          academie("rennes", "Rennes"),
          academie("strasbourg", "Strasbourg"),
          academie("toulouse", "Toulouse"),
          academie("versailles", "Versailles"));

  private static Unit academie(String code, String name) {
    String of = "AEIOUÉ".indexOf(name.charAt(0)) >= 0 ? "Académie d'" : "Académie de ";
    return new Unit(code, Texts.of("fr", of + name, "en", name));
  }
}
