package org.unesco.aspnet.membership.profile;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.service.component.annotations.ComponentPropertyType;
import org.unesco.aspnet.core.FieldError;

/**
 * What a national network adds to the membership core for its country. Register it as an OSGi
 * service with the country's ISO 3166-1 alpha-2 code, e.g. {@code @NationalProfile.Country("DE")}.
 * Everything is optional except {@link #language()}: a profile may add only units, only fields,
 * only a ladder. The core calls a profile with a time limit and survives it throwing: the
 * country's forms then answer 503 and {@code /api/v1/health} shows the profile as degraded.
 *
 * <p>Field keys and stage codes are stored with the schools; keep them when you publish a new
 * version, or values of a dropped key stay stored but are no longer shown in forms.
 */
@ConsumerType
public interface NationalProfile {

  /** Service property naming the country a profile is for. */
  String COUNTRY_PROPERTY = "aspnet.country";

  /** Sets {@value #COUNTRY_PROPERTY} on the component's service. */
  @ComponentPropertyType
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface Country {
    String PREFIX_ = "aspnet.";

    /** ISO 3166-1 alpha-2, upper case. */
    String value();
  }

  /** The default language of the country's UI and of error messages (ISO 639-1), e.g. {@code de}. */
  String language();

  /** Extra school fields, in the order a form shows them. */
  default List<Field> fields() {
    return List.of();
  }

  /**
   * Rules across fields (core and extra), after each field passed its own checks. {@code school}
   * holds the core fields as the API names them ({@code name}, {@code unit}, {@code nationalId}...)
   * and the extra ones under their keys; {@code nationalId} is trimmed and upper-cased, as the core
   * stores and compares it. Messages in {@code language} where the profile has them.
   */
  default List<FieldError> validate(Map<String, Object> school, String language) {
    return List.of();
  }

  /** The national status ladder, or null when the country follows the global statuses only. */
  default Ladder ladder() {
    return null;
  }

  /**
   * Core school fields the country requires beyond the platform's, by their API names (e.g.
   * {@code nationalId} for France's UAI number): forms mark them required. {@link #validate} still
   * enforces them, in its own words; the unit is required by {@link #units} already.
   *
   * @since 1.1
   */
  default java.util.Set<String> requiredCoreFields() {
    return java.util.Set.of();
  }

  /** Sub-national units; when not empty, every school must name one as its {@code unit}. */
  default List<Unit> units() {
    return List.of();
  }

  /**
   * Label overrides, keyed by what they rename: {@code school.<field>} (e.g. {@code
   * school.nationalId}), {@code status.<STATUS>}, {@code unit} (what a unit is called).
   */
  default Map<String, Texts> labels() {
    return Map.of();
  }

  /** Extra questions of the annual report, answered under {@code answers}. */
  default List<Field> reportQuestions() {
    return List.of();
  }
}
