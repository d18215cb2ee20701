package org.unesco.aspnet.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every UI string exists in English, French, Spanish and German, every key the scripts use exists,
 * and every count shown with plural() has its forms in each language.
 */
class UiStringsTest {
  private static final Path STATIC = Path.of("src/main/resources/static");
  private static final Pattern KEY = Pattern.compile("\\bt\\('([a-zA-Z]+\\.[a-zA-Z.]+|title|footer)'");
  /** The first argument of plural(...): a key, or a choice of keys (cursor ? 'a.more' : 'a'). */
  private static final Pattern PLURAL = Pattern.compile("\\bplural\\(([^,()]+),");
  private static final Pattern LITERAL = Pattern.compile("'([a-zA-Z]+\\.[a-zA-Z.]+)'");
  private static final String[] LANGUAGES = {"en", "fr", "es", "de"};

  @SuppressWarnings("unchecked")
  private static Map<String, String> strings(String lang) throws IOException {
    return new ObjectMapper().readValue(STATIC.resolve("i18n/" + lang + ".json").toFile(), Map.class);
  }

  @Test
  void everyLanguageHasEveryKeyAndNoEmptyString() throws IOException {
    Map<String, String> en = strings("en");
    for (String lang : new String[] {"fr", "es", "de"}) {
      Map<String, String> other = strings(lang);
      assertEquals(new TreeSet<>(en.keySet()), new TreeSet<>(other.keySet()), lang + " has the same keys as en");
      other.forEach((k, v) -> assertTrue(!v.isBlank(), lang + ": " + k + " is empty"));
      // placeholders survive translation
      en.forEach((k, v) -> {
        Matcher m = Pattern.compile("\\{\\w+}").matcher(v);
        while (m.find()) {
          assertTrue(other.get(k).contains(m.group()), lang + ": " + k + " lacks " + m.group());
        }
      });
    }
  }

  @Test
  void everyKeyTheScriptsUseIsTranslated() throws IOException {
    Set<String> known = strings("en").keySet();
    Set<String> missing = new TreeSet<>();
    try (Stream<Path> files = Files.list(STATIC)) {
      for (Path js : files.filter(p -> p.toString().endsWith(".js")).toList()) {
        Matcher m = KEY.matcher(Files.readString(js));
        while (m.find()) {
          if (!m.group(1).endsWith(".") && !known.contains(m.group(1))) {
            missing.add(js.getFileName() + ": " + m.group(1));
          }
        }
      }
    }
    assertTrue(missing.isEmpty(), "keys without strings: " + missing);
  }

  /**
   * A count shown with plural() ("1 school on the map", "2 schools") has its "one" and "other"
   * forms in every language, and no form without a number left over that t() would still show.
   */
  @Test
  void everyCountThePagesShowHasItsPluralForms() throws IOException {
    Set<String> bases = new TreeSet<>();
    try (Stream<Path> files = Files.list(STATIC)) {
      for (Path js : files.filter(p -> p.toString().endsWith(".js")).toList()) {
        Matcher call = PLURAL.matcher(Files.readString(js));
        while (call.find()) {
          Matcher key = LITERAL.matcher(call.group(1));
          while (key.find()) {
            bases.add(key.group(1));
          }
        }
      }
    }
    // the counts of the map and of the annual reports, which read "1 schools" before
    assertTrue(bases.containsAll(Set.of("map.count", "nc.compliance", "nc.late", "nc.copyMissing", "nc.copied")), bases.toString());
    Set<String> missing = new TreeSet<>();
    for (String lang : LANGUAGES) {
      Map<String, String> strings = strings(lang);
      for (String base : bases) {
        for (String form : new String[] {".one", ".other"}) {
          if (!strings.containsKey(base + form)) {
            missing.add(lang + ": " + base + form);
          }
        }
        if (strings.containsKey(base)) {
          missing.add(lang + ": " + base + " (without a plural form) is left over");
        }
      }
    }
    assertTrue(missing.isEmpty(), "plural forms: " + missing);
  }
}
