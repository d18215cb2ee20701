package org.unesco.aspnet.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.ConfigValues;

class DatabaseSettingsTest {

  /** A configuration as SCR hands it over: a value that is not a number fails when it is read. */
  private static DatabaseService.Config config(Map<String, String> values) {
    return (DatabaseService.Config) Proxy.newProxyInstance(DatabaseSettingsTest.class.getClassLoader(),
        new Class<?>[] {DatabaseService.Config.class}, (proxy, method, args) -> {
          String v = values.get(method.getName());
          if (v == null) {
            return method.getDefaultValue();
          }
          return method.getReturnType() == int.class ? (Object) Integer.parseInt(v) : v;
        });
  }

  @Test
  void goodValuesAreTaken() {
    DatabaseService.Settings s = DatabaseService.Settings.of(
        config(Map.of("maxPoolSize", "4", "lockTimeoutSeconds", "3", "connectionTimeoutSeconds", "20", "derbyPageCacheSize", "2000")),
        DatabaseService.Settings.DEFAULTS, new ConfigValues("p", w -> {}));
    assertEquals(new DatabaseService.Settings(4, 20, 3, 2000), s);
    assertEquals(new DatabaseService.Settings(16, 10, 10, 0),
        DatabaseService.Settings.of(config(Map.of()), DatabaseService.Settings.DEFAULTS, new ConfigValues("p", w -> {})));
  }

  @Test
  void aTypoOrAValueOutOfRangeKeepsTheValueInForceAndSaysSo() {
    List<String> warnings = new ArrayList<>();
    DatabaseService.Settings inForce = new DatabaseService.Settings(8, 10, 5, 0);
    DatabaseService.Settings s = DatabaseService.Settings.of(
        config(Map.of("maxPoolSize", "abc", "lockTimeoutSeconds", "0", "connectionTimeoutSeconds", "-3", "derbyPageCacheSize", "lots")),
        inForce, new ConfigValues("org.unesco.aspnet.persistence", warnings::add));
    assertEquals(inForce, s);
    assertEquals(4, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("org.unesco.aspnet.persistence: maxPoolSize is refused"), warnings.get(0));
    assertTrue(warnings.get(2).contains("lockTimeoutSeconds=0 is refused") && warnings.get(2).endsWith("lockTimeoutSeconds stays 5"),
        warnings.get(2));
  }
}
