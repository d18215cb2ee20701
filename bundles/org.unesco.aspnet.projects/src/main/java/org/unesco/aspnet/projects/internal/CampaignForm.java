package org.unesco.aspnet.projects.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.PlainText;
import org.unesco.aspnet.projects.CampaignInput;
import org.unesco.aspnet.projects.MediaLink;
import org.unesco.aspnet.projects.Phase;
import org.unesco.aspnet.projects.SubmissionInput;

/**
 * The platform's own checks of a campaign and of a submission (what a campaign module checks comes
 * on top): every problem is collected so that a form can show them all at once.
 */
final class CampaignForm {
  static final Pattern MODULE_KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");
  static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
  static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  static final int TITLE_MAX = 200;
  static final int DESCRIPTION_MAX = 4000;
  static final int TEXT_MAX = 8000;
  static final int PEOPLE_MAX = 100_000;
  static final int MEDIA_MAX = 20;
  static final int URL_MAX = 2000;
  static final int COMMENT_MAX = 2000;
  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

  /** The last day a phase may name: a campaign is planned years ahead, not millennia (-999999999 was taken). */
  static final LocalDate LATEST_PHASE_DAY = LocalDate.of(2100, 12, 31);

  private static boolean plausible(LocalDate day) {
    return !day.isBefore(EARLIEST) && !day.isAfter(LATEST_PHASE_DAY);
  }

  private CampaignForm() {}

  /** Today where the day starts first (UTC+14), so that nobody's today is refused as future. */
  static LocalDate latestToday() {
    return LocalDate.now(ZoneOffset.ofHours(14));
  }

  /**
   * Country codes in any case, as query parameters take them ({@code "fr"}): otherwise an NC of
   * France sending {@code "fr"} was told they may not create France's campaigns.
   */
  static CampaignInput upperCaseCountries(CampaignInput in) {
    java.util.function.UnaryOperator<String> upper = v -> v == null ? null : v.strip().toUpperCase(java.util.Locale.ROOT);
    return new CampaignInput(in.kind(), in.module(), upper.apply(in.country()), in.title(), in.description(), in.phases(),
        in.membersOnly(), in.countries() == null ? null : in.countries().stream().map(upper).toList(), in.open());
  }

  /**
   * An update's title and description as JSON Merge Patch (RFC 7396) reads them: the languages it
   * names are set, a null removes one, the others stay. Sending {@code {"title": {"en": ...}}}
   * replaced the whole map before, and the Arabic and Chinese titles were gone.
   */
  static CampaignInput mergedTexts(org.unesco.aspnet.projects.Campaign before, CampaignInput in) {
    return new CampaignInput(in.kind(), in.module(), in.country(), merged(before.title(), in.title()),
        merged(before.description(), in.description()), in.phases(), in.membersOnly(), in.countries(), in.open());
  }

  static Map<String, String> merged(Map<String, String> before, Map<String, String> patch) {
    if (patch == null) {
      return null;
    }
    Map<String, String> merged = new java.util.LinkedHashMap<>(before == null ? Map.of() : before);
    patch.forEach((language, text) -> {
      if (text == null) {
        merged.remove(language);
      } else {
        merged.put(language, text);
      }
    });
    return merged;
  }

  /** Checks a campaign to create; {@code countryExists} knows the UNESCO Member States. */
  static List<FieldError> create(CampaignInput in, Set<String> modulePhases, Predicate<String> countryExists) {
    return create(in, modulePhases, countryExists, "en");
  }

  /** As above, the messages in {@code lang}. */
  static List<FieldError> create(CampaignInput in, Set<String> modulePhases, Predicate<String> countryExists, String lang) {
    List<FieldError> errors = new ArrayList<>();
    if (in.kind() == null) {
      errors.add(new FieldError("kind", CampaignMessages.get(lang, "kind")));
    }
    if (in.module() != null && !MODULE_KEY.matcher(in.module()).matches()) {
      errors.add(new FieldError("module", CampaignMessages.get(lang, "module")));
    }
    if (in.country() != null && (!COUNTRY.matcher(in.country()).matches() || !countryExists.test(in.country()))) {
      errors.add(new FieldError("country", CampaignMessages.get(lang, "country")));
    }
    if (in.title() == null || in.title().isEmpty()) {
      errors.add(new FieldError("title", CampaignMessages.get(lang, "title")));
    }
    errors.addAll(common(in, modulePhases, countryExists, lang));
    return errors;
  }

  /** Checks the fields an update changes. */
  static List<FieldError> update(CampaignInput in, Set<String> modulePhases, Predicate<String> countryExists) {
    return update(in, modulePhases, countryExists, "en");
  }

  /** As above, the messages in {@code lang}. */
  static List<FieldError> update(CampaignInput in, Set<String> modulePhases, Predicate<String> countryExists, String lang) {
    List<FieldError> errors = new ArrayList<>();
    if (in.title() != null && in.title().isEmpty()) {
      errors.add(new FieldError("title", CampaignMessages.get(lang, "titleLanguage")));
    }
    errors.addAll(common(in, modulePhases, countryExists, lang));
    return errors;
  }

  private static List<FieldError> common(CampaignInput in, Set<String> modulePhases, Predicate<String> countryExists, String lang) {
    List<FieldError> errors = new ArrayList<>();
    oneLineTexts("title", in.title(), TITLE_MAX, TITLE_STORED, errors, lang);
    texts("description", in.description(), DESCRIPTION_MAX, DESCRIPTION_STORED, errors, lang);
    if (in.phases() != null && in.phases().size() > PHASES_MAX) {
      errors.add(new FieldError("phases", CampaignMessages.get(lang, "phases", String.valueOf(PHASES_MAX))));
    } else if (in.phases() != null) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < in.phases().size(); i++) {
        Phase p = in.phases().get(i);
        String at = "phases[" + i + "]";
        if (p == null) {
          errors.add(new FieldError(at, CampaignMessages.get(lang, "phase")));
          continue;
        }
        if (p.key() == null || p.key().isBlank()) {
          errors.add(new FieldError(at + ".key", CampaignMessages.get(lang, "required")));
        } else if (!modulePhases.isEmpty() && !modulePhases.contains(p.key())) {
          errors.add(new FieldError(at + ".key", CampaignMessages.get(lang, "modulePhase", String.join(", ", modulePhases))));
        } else if (!PlainText.oneLine(p.key())) {
          errors.add(new FieldError(at + ".key", CampaignMessages.get(lang, "oneLine")));
        } else if (p.key().length() > 60 || !seen.add(p.key())) {
          errors.add(new FieldError(at + ".key", CampaignMessages.get(lang, "phaseKey")));
        }
        if (p.starts() == null) {
          errors.add(new FieldError(at + ".starts", CampaignMessages.get(lang, "required")));
        } else if (!plausible(p.starts())) {
          errors.add(new FieldError(at + ".starts", CampaignMessages.get(lang, "between", EARLIEST.toString(), LATEST_PHASE_DAY.toString())));
        }
        if (p.ends() == null) {
          errors.add(new FieldError(at + ".ends", CampaignMessages.get(lang, "required")));
        } else if (!plausible(p.ends())) {
          errors.add(new FieldError(at + ".ends", CampaignMessages.get(lang, "between", EARLIEST.toString(), LATEST_PHASE_DAY.toString())));
        }
        if (p.starts() != null && p.ends() != null && p.ends().isBefore(p.starts())) {
          errors.add(new FieldError(at + ".ends", CampaignMessages.get(lang, "endsBefore")));
        }
      }
    }
    if (in.countries() != null) {
      for (int i = 0; i < in.countries().size(); i++) {
        String c = in.countries().get(i);
        if (c == null || !COUNTRY.matcher(c).matches() || !countryExists.test(c)) {
          errors.add(new FieldError("countries[" + i + "]", CampaignMessages.get(lang, "country")));
        }
      }
      if (in.countries().size() > 250) {
        errors.add(new FieldError("countries", CampaignMessages.get(lang, "countries", "250")));
      }
    }
    return errors;
  }

  /** What the columns hold of a campaign's texts as JSON, all languages together (V1__projects.sql). */
  static final int TITLE_STORED = 8000;
  static final int DESCRIPTION_STORED = 32000;
  /** Phases a campaign has at most: with 60-character keys, quotes and all, the PHASES column holds them as JSON. */
  static final int PHASES_MAX = 20;

  /** The two-letter language codes (ISO 639-1). */
  static final Set<String> ISO_639_1 = Set.of(java.util.Locale.getISOLanguages());

  /**
   * A language code a text may be given in: ISO 639-1 ({@code fr}), possibly with a region or
   * script ({@code en-GB}, {@code zh-Hant}), or a three-letter ISO 639-2/3 code ({@code swa}); a
   * two-letter code that is no language ({@code xx}) would hold a text no reader is ever shown.
   */
  static boolean isLanguage(String code) {
    if (code == null || !LANGUAGE.matcher(code).matches()) {
      return false;
    }
    String base = code.split("-", 2)[0];
    return base.length() == 3 || ISO_639_1.contains(base);
  }

  static void texts(String field, Map<String, String> texts, int max, int stored, List<FieldError> errors, String lang) {
    texts(field, texts, max, stored, errors, lang, false);
  }

  /**
   * As {@link #texts}, for a title or a name: one line that reads as written ({@link
   * PlainText#oneLine}), as it is printed in lists, certificates and emails; a bidirectional
   * override would show {@code "Guide \u202egnp.exe"} as "Guide exe.png".
   */
  static void oneLineTexts(String field, Map<String, String> texts, int max, int stored, List<FieldError> errors, String lang) {
    texts(field, texts, max, stored, errors, lang, true);
  }

  private static void texts(String field, Map<String, String> texts, int max, int stored, List<FieldError> errors, String lang,
      boolean oneLine) {
    if (texts == null) {
      return;
    }
    int before = errors.size();
    if (texts.size() > 20) {
      errors.add(new FieldError(field, CampaignMessages.get(lang, "languages", "20")));
    }
    texts.forEach((code, text) -> {
      if (!isLanguage(code)) {
        errors.add(new FieldError(field + "." + code, CampaignMessages.get(lang, "languageCode")));
      } else if (text == null || org.unesco.aspnet.web.Json.showsNothing(text)) {
        errors.add(new FieldError(field + "." + code, CampaignMessages.get(lang, "blank")));
      } else if (text.codePointCount(0, text.length()) > max) { // characters, as the person typing sees them
        errors.add(new FieldError(field + "." + code, CampaignMessages.get(lang, "length", String.valueOf(max))));
      } else if (oneLine && !PlainText.oneLine(text)) {
        errors.add(new FieldError(field + "." + code, CampaignMessages.get(lang, "oneLine")));
      }
    });
    // each text within its limit, all of them as stored (JSON: a quote or a new line takes two) may not be
    if (errors.size() == before && storedLength(texts) > stored) {
      errors.add(new FieldError(field, CampaignMessages.get(lang, "together", String.valueOf(stored))));
    }
  }

  private static int storedLength(Map<String, String> texts) {
    try {
      return org.unesco.aspnet.web.Json.MAPPER.writeValueAsString(texts).length();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a map of texts is always JSON", e);
    }
  }

  /**
   * Checks what the platform owns of a submission: date, phase, text, people, media and consent.
   * The activity's date must lie within the dates of the phase it names.
   *
   * @param campaignPhases the campaign's phases with their dates, empty when it has none
   * @param lang the language of the messages ("fr", "es-AR"...; English for one not written)
   */
  static List<FieldError> submission(SubmissionInput in, List<Phase> campaignPhases, boolean hasModule, String lang) {
    return submission(in, campaignPhases, hasModule, lang, key -> key);
  }

  /** As above, a phase named in messages by {@code phaseName} (its label in {@code lang}, from the module). */
  static List<FieldError> submission(SubmissionInput in, List<Phase> campaignPhases, boolean hasModule, String lang,
      java.util.function.UnaryOperator<String> phaseName) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, Phase> byKey = new LinkedHashMap<>();
    for (Phase p : campaignPhases) {
      byKey.put(p.key(), p);
    }
    Set<String> phases = byKey.keySet();
    if (in.school() == null) {
      errors.add(new FieldError("school", SubmissionMessages.get(lang, "required")));
    }
    if (in.date() == null) {
      errors.add(new FieldError("date", SubmissionMessages.get(lang, "date")));
    } else if (in.date().isAfter(latestToday())) {
      errors.add(new FieldError("date", SubmissionMessages.get(lang, "future")));
    } else if (in.date().isBefore(EARLIEST)) {
      errors.add(new FieldError("date", SubmissionMessages.get(lang, "before", EARLIEST.toString())));
    }
    if (phases.isEmpty()) {
      if (in.phase() != null) {
        errors.add(new FieldError("phase", SubmissionMessages.get(lang, "noPhases")));
      }
    } else if (in.phase() == null) {
      errors.add(new FieldError("phase", SubmissionMessages.get(lang, "phaseRequired", String.join(", ", phases))));
    } else if (!phases.contains(in.phase())) {
      errors.add(new FieldError("phase", SubmissionMessages.get(lang, "oneOf", String.join(", ", phases))));
    } else if (in.date() != null && errors.stream().noneMatch(e -> e.field().equals("date"))) {
      Phase phase = byKey.get(in.phase());
      boolean early = phase.starts() != null && in.date().isBefore(phase.starts());
      boolean late = phase.ends() != null && in.date().isAfter(phase.ends());
      if (early || late) {
        errors.add(new FieldError("date", SubmissionMessages.get(lang, "inPhase", phaseName.apply(phase.key()),
            phase.starts() == null ? "…" : phase.starts().toString(), phase.ends() == null ? "…" : phase.ends().toString())));
      }
    }
    if (in.text() == null || org.unesco.aspnet.web.Json.showsNothing(in.text())) {
      errors.add(new FieldError("text", SubmissionMessages.get(lang, "text")));
    } else if (in.text().codePointCount(0, in.text().length()) > TEXT_MAX) { // the column holds twice as many UTF-16 units
      errors.add(new FieldError("text", SubmissionMessages.get(lang, "length", String.valueOf(TEXT_MAX))));
    }
    people("pupils", in.pupils(), errors, lang);
    people("teachers", in.teachers(), errors, lang);
    if (!hasModule && in.metrics() != null && !in.metrics().isEmpty()) {
      errors.add(new FieldError("metrics", SubmissionMessages.get(lang, "noModule")));
    }
    List<MediaLink> media = in.media() == null ? List.of() : in.media();
    if (media.size() > MEDIA_MAX) {
      errors.add(new FieldError("media", SubmissionMessages.get(lang, "mediaMax", String.valueOf(MEDIA_MAX))));
    }
    for (int i = 0; i < media.size(); i++) {
      MediaLink m = media.get(i);
      String at = "media[" + i + "]";
      if (m == null) {
        errors.add(new FieldError(at, SubmissionMessages.get(lang, "mediaObject")));
        continue;
      }
      // the checks of a resource's link: shown to the public once approved, as resources are
      if (m.url() == null || ResourceLinks.normalized(m.url().strip()) == null) {
        errors.add(new FieldError(at + ".url", CampaignMessages.get(lang, "resourceUrl", String.valueOf(URL_MAX))));
      }
      if (m.type() == null || !(m.type().equals("photo") || m.type().equals("video"))) {
        errors.add(new FieldError(at + ".type", SubmissionMessages.get(lang, "mediaType")));
      }
      if (m.showsPupils() == null) {
        errors.add(new FieldError(at + ".showsPupils", SubmissionMessages.get(lang, "showsPupils")));
      } else if (m.showsPupils() && !Boolean.TRUE.equals(m.parentalConsent())) {
        errors.add(new FieldError(at + ".parentalConsent", SubmissionMessages.get(lang, "consent")));
      }
    }
    return errors;
  }

  private static void people(String field, Integer n, List<FieldError> errors, String lang) {
    if (n == null) {
      errors.add(new FieldError(field, SubmissionMessages.get(lang, "people")));
    } else if (n < 0 || n > PEOPLE_MAX) {
      errors.add(new FieldError(field, SubmissionMessages.get(lang, "range", String.valueOf(PEOPLE_MAX))));
    }
  }

  /** {@code media} with each link written as a resource's is stored ({@link ResourceLinks#normalized}), once checked. */
  static List<MediaLink> normalizedMedia(List<MediaLink> media) {
    return media.stream().map(m -> new MediaLink(ResourceLinks.normalized(m.url().strip()), m.type(), m.showsPupils(),
        m.parentalConsent())).toList();
  }

  /** A title or description map in a stable order (the API returns what was written). */
  static Map<String, String> ordered(Map<String, String> texts) {
    return texts == null ? Map.of() : new LinkedHashMap<>(texts);
  }
}
