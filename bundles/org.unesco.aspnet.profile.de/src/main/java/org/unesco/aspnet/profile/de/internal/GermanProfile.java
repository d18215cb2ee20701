package org.unesco.aspnet.profile.de.internal;

import org.osgi.service.log.LoggerFactory;
import org.osgi.service.log.Logger;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.ConfigValues;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.profile.Field;
import org.unesco.aspnet.membership.profile.Ladder;
import org.unesco.aspnet.membership.profile.NationalProfile;
import org.unesco.aspnet.membership.profile.Option;
import org.unesco.aspnet.membership.profile.Texts;
import org.unesco.aspnet.membership.profile.Unit;

/**
 * The German ASPnet (UNESCO-Projektschulen): a school starts as an interested school
 * (interessierte Schule), collaborates for at least two years (mitarbeitende Schule), and is then
 * recognised (anerkannte UNESCO-Projektschule) before UNESCO certifies it. The Land coordinator
 * admits a school to collaboration; the National Coordinator recognises it.
 */
@Component(service = NationalProfile.class, configurationPid = GermanProfile.PID)
@NationalProfile.Country("DE")
@Designate(ocd = GermanProfile.Config.class)
public final class GermanProfile implements NationalProfile {

  @ObjectClassDefinition(
      name = "ASPnet national profile: Germany",
      description = "Rules of the German network of UNESCO project schools.")
  public @interface Config {
    @AttributeDefinition(description = "Years a school spends at least in a stage before it moves on.", min = "0")
    int minimumYearsPerStage() default 2;
  }

  static final String PID = "org.unesco.aspnet.profile.de";
  static final String INTERESTED = "interessiert";
  static final String COLLABORATING = "mitarbeitend";
  static final String RECOGNISED = "anerkannt";

  private final Ladder ladder;

  /** The value in force: an edit that is refused keeps it, and the profile stays. */
  private static volatile int minimumYears = ConfigValues.defaultOf(Config.class, "minimumYearsPerStage", Integer.class);

  @Activate
  public GermanProfile(Config config, @Reference(service = LoggerFactory.class) Logger log) {
    minimumYears = new ConfigValues(PID, log::warn).get("minimumYearsPerStage", config::minimumYearsPerStage,
        n -> n >= 0 && n <= 20, "a whole number of years from 0 to 20", minimumYears);
    Period minimum = Period.ofYears(minimumYears);
    this.ladder =
        new Ladder(
            List.of(
                new Ladder.Stage(INTERESTED, Texts.of("de", "interessierte Schule", "en", "interested school"),
                    MembershipStatus.APPLIED),
                new Ladder.Stage(COLLABORATING, Texts.of("de", "mitarbeitende Schule", "en", "collaborating school"),
                    MembershipStatus.UNDER_NATIONAL_REVIEW),
                new Ladder.Stage(RECOGNISED,
                    Texts.of("de", "anerkannte UNESCO-Projektschule", "en", "recognised UNESCO project school"),
                    MembershipStatus.RECOMMENDED)),
            List.of(
                new Ladder.Move(INTERESTED, COLLABORATING, minimum, Set.of(Role.SUBNATIONAL_COORDINATOR)),
                new Ladder.Move(COLLABORATING, RECOGNISED, minimum, Set.of(Role.NATIONAL_COORDINATOR))));
  }

  @Override
  public String language() {
    return "de";
  }

  @Override
  public List<Field> fields() {
    return List.of(
        Field.choice("schulform", Texts.of("de", "Schulform", "en", "Type of school"),
                List.of(
                    option("grundschule", "Grundschule", "primary school"),
                    option("hauptschule", "Hauptschule", "Hauptschule"),
                    option("realschule", "Realschule", "Realschule"),
                    option("gymnasium", "Gymnasium", "Gymnasium"),
                    option("gesamtschule", "Gesamtschule", "comprehensive school"),
                    option("oberschule", "Oberschule / Sekundarschule", "secondary school"),
                    option("berufsbildende-schule", "Berufsbildende Schule", "vocational school"),
                    option("foerderschule", "Förderschule", "special needs school")))
            .asRequired(),
        Field.choice("traeger", Texts.of("de", "Träger", "en", "Maintained by"),
            List.of(option("oeffentlich", "öffentlich", "public"), option("privat", "privat (Ersatzschule)", "private"))),
        Field.multiChoice("schwerpunkte", Texts.of("de", "Schwerpunkte der Projektarbeit", "en", "Focus of the project work"),
                List.of(
                    option("nachhaltigkeit", "Bildung für nachhaltige Entwicklung", "sustainable development"),
                    option("menschenrechte", "Menschenrechte und Demokratie", "human rights and democracy"),
                    option("frieden", "Frieden und globales Lernen", "peace and global learning"),
                    option("welterbe", "Welterbe", "world heritage"),
                    option("interkulturell", "Interkulturelles Lernen", "intercultural learning")))
            .withHelp(Texts.of("de", "Was die Schule in ihren Projekten vor allem bearbeitet.",
                "en", "What the school's projects mostly address.")),
        Field.date("interesseSeit", Texts.of("de", "Interesse bekundet am", "en", "Interest declared on"))
            .withRange("1953-01-01", null)
            .withHelp(Texts.of("de", "Seit 1953 gibt es UNESCO-Projektschulen in Deutschland.",
                "en", "Germany has had UNESCO project schools since 1953.")),
        Field.number("lehrkraefteImProjekt", Texts.of("de", "Lehrkräfte in der Projektarbeit", "en", "Teachers in project work"))
            .withRange("0", "500"));
  }

  /** The day interest was declared cannot be after today in Germany (the field's own range ends nowhere). */
  @Override
  public List<org.unesco.aspnet.core.FieldError> validate(Map<String, Object> school, String language) {
    Object since = school.get("interesseSeit");
    if (since == null) {
      return List.of();
    }
    try {
      if (java.time.LocalDate.parse(since.toString()).isAfter(java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")))) {
        return List.of(new org.unesco.aspnet.core.FieldError("fields.interesseSeit", "en".equals(language)
            ? "must not be in the future" : "darf nicht in der Zukunft liegen"));
      }
    } catch (java.time.format.DateTimeParseException checkedAlready) {
      // the field's own check reported it
    }
    return List.of();
  }

  @Override
  public List<Unit> units() {
    return Laender.ALL;
  }

  @Override
  public Ladder ladder() {
    return ladder;
  }

  @Override
  public Map<String, Texts> labels() {
    return Map.of(
        "unit", Texts.of("de", "Bundesland", "en", "Land (federal state)"),
        "school.nationalId", Texts.of("de", "Schulnummer des Landes", "en", "Land school number"),
        "status.APPLIED", Texts.of("de", "interessierte Schule"),
        "status.UNDER_NATIONAL_REVIEW", Texts.of("de", "mitarbeitende Schule"),
        "status.RECOMMENDED", Texts.of("de", "anerkannt, der UNESCO empfohlen"),
        "status.MEMBER", Texts.of("de", "anerkannte UNESCO-Projektschule"));
  }

  @Override
  public List<Field> reportQuestions() {
    return List.of(
        Field.choice("landestreffen", Texts.of("de", "Teilnahme am Landestreffen", "en", "Took part in the Land meeting"),
            List.of(option("ja", "ja", "yes"), option("nein", "nein", "no"))),
        Field.text("projekttage", Texts.of("de", "UNESCO-Projekttage des Jahres", "en", "UNESCO project days of the year"))
            .withMaxLength(1000));
  }

  private static Option option(String value, String german, String english) {
    return new Option(value, Texts.of("de", german, "en", english));
  }
}
