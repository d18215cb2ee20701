package org.unesco.aspnet.membership.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.HealthCheck;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.ProfileService;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.profile.Field;
import org.unesco.aspnet.membership.profile.FieldType;
import org.unesco.aspnet.membership.profile.Ladder;
import org.unesco.aspnet.membership.profile.NationalProfile;
import org.unesco.aspnet.membership.profile.Option;
import org.unesco.aspnet.membership.profile.Texts;
import org.unesco.aspnet.membership.profile.Unit;

/**
 * The national profiles plugins register, one active per country (highest service ranking). Every
 * call into a profile runs on a worker thread with a time limit: a profile that throws or hangs
 * costs its own country a 503 and shows in {@code /api/v1/health} as degraded, never more.
 */
@Component(service = {NationalProfiles.class, ProfileService.class, HealthCheck.class})
public final class NationalProfiles implements ProfileService, HealthCheck {
  static final long CALL_LIMIT_MILLIS = 2000;
  private static final int MAX_CALLS = 16;
  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,49}");

  /** What a profile declares, read once per registration (the SPI methods may be costly). */
  record Snapshot(
      NationalProfile profile,
      String country,
      String language,
      List<Field> fields,
      List<Unit> units,
      Ladder ladder,
      Map<String, Texts> labels,
      List<Field> reportQuestions,
      Set<String> languages,
      Set<String> requiredCoreFields) {

    Optional<Field> field(String key) {
      return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    Optional<Ladder.Stage> stage(String code) {
      return ladder == null ? Optional.empty() : ladder.stages().stream().filter(s -> s.code().equals(code)).findFirst();
    }

    /**
     * The language of the profile's own texts in a message (a pattern's explanation, its validate
     * rules): the caller's when the profile speaks it, else the profile's own, in any language,
     * such as Italian, which the platform's messages are not written in.
     */
    String textLanguage(String requested) {
      return requested != null && languages.contains(requested) ? requested : language;
    }

    /**
     * The language to write the platform's messages in: the caller's when the platform writes it
     * (a Spanish reader of a French school gets "es un dato obligatorio", even though the profile's own
     * texts are French or English), else the profile's, else English.
     */
    String messageLanguage(String requested) {
      return requested != null && FieldMessages.speaks(requested)
          ? requested
          : FieldMessages.speaks(language) ? language : "en";
    }
  }

  /** The outcome of checking a school's extra fields: errors, else the values to store. */
  record Checked(List<FieldError> errors, Map<String, Object> fields) {}

  private record Registered(long serviceId, int ranking, String country, NationalProfile profile) {}

  private final Map<Long, Registered> registered = new ConcurrentHashMap<>();
  private final Map<Long, Snapshot> snapshots = new ConcurrentHashMap<>();
  private final Map<String, String> failures = new ConcurrentHashMap<>();
  /**
   * The last failure logged per country (and kind): said once, not at every request of a profile
   * that keeps failing, even while its other calls succeed; forgotten when the profile comes or goes.
   */
  private final Map<String, String> logged = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor calls;
  private final Logger log;

  @Activate
  public NationalProfiles(@Reference(service = LoggerFactory.class) Logger log) {
    this.log = log;
    AtomicInteger n = new AtomicInteger();
    // Bounded: a profile that hangs ties up at most MAX_CALLS threads, then gets 503 at once.
    this.calls =
        new ThreadPoolExecutor(
            0, MAX_CALLS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "aspnet-national-profile-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Deactivate
  void stop() {
    calls.shutdownNow();
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addProfile(NationalProfile profile, Map<String, Object> properties) {
    Object country = properties.get(NationalProfile.COUNTRY_PROPERTY);
    long id = (Long) properties.get(Constants.SERVICE_ID);
    if (!(country instanceof String iso2) || !iso2.matches("[A-Z]{2}")) {
      String why = "ignored: its service property " + NationalProfile.COUNTRY_PROPERTY + " must be an upper-case ISO 3166-1"
          + " alpha-2 code (@NationalProfile.Country(\"KE\")), not " + country;
      log.error("National profile {} {}", profile.getClass().getName(), why);
      failures.put(ignoredKey(id), profile.getClass().getName() + " " + why); // health says it too, while it is there
      return;
    }
    Object ranking = properties.get(Constants.SERVICE_RANKING);
    registered.put(id, new Registered(id, ranking instanceof Integer r ? r : 0, iso2, profile));
    failures.remove(iso2);
    forgetLogged(iso2);
    log.info("National profile of {} available: {}", iso2, profile.getClass().getName());
    // read what it declares now, not at the first request that needs it: a profile that cannot be
    // read (a pattern that does not compile) is told in the log and health as it arrives
    java.util.concurrent.CompletableFuture.runAsync(() -> {
      if (calls.isShutdown()) {
        return; // the platform stops
      }
      try {
        active(iso2);
      } catch (RuntimeException recorded) {
        // in failures, logged once by unavailable
      }
    });
  }

  private void forgetLogged(String country) {
    logged.remove(country);
    logged.remove(country + " unavailable");
  }

  private static String ignoredKey(long serviceId) {
    return "service " + serviceId;
  }

  void removeProfile(NationalProfile profile, Map<String, Object> properties) {
    long id = (Long) properties.get(Constants.SERVICE_ID);
    Registered gone = registered.remove(id);
    snapshots.remove(id);
    failures.remove(ignoredKey(id));
    if (gone != null) {
      failures.remove(gone.country());
      forgetLogged(gone.country());
      log.info("National profile of {} removed; its stored values stay", gone.country());
    }
  }

  @Override
  public String name() {
    return "national-profiles";
  }

  @Override
  public Result check() {
    if (failures.isEmpty()) {
      return Result.up();
    }
    return Result.degraded(
        new TreeMap<>(failures).entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining("; ")));
  }

  /** The active profile of {@code country}, read through the time limit. */
  /** The stage a new membership enters on the country's national ladder; null without a ladder. */
  String firstStage(String country) {
    return active(country).map(Snapshot::ladder).filter(l -> !l.stages().isEmpty())
        .map(l -> l.stages().get(0).code()).orElse(null);
  }

  /**
   * The stage a membership of {@code status} stands at on the country's national ladder when it
   * comes there from another country: the first stage mapped onto its status; null without a
   * ladder, or when no stage is (a member school's status).
   */
  String stageOf(String country, org.unesco.aspnet.membership.MembershipStatus status) {
    return active(country).map(Snapshot::ladder)
        .flatMap(l -> l.stages().stream().filter(st -> st.status() == status).findFirst())
        .map(Ladder.Stage::code).orElse(null);
  }

  Optional<Snapshot> active(String country) {
    if (country == null) {
      return Optional.empty();
    }
    Optional<Registered> best =
        registered.values().stream()
            .filter(r -> r.country().equals(country))
            .max(Comparator.comparingInt(Registered::ranking).thenComparing(r -> -r.serviceId()));
    if (best.isEmpty()) {
      return Optional.empty();
    }
    Registered r = best.get();
    Snapshot cached = snapshots.get(r.serviceId());
    if (cached != null) {
      return Optional.of(cached);
    }
    Snapshot snapshot = call(country, "reading the profile", () -> read(r));
    snapshots.put(r.serviceId(), snapshot);
    if (!registered.containsKey(r.serviceId())) {
      snapshots.remove(r.serviceId()); // removed while it was read: keep nothing of it (its class loader goes)
    }
    return Optional.of(snapshot);
  }

  @Override
  public Optional<Map<String, Object>> describe(String country, Locale language) {
    return active(country).map(p -> ProfileView.of(p, language == null ? Locale.forLanguageTag(p.language()) : language));
  }

  @Override
  public Set<String> countries() {
    return registered.values().stream().map(Registered::country).collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  @Override
  public List<Field> fields(String country) {
    return active(country).map(Snapshot::fields).orElse(List.of());
  }

  /**
   * Checks {@code input}'s unit and extra fields against the country's profile, keeping the stored
   * values of keys the profile does not define (a removed profile's data stays).
   */
  Checked check(SchoolInput input, Map<String, Object> stored, String requestLanguage) {
    return check(input, stored, requestLanguage, true);
  }

  /**
   * The extra fields to store for an input that was checked already (a second pass over an
   * import file): tidied and typed as on the check, without calling the profile's own rules again.
   */
  Map<String, Object> checkedValues(SchoolInput input) {
    return checkedValues(input, Map.of());
  }

  /** As {@link #checkedValues(SchoolInput)} for an update: {@code stored} are the school's extra fields now. */
  Map<String, Object> checkedValues(SchoolInput input, Map<String, Object> stored) {
    return check(input, stored, "en", false).fields();
  }

  private Checked check(SchoolInput input, Map<String, Object> stored, String requestLanguage, boolean rules) {
    Map<String, Object> given = input.fields() == null ? Map.of() : input.fields();
    Optional<Snapshot> profile = active(input.country());
    List<FieldError> errors = new ArrayList<>();
    Map<String, Object> result = new LinkedHashMap<>();
    String lang = profile.map(p -> p.messageLanguage(requestLanguage)).orElse("en");
    String textLang = profile.map(p -> p.textLanguage(requestLanguage)).orElse(lang);
    // Keys the active profile does not define: stored values stay, new ones are refused. An edit's
    // input is the school merged with the patch, so a stored key it lacks was removed (null in the
    // merge patch): the way to clear a former country's or a removed profile's fields.
    for (Map.Entry<String, Object> e : stored.entrySet()) {
      if (profile.flatMap(p -> p.field(e.getKey())).isEmpty() && given.containsKey(e.getKey())) {
        result.put(e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<String, Object> e : given.entrySet()) {
      String key = e.getKey();
      boolean defined = profile.flatMap(p -> p.field(key)).isPresent();
      if (!defined && !java.util.Objects.equals(e.getValue(), stored.get(key))) {
        errors.add(new FieldError("fields." + key, FieldMessages.get(lang, "unknown", input.country())));
      }
    }
    if (profile.isEmpty()) {
      return new Checked(errors, result);
    }
    Snapshot p = profile.get();
    for (Field field : p.fields()) {
      Object value = given.get(field.key());
      Object valid = value("fields.", field, value, lang, textLang, errors);
      if (valid != null) {
        result.put(field.key(), valid);
      }
    }
    if (!p.units().isEmpty()) {
      Set<String> codes = p.units().stream().map(Unit::code).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
      if (input.unit() == null) {
        errors.add(new FieldError("unit", FieldMessages.get(lang, "required")));
      } else if (!codes.contains(input.unit())) {
        errors.add(new FieldError("unit", FieldMessages.get(lang, "choice", String.join(", ", codes))));
      }
    }
    if (!rules) {
      return new Checked(errors, result);
    }
    Map<String, Object> school = coreView(input);
    school.putAll(result);
    List<FieldError> crossField = call(input.country(), "validate", () -> p.profile().validate(school, textLang));
    if (crossField != null) {
      errors.addAll(crossField);
    }
    return new Checked(errors, result);
  }

  /**
   * Checks the answers of an annual report against the national questions of {@code country};
   * answers to questions no active profile asks keep their stored value.
   */
  Checked checkAnswers(String country, Map<String, Object> given, Map<String, Object> stored, String requestLanguage) {
    Optional<Snapshot> profile = active(country);
    List<Field> questions = profile.map(Snapshot::reportQuestions).orElse(List.of());
    String lang = profile.map(p -> p.messageLanguage(requestLanguage)).orElse("en");
    String textLang = profile.map(p -> p.textLanguage(requestLanguage)).orElse(lang);
    List<FieldError> errors = new ArrayList<>();
    Map<String, Object> result = new LinkedHashMap<>();
    Set<String> asked = questions.stream().map(Field::key).collect(Collectors.toSet());
    stored.forEach((key, value) -> {
      if (!asked.contains(key)) {
        result.put(key, value);
      }
    });
    given.forEach((key, value) -> {
      if (!asked.contains(key) && !java.util.Objects.equals(value, stored.get(key))) {
        errors.add(new FieldError("answers." + key, FieldMessages.get(lang, "unknown", country)));
      }
    });
    for (Field question : questions) {
      Object valid = value("answers.", question, given.get(question.key()), lang, textLang, errors);
      if (valid != null) {
        result.put(question.key(), valid);
      }
    }
    return new Checked(errors, result);
  }

  /** The fields as the school's JSON names them, for a profile's cross-field rules. */
  static Map<String, Object> coreView(SchoolInput s) {
    Map<String, Object> m = new HashMap<>();
    m.put("name", s.name());
    m.put("country", s.country());
    m.put("unit", s.unit());
    m.put("city", s.city());
    m.put("address", s.address());
    m.put("latitude", s.latitude());
    m.put("longitude", s.longitude());
    m.put("levels", s.levels() == null ? List.of() : s.levels().stream().map(Enum::name).toList());
    m.put("themes", s.themes() == null ? List.of() : s.themes().stream().map(Enum::name).toList());
    m.put("languages", s.languages());
    m.put("students", s.students());
    m.put("teachers", s.teachers());
    m.put("email", s.email());
    m.put("website", s.website());
    m.put("nationalId", s.nationalId());
    return m;
  }

  /** The value to store for {@code field}, or null (absent, or an error was added). */
  static Object value(Field field, Object value, String lang, List<FieldError> errors) {
    return value("fields.", field, value, lang, errors);
  }

  static Object value(String prefix, Field field, Object value, String lang, List<FieldError> errors) {
    return value(prefix, field, value, lang, lang, errors);
  }

  /** As above; the field's own explanations (a pattern's) in {@code textLang}, the platform's messages in {@code lang}. */
  static Object value(String prefix, Field field, Object value, String lang, String textLang, List<FieldError> errors) {
    String path = prefix + field.key();
    if (value instanceof String text) {
      value = text.strip();
      if (text.isBlank()) {
        // blank text is no value where text is expected; where a number or a day is, it is a
        // mistake (api.md), as "students": " " is: only null removes a value
        if (field.type() == FieldType.NUMBER || field.type() == FieldType.DATE) {
          errors.add(new FieldError(path, FieldMessages.get(lang, field.type() == FieldType.NUMBER ? "number" : "date")));
          return null;
        }
        value = null;
      }
    }
    if (value instanceof List<?> list && list.isEmpty()) {
      value = null;
    }
    if (value == null) {
      if (field.required()) {
        errors.add(new FieldError(path, FieldMessages.get(lang, "required")));
      }
      return null;
    }
    int before = errors.size();
    Object valid =
        switch (field.type()) {
          case TEXT -> text(field, value, path, lang, textLang, errors);
          case NUMBER -> number(field, value, path, lang, errors);
          case DATE -> date(field, value, path, lang, errors);
          case CHOICE -> choice(field, value, path, lang, errors);
          case MULTI_CHOICE -> choices(field, value, path, lang, errors);
        };
    return errors.size() > before ? null : valid;
  }

  private static Object text(Field field, Object value, String path, String lang, String textLang, List<FieldError> errors) {
    if (!(value instanceof String text)) {
      errors.add(new FieldError(path, FieldMessages.get(lang, "text")));
      return null;
    }
    int max = field.maxLength() == null ? 2000 : field.maxLength();
    if (text.codePointCount(0, text.length()) > max) {
      errors.add(new FieldError(path, FieldMessages.get(lang, "length", max)));
    } else if (field.pattern() != null && !Pattern.compile(field.pattern()).matcher(text).matches()) {
      String explained = field.patternMessage().in(Locale.forLanguageTag(textLang), null);
      errors.add(new FieldError(path, explained != null ? explained : FieldMessages.get(lang, "pattern")));
    }
    return text;
  }

  private static Object number(Field field, Object value, String path, String lang, List<FieldError> errors) {
    if (!(value instanceof Number n)) {
      errors.add(new FieldError(path, FieldMessages.get(lang, "number")));
      return null;
    }
    BigDecimal d;
    try {
      d = new BigDecimal(n.toString());
    } catch (NumberFormatException infinite) { // 1e400 reads as Infinity: a number beyond any bound, not "not a number"
      d = null;
    }
    if (d == null || (field.min() != null && d.compareTo(new BigDecimal(field.min())) < 0)
        || (field.max() != null && d.compareTo(new BigDecimal(field.max())) > 0)) {
      errors.add(new FieldError(path, outOfRange(field, lang)));
    }
    return n;
  }

  private static Object date(Field field, Object value, String path, String lang, List<FieldError> errors) {
    LocalDate date;
    try {
      date = LocalDate.parse((String) value);
    } catch (ClassCastException | DateTimeParseException e) {
      errors.add(new FieldError(path, FieldMessages.get(lang, "date")));
      return null;
    }
    if ((field.min() != null && date.isBefore(LocalDate.parse(field.min())))
        || (field.max() != null && date.isAfter(LocalDate.parse(field.max())))) {
      errors.add(new FieldError(path, outOfRange(field, lang)));
    }
    return date.toString();
  }

  private static Object choice(Field field, Object value, String path, String lang, List<FieldError> errors) {
    Set<String> allowed = field.options().stream().map(Option::value).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    if (!(value instanceof String v) || !allowed.contains(v)) {
      errors.add(new FieldError(path, FieldMessages.get(lang, "choice", String.join(", ", allowed))));
      return null;
    }
    return v;
  }

  private static Object choices(Field field, Object value, String path, String lang, List<FieldError> errors) {
    Set<String> allowed = field.options().stream().map(Option::value).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    if (!(value instanceof List<?> list) || !list.stream().allMatch(v -> v instanceof String s && allowed.contains(s))) {
      errors.add(new FieldError(path, FieldMessages.get(lang, "list", String.join(", ", allowed))));
      return null;
    }
    return list.stream().map(String.class::cast).distinct().toList();
  }

  /** "between 1953-01-01 and 2030-12-31", or only the bound there is ("at least 0"), never "…". */
  private static String outOfRange(Field field, String lang) {
    if (field.min() != null && field.max() != null) {
      return FieldMessages.get(lang, "range", field.min(), field.max());
    }
    boolean day = field.type() == org.unesco.aspnet.membership.profile.FieldType.DATE;
    if (field.min() != null) {
      return FieldMessages.get(lang, day ? "onOrAfter" : "atLeast", field.min());
    }
    return field.max() != null ? FieldMessages.get(lang, day ? "onOrBefore" : "atMost", field.max())
        : FieldMessages.get(lang, "number");
  }

  /**
   * A school edited from {@code fromCountry} ({@code merged}: its stored values with the edit's) as
   * it goes to another country: the former country's extra fields, which the new country's profile
   * does not define, are left behind (the audit keeps them), and so is a unit where the new country
   * has none. The same school without a move is returned as it is: a removed profile's fields stay.
   */
  SchoolInput movedFrom(String fromCountry, SchoolInput merged) {
    String to = merged.country() == null ? null : merged.country().strip().toUpperCase(Locale.ROOT);
    if (to == null || to.equals(fromCountry)) {
      return merged;
    }
    Set<String> defined;
    boolean units;
    try {
      defined = fields(to).stream().map(Field::key).collect(Collectors.toSet());
      units = !unitCodes(to).isEmpty();
    } catch (ProblemException unavailable) {
      return merged; // a failing profile: its check says so
    }
    Map<String, Object> kept = new LinkedHashMap<>();
    (merged.fields() == null ? Map.<String, Object>of() : merged.fields()).forEach((k, v) -> {
      if (defined.contains(k)) {
        kept.put(k, v);
      }
    });
    return merged.withUnit(units ? merged.unit() : null).withFields(kept);
  }

  /**
   * The school with its unit as its country's profile writes the code ({@code BORDEAUX} is
   * académie {@code bordeaux}, {@code by} is Land {@code BY}): codes are read in any case, as
   * countries, levels and themes are, by the API and imports alike. A unit that is none of the
   * country's stays as written, for the profile's check to refuse.
   */
  SchoolInput withUnitCode(SchoolInput s) {
    if (s.unit() == null || s.country() == null) {
      return s;
    }
    String code;
    try {
      code = unitCode(s.country(), s.unit()).orElse(s.unit());
    } catch (ProblemException unavailable) {
      return s; // a failing profile: its check says so
    }
    return code.equals(s.unit()) ? s : s.withUnit(code);
  }

  /**
   * The code of {@code country}'s unit written {@code unit} in any case ({@code by} is Bavaria's
   * {@code BY}), for schools and for invitations to a unit; empty when the country has no such unit.
   */
  Optional<String> unitCode(String country, String unit) {
    return written(unitCodes(country.strip().toUpperCase(Locale.ROOT)), unit);
  }

  /** The one of {@code codes} that {@code unit} writes in any case. */
  private static Optional<String> written(List<String> codes, String unit) {
    return codes.stream().filter(code -> code.equalsIgnoreCase(unit)).findFirst();
  }

  /** The codes of the country's units, in the profile's order; empty without a profile or units. */
  List<String> unitCodes(String country) {
    return active(country).map(p -> p.units().stream().map(Unit::code).toList()).orElse(List.of());
  }

  @Override
  public String knownUnit(String country, String unit, String language) {
    if (unit == null) {
      return null; // no unit asked for: nothing to look up (and a query without a unit may have no country)
    }
    List<String> codes = unitCodes(country.toUpperCase(Locale.ROOT));
    if (codes.isEmpty()) {
      return unit;
    }
    return written(codes, unit).orElseThrow(
        () -> ProblemException.validation("unit", FieldMessages.get(language, "choice", String.join(", ", codes))));
  }

  /** Runs {@code task} against a profile of {@code country} within the time limit. */
  <T> T call(String country, String what, Callable<T> task) {
    Future<T> future;
    try {
      future = calls.submit(task);
    } catch (RejectedExecutionException e) {
      throw unavailable(country, what + ": too many calls still waiting for it");
    }
    try {
      T result = future.get(CALL_LIMIT_MILLIS, TimeUnit.MILLISECONDS);
      failures.remove(country);
      return result;
    } catch (TimeoutException e) {
      future.cancel(true);
      throw unavailable(country, what + " took longer than " + CALL_LIMIT_MILLIS + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String why = what + " failed: " + cause;
      if (!why.equals(logged.put(country, why))) { // once while it keeps failing so: a public page asks at every request
        log.error("National profile of {} failed in {}", country, what, cause);
      }
      throw unavailable(country, why, what + " failed"); // the exception for the log and health, not the public
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(country, what + " was interrupted");
    }
  }

  private ProblemException unavailable(String country, String why) {
    return unavailable(country, why, why);
  }

  /** A 503 that tells the caller {@code publicWhy}; {@code why} goes to the log and to health's detail. */
  private ProblemException unavailable(String country, String why, String publicWhy) {
    failures.put(country, why);
    if (!why.equals(logged.put(country + " unavailable", why))) {
      log.warn("National profile of {} unavailable: {}", country, why);
    }
    return new ProblemException(
        503,
        ProblemException.TYPE_BASE + "national-profile-unavailable",
        "National profile unavailable",
        "The national profile of " + country + " is not working right now (" + publicWhy + "); other"
            + " countries are not affected. Try again later; the platform administrator has been told in the log.");
  }

  /** Reads what the profile declares and checks that it is usable. */
  private static Snapshot read(Registered r) {
    NationalProfile p = r.profile();
    String language = p.language();
    List<Field> fields = List.copyOf(p.fields());
    List<Unit> units = List.copyOf(p.units());
    Ladder ladder = p.ladder();
    Map<String, Texts> labels = Map.copyOf(p.labels());
    List<Field> questions = List.copyOf(p.reportQuestions());
    Set<String> keys = new HashSet<>();
    for (Field f : concat(fields, questions)) {
      if (!KEY.matcher(f.key()).matches()) {
        throw new IllegalStateException("field key " + f.key() + " must match " + KEY);
      }
      if (!keys.add(f.key())) {
        throw new IllegalStateException("field key " + f.key() + " is declared twice");
      }
      for (String bound : java.util.Arrays.asList(f.min(), f.max())) {
        try {
          if (bound != null && f.type() == FieldType.NUMBER) {
            new BigDecimal(bound);
          } else if (bound != null && f.type() == FieldType.DATE) {
            LocalDate.parse(bound);
          }
        } catch (RuntimeException e) {
          throw new IllegalStateException("field " + f.key() + " has a bound that is not a " + typeName(f.type()) + ": " + bound);
        }
      }
      if (f.pattern() != null) {
        try {
          Pattern.compile(f.pattern());
        } catch (PatternSyntaxException e) {
          throw new IllegalStateException("field " + f.key() + " has an invalid pattern: " + e.getMessage());
        }
      }
    }
    if (ladder != null) {
      Set<String> codes = new HashSet<>();
      ladder.stages().forEach(s -> codes.add(s.code()));
      if (ladder.stages().isEmpty() || codes.size() != ladder.stages().size()) {
        throw new IllegalStateException("the ladder needs at least one stage and distinct stage codes");
      }
      for (Ladder.Move m : ladder.moves()) {
        if (!codes.contains(m.from()) || !codes.contains(m.to())) {
          throw new IllegalStateException("ladder move " + m.from() + " -> " + m.to() + " names an unknown stage");
        }
      }
    }
    Set<String> languages = new HashSet<>();
    languages.add(language);
    for (Field f : fields) {
      languages.addAll(f.label().byLanguage().keySet());
    }
    Set<String> required = new java.util.TreeSet<>(p.requiredCoreFields());
    for (String name : required) {
      if (!OPTIONAL_CORE_FIELDS.contains(name)) {
        throw new IllegalStateException("required core field " + name + " is not one of " + new java.util.TreeSet<>(OPTIONAL_CORE_FIELDS));
      }
    }
    return new Snapshot(p, r.country(), language, fields, units, ladder, labels, questions, Set.copyOf(languages),
        java.util.Collections.unmodifiableSet(required));
  }

  /** The core fields the platform leaves optional, which a profile may require ({@link NationalProfile#requiredCoreFields}). */
  static final Set<String> OPTIONAL_CORE_FIELDS = Set.of("nationalId", "latitude", "longitude", "languages", "themes",
      "students", "teachers", "website");

  private static List<Field> concat(Collection<Field> a, Collection<Field> b) {
    List<Field> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** The type names of the API: {@code text}, {@code multi-choice}... */
  static String typeName(FieldType type) {
    return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
