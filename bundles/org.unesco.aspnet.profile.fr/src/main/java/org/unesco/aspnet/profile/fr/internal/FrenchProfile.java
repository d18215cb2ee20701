package org.unesco.aspnet.profile.fr.internal;

import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.membership.profile.Field;
import org.unesco.aspnet.membership.profile.NationalProfile;
import org.unesco.aspnet.membership.profile.Option;
import org.unesco.aspnet.membership.profile.Texts;
import org.unesco.aspnet.membership.profile.Unit;

/**
 * The French network (écoles associées de l'UNESCO): schools belong to an académie, and every
 * school is known by its UAI (unité administrative immatriculée), which the profile requires as
 * the school's national id and checks.
 */
@Component(service = NationalProfile.class)
@NationalProfile.Country("FR")
public final class FrenchProfile implements NationalProfile {

  @Override
  public String language() {
    return "fr";
  }

  @Override
  public List<Field> fields() {
    return List.of(
        Field.choice("typeEtablissement", Texts.of("fr", "Type d'établissement", "en", "Type of school"),
                List.of(
                    option("ecole", "École (maternelle ou élémentaire)", "primary school"),
                    option("college", "Collège", "lower secondary school"),
                    option("lycee", "Lycée général et technologique", "upper secondary school"),
                    option("lycee-professionnel", "Lycée professionnel", "vocational upper secondary school"),
                    option("erea", "EREA", "adapted education school"),
                    option("inspe", "INSPÉ (formation des enseignants)", "teacher training institute")))
            .asRequired(),
        Field.choice("secteur", Texts.of("fr", "Secteur", "en", "Sector"),
            List.of(
                option("public", "public", "public"),
                option("prive-sous-contrat", "privé sous contrat", "private under contract"),
                option("prive-hors-contrat", "privé hors contrat", "private without contract"))),
        Field.date("dateLabellisation", Texts.of("fr", "Date de labellisation", "en", "Date of the national label"))
            .withRange("1953-01-01", null));
  }

  @Override
  public List<FieldError> validate(Map<String, Object> school, String language) {
    Object uai = school.get("nationalId");
    boolean french = !"en".equals(language);
    if (uai == null) {
      return List.of(new FieldError("nationalId", french
          ? "le numéro UAI est obligatoire (7 chiffres et une lettre, par exemple 0750654D)"
          : "the UAI number is required (7 digits and a letter, e.g. 0750654D)"));
    }
    return switch (Uai.check(uai.toString())) {
      case VALID -> List.of();
      case MALFORMED -> List.of(new FieldError("nationalId", french
          ? "un numéro UAI compte 7 chiffres suivis d'une lettre, par exemple 0750654D"
          : "a UAI number is 7 digits followed by a letter, e.g. 0750654D"));
      case WRONG_LETTER -> List.of(new FieldError("nationalId", french
          ? "la lettre de contrôle ne correspond pas aux chiffres : vérifiez le numéro UAI (attendu : "
              + Uai.withCheckLetter(uai.toString().substring(0, 7)) + " ?)"
          : "the check letter does not match the digits: check the UAI number (expected "
              + Uai.withCheckLetter(uai.toString().substring(0, 7)) + "?)"));
    };
  }

  /** The UAI number: every French school has one ({@link #validate} says what is wrong with it). */
  @Override
  public java.util.Set<String> requiredCoreFields() {
    return java.util.Set.of("nationalId");
  }

  @Override
  public List<Unit> units() {
    return Academies.ALL;
  }

  @Override
  public Map<String, Texts> labels() {
    return Map.of(
        "unit", Texts.of("fr", "Académie", "en", "Académie (education region)"),
        "school.nationalId", Texts.of("fr", "Numéro UAI", "en", "UAI number"),
        "status.MEMBER", Texts.of("fr", "École associée de l'UNESCO"),
        "status.APPLIED", Texts.of("fr", "Candidature déposée"),
        "status.UNDER_NATIONAL_REVIEW", Texts.of("fr", "Examen par la coordination nationale"),
        "status.RECOMMENDED", Texts.of("fr", "Recommandée à l'UNESCO"));
  }

  private static Option option(String value, String french, String english) {
    return new Option(value, Texts.of("fr", french, "en", english));
  }
}
