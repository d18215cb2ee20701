package org.unesco.aspnet.membership.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.unesco.aspnet.membership.profile.Field;
import org.unesco.aspnet.membership.profile.Ladder;
import org.unesco.aspnet.membership.profile.Texts;

/**
 * A national profile as {@code GET /api/v1/countries/{iso2}/profile} shows it: every text in the
 * caller's language (else the profile's), so that a UI renders the forms with no code of its own.
 */
final class ProfileView {
  private ProfileView() {}

  static Map<String, Object> of(NationalProfiles.Snapshot p, Locale language) {
    String fallback = p.language();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("country", p.country());
    m.put("language", p.language());
    m.put("fields", p.fields().stream().map(f -> field(f, language, fallback)).toList());
    m.put("units", p.units().stream()
        .map(u -> Map.of("code", u.code(), "name", u.name().in(language, fallback)))
        .toList());
    if (p.ladder() != null) {
      Map<String, Object> ladder = new LinkedHashMap<>();
      ladder.put("stages", p.ladder().stages().stream()
          .map(s -> Map.of("code", s.code(), "label", s.label().in(language, fallback), "status", s.status().name()))
          .toList());
      ladder.put("moves", p.ladder().moves().stream().map(ProfileView::move).toList());
      m.put("ladder", ladder);
    } else {
      m.put("ladder", null);
    }
    Map<String, String> labels = new TreeMap<>();
    p.labels().forEach((key, texts) -> labels.put(key, texts.in(language, fallback)));
    m.put("labels", labels);
    m.put("reportQuestions", p.reportQuestions().stream().map(f -> field(f, language, fallback)).toList());
    m.put("requiredCoreFields", p.requiredCoreFields());
    return m;
  }

  private static Map<String, Object> move(Ladder.Move move) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", move.from());
    m.put("to", move.to());
    m.put("minimumTime", move.minimumTime().toString());
    m.put("decidedBy", move.decidedBy().stream().map(Enum::name).sorted().toList());
    return m;
  }

  static Map<String, Object> field(Field f, Locale language, String fallback) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", f.key());
    m.put("type", NationalProfiles.typeName(f.type()));
    m.put("required", f.required());
    m.put("label", f.label().in(language, fallback));
    put(m, "help", f.help(), language, fallback);
    if (!f.options().isEmpty()) {
      m.put("options", f.options().stream()
          .map(o -> Map.of("value", o.value(), "label", o.label().in(language, fallback)))
          .toList());
    }
    if (f.min() != null) {
      m.put("min", f.min());
    }
    if (f.max() != null) {
      m.put("max", f.max());
    }
    if (f.maxLength() != null) {
      m.put("maxLength", f.maxLength());
    }
    if (f.pattern() != null) {
      m.put("pattern", f.pattern());
      put(m, "patternMessage", f.patternMessage(), language, fallback);
    }
    return m;
  }

  private static void put(Map<String, Object> m, String key, Texts texts, Locale language, String fallback) {
    String text = texts.in(language, fallback);
    if (text != null) {
      m.put(key, text);
    }
  }

}
