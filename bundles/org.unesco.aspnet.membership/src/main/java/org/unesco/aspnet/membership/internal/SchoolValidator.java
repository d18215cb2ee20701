package org.unesco.aspnet.membership.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.SchoolInput;

/**
 * The rules of a school profile, checked field by field so that a form can show every mistake at
 * once. Lengths count characters (code points), so a name in any script gets the same room.
 */
final class SchoolValidator {
  static final int NAME_MAX = 200;
  static final int CITY_MAX = 100;
  static final int UNIT_MAX = 100;
  static final int ADDRESS_MAX = 300;
  static final int EMAIL_MAX = 254;
  static final int WEBSITE_MAX = 300;
  static final int NATIONAL_ID_MAX = 50;
  static final int COUNT_MAX = 1_000_000;
  static final int LANGUAGES_MAX = 10;

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

  private SchoolValidator() {}

  /**
   * Trims text, turns blank optional text into null, upper-cases the country and the national id,
   * lower-cases and de-duplicates languages, de-duplicates levels and themes. The name keeps its
   * inner spelling.
   */
  static SchoolInput tidy(SchoolInput in) {
    return new SchoolInput(
        strip(in.name()),
        in.country() == null ? null : in.country().strip().toUpperCase(Locale.ROOT),
        strip(in.unit()),
        strip(in.city()),
        strip(in.address()),
        in.latitude(),
        in.longitude(),
        distinct(in.levels()),
        distinct(in.themes()),
        in.languages() == null
            ? List.of()
            : in.languages().stream()
                .map(l -> l == null ? null : l.strip().toLowerCase(Locale.ROOT))
                .distinct()
                .toList(),
        in.students(),
        in.teachers(),
        strip(in.email()),
        strip(in.website()),
        nationalId(in.nationalId()),
        in.fields());
  }

  /** Tidies and checks {@code in}; throws a 400 problem listing every invalid field, in {@code lang}. */
  static SchoolInput require(SchoolInput in, Predicate<String> knownCountry, String lang) {
    SchoolInput tidy = tidy(in);
    List<FieldError> errors = check(tidy, knownCountry, lang);
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    return tidy;
  }

  /** The errors of an already tidied input, in {@code lang}; empty when it is valid. */
  static List<FieldError> check(SchoolInput in, Predicate<String> knownCountry, String lang) {
    List<FieldError> errors = new ArrayList<>();
    text(errors, "name", in.name(), true, NAME_MAX, lang);
    if (in.country() == null) {
      errors.add(new FieldError("country", FieldMessages.get(lang, "required")));
    } else if (!COUNTRY.matcher(in.country()).matches()) {
      errors.add(new FieldError("country", FieldMessages.get(lang, "countryCode")));
    } else if (!knownCountry.test(in.country())) {
      errors.add(new FieldError("country", FieldMessages.get(lang, "countryUnknown", in.country())));
    }
    text(errors, "unit", in.unit(), false, UNIT_MAX, lang);
    text(errors, "city", in.city(), true, CITY_MAX, lang);
    text(errors, "address", in.address(), true, ADDRESS_MAX, lang);
    coordinates(errors, in.latitude(), in.longitude(), lang);
    if (in.levels().isEmpty()) {
      errors.add(new FieldError("levels", FieldMessages.get(lang, "levelNeeded")));
    } else if (in.levels().stream().anyMatch(Objects::isNull)) {
      errors.add(new FieldError("levels", FieldMessages.get(lang, "noNull")));
    }
    if (in.themes().stream().anyMatch(Objects::isNull)) {
      errors.add(new FieldError("themes", FieldMessages.get(lang, "noNull")));
    }
    languages(errors, in.languages(), lang);
    count(errors, "students", in.students(), lang);
    count(errors, "teachers", in.teachers(), lang);
    email(errors, "email", in.email(), true, "office@school.org", lang);
    website(errors, "website", in.website(), lang);
    text(errors, "nationalId", in.nationalId(), false, NATIONAL_ID_MAX, lang);
    return errors;
  }

  static void email(List<FieldError> errors, String field, String email, boolean required, String example, String lang) {
    if (email == null) {
      if (required) {
        errors.add(new FieldError(field, FieldMessages.get(lang, "required")));
      }
    } else if (email.length() > EMAIL_MAX || !EMAIL.matcher(email).matches()) {
      errors.add(new FieldError(field, FieldMessages.get(lang, "email", example)));
    }
  }

  static void text(List<FieldError> errors, String field, String value, boolean required, int max, String lang) {
    if (value == null) {
      if (required) {
        errors.add(new FieldError(field, FieldMessages.get(lang, "required")));
      }
      return;
    }
    if (value.codePointCount(0, value.length()) > max) {
      errors.add(new FieldError(field, FieldMessages.get(lang, "length", String.valueOf(max))));
    } else if (!org.unesco.aspnet.core.PlainText.oneLine(value)) {
      errors.add(new FieldError(field, FieldMessages.get(lang, "oneLine")));
    } else if (required && org.unesco.aspnet.web.Json.showsNothing(value)) {
      errors.add(new FieldError(field, FieldMessages.get(lang, "visible")));
    }
  }

  private static void coordinates(List<FieldError> errors, Double latitude, Double longitude, String lang) {
    if ((latitude == null) != (longitude == null)) {
      errors.add(new FieldError(latitude == null ? "latitude" : "longitude", FieldMessages.get(lang, "bothCoordinates")));
      // and the one given is checked too: every error at once
    }
    if (latitude != null && !(latitude >= -90 && latitude <= 90)) {
      errors.add(new FieldError("latitude", FieldMessages.get(lang, "range", "-90", "90")));
    }
    if (longitude != null && !(longitude >= -180 && longitude <= 180)) {
      errors.add(new FieldError("longitude", FieldMessages.get(lang, "range", "-180", "180")));
    }
  }

  private static void languages(List<FieldError> errors, List<String> languages, String lang) {
    if (languages.size() > LANGUAGES_MAX) {
      errors.add(new FieldError("languages", FieldMessages.get(lang, "languagesMax", String.valueOf(LANGUAGES_MAX))));
      return;
    }
    for (int i = 0; i < languages.size(); i++) {
      String code = languages.get(i);
      if (code == null || !LANGUAGES.contains(code)) {
        errors.add(new FieldError("languages[" + i + "]", FieldMessages.get(lang, "languageCode")));
      }
    }
  }

  /** A count of people: 0 to {@link #COUNT_MAX}. */
  static void count(List<FieldError> errors, String field, Integer value, String lang) {
    if (value != null && (value < 0 || value > COUNT_MAX)) {
      errors.add(new FieldError(field, FieldMessages.get(lang, "range", "0", String.valueOf(COUNT_MAX))));
    }
  }

  static void website(List<FieldError> errors, String field, String website, String lang) {
    if (website == null) {
      return;
    }
    boolean ok = website.length() <= WEBSITE_MAX;
    if (ok) {
      try {
        URI uri = new URI(website);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        ok = (scheme.equals("http") || scheme.equals("https")) && uri.getAuthority() != null;
      } catch (URISyntaxException e) {
        ok = false;
      }
    }
    if (!ok) {
      errors.add(new FieldError(field, FieldMessages.get(lang, "website", String.valueOf(WEBSITE_MAX))));
    }
  }

  // Stream.toList keeps a null element, which check() then reports (List.copyOf would throw).
  private static <T> List<T> distinct(List<T> values) {
    return values == null ? List.of() : values.stream().distinct().toList();
  }

  /**
   * A national school id as stored and compared: trimmed and upper-cased. No national id scheme we
   * know of tells ids apart by case (a French UAI, a German Land school number, a US NCES id),
   * while people type them either way; one spelling lets duplicates be found with {@code =} on the
   * index. Null when blank.
   */
  static String nationalId(String value) {
    String stripped = strip(value);
    return stripped == null ? null : stripped.toUpperCase(Locale.ROOT);
  }

  static String strip(String value) {
    if (value == null) {
      return null;
    }
    String stripped = value.strip();
    return stripped.isEmpty() ? null : stripped;
  }
}
