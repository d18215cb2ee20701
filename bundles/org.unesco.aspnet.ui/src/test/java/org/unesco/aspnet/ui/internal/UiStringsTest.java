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

/** Every UI string exists in English, French and Spanish, and every key the scripts use exists. */
class UiStringsTest {
  private static final Path STATIC = Path.of("src/main/resources/static");
  private static final Pattern KEY = Pattern.compile("\\bt\\('([a-zA-Z]+\\.[a-zA-Z.]+|title|footer)'");

  @SuppressWarnings("unchecked")
  private static Map<String, String> strings(String lang) throws IOException {
    return new ObjectMapper().readValue(STATIC.resolve("i18n/" + lang + ".json").toFile(), Map.class);
  }

  @Test
  void everyLanguageHasEveryKeyAndNoEmptyString() throws IOException {
    Map<String, String> en = strings("en");
    for (String lang : new String[] {"fr", "es"}) {
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
}
