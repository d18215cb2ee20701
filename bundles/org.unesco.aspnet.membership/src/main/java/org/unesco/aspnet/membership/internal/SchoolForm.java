package org.unesco.aspnet.membership.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.Level;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.Theme;

/**
 * Reads a school from a JSON object by hand rather than with data binding, so that a wrong type
 * in one field does not hide the mistakes in the others: every field is reported in one 400.
 */
final class SchoolForm {
  static final Set<String> FIELDS =
      Set.of(
          "name", "country", "unit", "city", "address", "latitude", "longitude", "levels",
          "themes", "languages", "students", "teachers", "email", "website", "nationalId", "fields");

  private final ObjectNode body;
  private final String lang;
  private final List<FieldError> errors = new ArrayList<>();

  private SchoolForm(ObjectNode body, String lang) {
    this.body = body;
    this.lang = lang;
  }

  /**
   * The school in {@code body}; {@code extraFields} are flags (such as {@code confirmDuplicate}):
   * true, false or null, checked with the rest, their value left to the caller. Throws a 400
   * problem with every type and rule error.
   */
  static SchoolInput read(ObjectNode body, Set<String> extraFields, Predicate<String> knownCountry, String lang) {
    return read(body, extraFields, knownCountry, lang, input -> List.of());
  }

  /**
   * As {@link #read(ObjectNode, Set, Predicate, String)}; when a field has the wrong type, {@code
   * nationalRules} (the country's national profile) are checked too, so that its errors come in
   * the same 400 as the others rather than in the next one.
   */
  static SchoolInput read(ObjectNode body, Set<String> extraFields, Predicate<String> knownCountry, String lang,
      java.util.function.Function<SchoolInput, List<FieldError>> nationalRules) {
    return read(body, extraFields, knownCountry, lang, nationalRules, null);
  }

  /**
   * As {@link #read(ObjectNode, Set, Predicate, String, java.util.function.Function)} for an edit of a
   * school in {@code currentCountry}: with a wrong or missing country, its national fields are
   * checked against that country's profile.
   */
  static SchoolInput read(ObjectNode body, Set<String> extraFields, Predicate<String> knownCountry, String lang,
      java.util.function.Function<SchoolInput, List<FieldError>> nationalRules, String currentCountry) {
    SchoolForm form = new SchoolForm(body, lang);
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (extraFields.contains(name)) {
        form.flag(name);
      } else if (!FIELDS.contains(name)) {
        form.errors.add(new FieldError(name, FieldMessages.get(form.lang, "notAField")));
      }
    }
    SchoolInput input =
        new SchoolInput(
            form.text("name"),
            form.text("country"),
            form.text("unit"),
            form.text("city"),
            form.text("address"),
            form.number("latitude"),
            form.number("longitude"),
            form.codes("levels", Level.class),
            form.codes("themes", Theme.class),
            form.strings("languages"),
            form.whole("students"),
            form.whole("teachers"),
            form.text("email"),
            form.text("website"),
            form.text("nationalId"),
            form.object("fields"));
    if (form.errors.isEmpty()) {
      // the rules are the service's to check, the core's and the national profile's at once
      return SchoolValidator.tidy(input);
    }
    // Add the rule errors of the fields that were of the right type.
    Set<String> reported = new HashSet<>();
    form.errors.forEach(e -> reported.add(root(e.field())));
    SchoolInput tidy = SchoolValidator.tidy(input);
    // a country of the wrong type is null here: the core's "required" on it skips the national rules
    List<FieldError> rules = withNationalRules(SchoolValidator.check(tidy, knownCountry, lang), tidy, nationalRules,
        currentCountry);
    for (FieldError e : rules) {
      if (!reported.contains(root(e.field())) && !form.errors.contains(e)
          && form.errors.stream().noneMatch(known -> known.field().equals(e.field()))) {
        form.errors.add(e);
      }
    }
    throw ProblemException.validation(form.errors);
  }

  /**
   * As {@link #read(ObjectNode, Set, Predicate, String, java.util.function.Function)}, and then the
   * rules the service checks before it writes (the core's and the national profile's): for {@code
   * Json.read}'s rules, so that a member of the body refused before it is read (a control
   * character in the name) is told with every other field's error. Writes nothing.
   */
  static void check(ObjectNode body, Set<String> extraFields, Predicate<String> knownCountry, String lang,
      java.util.function.Function<SchoolInput, List<FieldError>> nationalRules) {
    check(body, extraFields, knownCountry, lang, nationalRules, null);
  }

  /** As {@link #check(ObjectNode, Set, Predicate, String, java.util.function.Function)} for an edit of a school in {@code currentCountry}. */
  static void check(ObjectNode body, Set<String> extraFields, Predicate<String> knownCountry, String lang,
      java.util.function.Function<SchoolInput, List<FieldError>> nationalRules, String currentCountry) {
    SchoolInput tidy = read(body, extraFields, knownCountry, lang, nationalRules, currentCountry);
    List<FieldError> errors = withNationalRules(SchoolValidator.check(tidy, knownCountry, lang), tidy, nationalRules,
        currentCountry);
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
  }

  /**
   * The core's errors of {@code tidy} and, when its country is known, the national profile's on
   * fields the core found nothing wrong with: every rule error in one answer. A failing profile
   * adds nothing here: it answers for itself once the rest is right.
   */
  static List<FieldError> withNationalRules(List<FieldError> core, SchoolInput tidy,
      java.util.function.Function<SchoolInput, List<FieldError>> nationalRules) {
    return withNationalRules(core, tidy, nationalRules, null);
  }

  /**
   * As {@link #withNationalRules(List, SchoolInput, java.util.function.Function)} for an edit of a
   * school in {@code currentCountry} (null: an application): with a wrong or missing country the
   * national fields are checked against the country the school is in, so that their errors come in
   * the same 400 as the country's rather than in the next one.
   */
  static List<FieldError> withNationalRules(List<FieldError> core, SchoolInput tidy,
      java.util.function.Function<SchoolInput, List<FieldError>> nationalRules, String currentCountry) {
    List<FieldError> errors = new ArrayList<>(core);
    SchoolInput checked = errors.stream().noneMatch(e -> e.field().equals("country")) ? tidy
        : currentCountry == null ? null : inCountry(tidy, currentCountry);
    if (checked != null) {
      try {
        for (FieldError e : nationalRules.apply(checked)) {
          if (errors.stream().noneMatch(known -> known.field().equals(e.field()))) {
            errors.add(e);
          }
        }
      } catch (RuntimeException profileUnavailable) {
        // the core's errors stand
      }
    }
    return errors;
  }

  /** {@code s} in {@code country}, the rest as it is. */
  private static SchoolInput inCountry(SchoolInput s, String country) {
    return new SchoolInput(s.name(), country, s.unit(), s.city(), s.address(), s.latitude(), s.longitude(), s.levels(),
        s.themes(), s.languages(), s.students(), s.teachers(), s.email(), s.website(), s.nationalId(), s.fields());
  }

  /**
   * RFC 7396 merge patch: members of {@code patch} replace those of {@code target}, null removes,
   * and an object merges into an object member by member (so {@code "fields": {"a": 1}} leaves the
   * other extra fields as they are).
   */
  static ObjectNode merge(ObjectNode target, ObjectNode patch) {
    ObjectNode result = target.deepCopy();
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      JsonNode value = member.getValue();
      JsonNode existing = result.get(member.getKey());
      if (value.isNull()) {
        result.remove(member.getKey());
      } else if (value.isObject() && existing != null && existing.isObject()) {
        result.set(member.getKey(), merge((ObjectNode) existing, (ObjectNode) value));
      } else {
        result.set(member.getKey(), value);
      }
    }
    return result;
  }

  /** The member a field path starts with: {@code levels} of {@code levels[2]}, {@code fields} of {@code fields.uai}. */
  private static String root(String field) {
    return field.split("[.\\[]", 2)[0];
  }

  private JsonNode value(String field) {
    JsonNode node = body.get(field);
    return node == null || node.isNull() ? null : node;
  }

  private String text(String field) {
    JsonNode node = value(field);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      errors.add(new FieldError(field, FieldMessages.get(lang, "string")));
      return null;
    }
    return node.textValue();
  }

  private void flag(String field) {
    JsonNode node = value(field);
    if (node != null && !node.isBoolean()) {
      errors.add(new FieldError(field, FieldMessages.get(lang, "boolean")));
    }
  }

  /** A JSON object as plain Java values (strings, numbers, lists...), for extra fields. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> object(String field) {
    JsonNode node = value(field);
    if (node == null) {
      return Map.of();
    }
    if (!node.isObject()) {
      errors.add(new FieldError(field, FieldMessages.get(lang, "fieldsObject")));
      return Map.of();
    }
    return org.unesco.aspnet.web.Json.MAPPER.convertValue(node, java.util.LinkedHashMap.class);
  }

  private Double number(String field) {
    JsonNode node = value(field);
    if (node == null) {
      return null;
    }
    if (!node.isNumber()) {
      errors.add(new FieldError(field, FieldMessages.get(lang, "number")));
      return null;
    }
    return node.doubleValue();
  }

  private Integer whole(String field) {
    JsonNode node = value(field);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      errors.add(new FieldError(field, FieldMessages.get(lang, "whole")));
      return null;
    }
    if (!node.canConvertToInt()) { // 99999999999999 is a whole number: it is the count's range it leaves
      errors.add(new FieldError(field, FieldMessages.get(lang, "range", "0", String.valueOf(SchoolValidator.COUNT_MAX))));
      return null;
    }
    return node.intValue();
  }

  private List<String> strings(String field) {
    JsonNode node = value(field);
    if (node == null) {
      return null;
    }
    if (!node.isArray()) {
      errors.add(new FieldError(field, FieldMessages.get(lang, "strings")));
      return null;
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual()) {
        errors.add(new FieldError(field + "[" + i + "]", FieldMessages.get(lang, "string")));
        values.add(null); // keeps the indexes of later errors right
      } else {
        values.add(node.get(i).textValue());
      }
    }
    return values;
  }

  private <E extends Enum<E>> List<E> codes(String field, Class<E> type) {
    List<String> names = strings(field);
    if (names == null) {
      return null;
    }
    List<E> values = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i) == null) {
        continue; // already reported
      }
      try {
        values.add(Enum.valueOf(type, names.get(i)));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(field + "[" + i + "]", FieldMessages.get(lang, "oneOf", choices(type))));
      }
    }
    return values;
  }

  static String choices(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
