package org.unesco.aspnet.web.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.ConfigValues;
import org.unesco.aspnet.web.internal.RequestGuardFilter.Settings;

/** A typo in config/org.unesco.aspnet.web.cfg keeps the value in force instead of failing every request. */
class RequestGuardSettingsTest {
  private final List<String> warnings = new ArrayList<>();
  private final ConfigValues values = new ConfigValues("org.unesco.aspnet.web", warnings::add);

  /** A configuration as Configuration Admin hands it over: values read when asked, a typo thrown then. */
  private static RequestGuardFilter.Config config(Map<String, Object> values) {
    return (RequestGuardFilter.Config) Proxy.newProxyInstance(RequestGuardSettingsTest.class.getClassLoader(),
        new Class<?>[] {RequestGuardFilter.Config.class}, (proxy, method, args) -> {
          Object v = values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
          if (v instanceof RuntimeException e) {
            throw e;
          }
          return v;
        });
  }

  @Test
  void aMistypedOrNegativeLimitKeepsTheOneInForceAndSaysSo() {
    Settings before = Settings.of(config(Map.of("maxRequestBytes", 1000L)), Settings.DEFAULTS, values);
    assertEquals(1000L, before.maxRequestBytes());
    Settings typo = Settings.of(config(Map.of("maxRequestBytes", new NumberFormatException("For input string: \"1MB\""))),
        before, values);
    assertEquals(1000L, typo.maxRequestBytes());
    Settings negative = Settings.of(config(Map.of("maxRequestBytes", -5L, "maxUploadBytes", 5000L)), typo, values);
    assertEquals(1000L, negative.maxRequestBytes());
    assertEquals(5000L, negative.maxUploadBytes(), "the other values still apply");
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("maxRequestBytes") && warnings.get(0).contains("1MB"), warnings.get(0));
    assertTrue(warnings.get(1).contains("maxRequestBytes=-5"), warnings.get(1));
  }

  @Test
  void theDefaultsAreTheConfigurationsOwn() {
    assertEquals(1_048_576L, Settings.DEFAULTS.maxRequestBytes());
    assertArrayEquals(new String[] {"/api/v1/imports"}, Settings.DEFAULTS.uploadPaths());
    assertEquals(Settings.DEFAULTS.maxRequestBytes(),
        Settings.of(config(Map.of("maxRequestBytes", new NumberFormatException("x"))), Settings.DEFAULTS, values).maxRequestBytes());
  }
}
