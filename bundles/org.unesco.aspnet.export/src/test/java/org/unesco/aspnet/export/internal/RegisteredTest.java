package org.unesco.aspnet.export.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.unesco.aspnet.export.ExportFormat;

/** A plugin's format named as a built-in one takes its place only while it is there, and says so. */
class RegisteredTest {
  private final List<String> warnings = new ArrayList<>();
  private final Registered<String> formats =
      new Registered<>("export format", ExportFormat.PROPERTY, Pattern.compile("[a-z0-9]+"), "lower-case letters and digits");

  private static Map<String, Object> props(String key, long id, Integer ranking) {
    return ranking == null
        ? Map.of(ExportFormat.PROPERTY, key, Constants.SERVICE_ID, id, Constants.SERVICE_BUNDLEID, id * 10)
        : Map.of(ExportFormat.PROPERTY, key, Constants.SERVICE_ID, id, Constants.SERVICE_BUNDLEID, id * 10,
            Constants.SERVICE_RANKING, ranking);
  }

  @Test
  void theNewestOfOneKeyIsUsedWithAWarningAndTheOtherComesBackWhenItLeaves() {
    String builtIn = "built-in csv";
    String plugin = "a plugin's csv";
    formats.add(builtIn, props("csv", 5, null), warnings::add);
    assertTrue(warnings.isEmpty(), warnings.toString());
    formats.add(plugin, props("csv", 40, null), warnings::add);
    assertEquals(plugin, formats.current().get("csv"));
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).startsWith("Two export formats are named csv: java.lang.String (bundle 400) is used,"
        + " java.lang.String (bundle 50) waits"), warnings.get(0));

    formats.remove(plugin, props("csv", 40, null));
    assertEquals(builtIn, formats.current().get("csv"), "the built-in format is back without a restart");
    formats.remove(builtIn, props("csv", 5, null));
    assertTrue(formats.current().isEmpty());
  }

  @Test
  void aServiceWhosePropertiesChangedIsRemovedUnderTheKeyItWasAddedWith() {
    formats.add("renamed", props("csv", 9, null), warnings::add);
    formats.remove("renamed", props("tsv", 9, null));
    assertTrue(formats.current().isEmpty(), formats.current().toString());
  }

  @Test
  void aHigherRankingWinsWhateverTheOrder() {
    formats.add("ranked", props("csv", 5, 10), warnings::add);
    formats.add("newer", props("csv", 40, null), warnings::add);
    assertEquals("ranked", formats.current().get("csv"));
  }

  @Test
  void aKeyTheUrlCannotReachIsRefusedInWords() {
    formats.add("bad", props("Bad-Key", 7, null), warnings::add);
    formats.add("none", Map.of(Constants.SERVICE_ID, 8L), warnings::add);
    assertTrue(formats.current().isEmpty());
    assertEquals(2, warnings.size());
    assertTrue(warnings.get(0).contains("is ignored: its aspnet.export.format must be lower-case letters and digits, not 'Bad-Key'"),
        warnings.get(0));
    assertTrue(warnings.get(1).contains("and it is missing"), warnings.get(1));
  }
}
