package org.unesco.aspnet.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class UiPagesServletTest {
  @Test
  void aPluginScriptIsMarkedWithItsBundlesTimeSoAnUpdateIsNotAnsweredFromTheCache() {
    String before = UiPagesServlet.versioned("/hello-ui/page.js", 1_700_000_000_000L);
    String after = UiPagesServlet.versioned("/hello-ui/page.js", 1_700_000_100_000L);
    assertEquals("/hello-ui/page.js?v=" + Long.toString(1_700_000_000_000L, 36), before);
    assertNotEquals(before, after, "an updated bundle's script has another address");
  }

  @Test
  void aScriptThatVersionsItselfIsLeftAsItIs() {
    assertEquals("/x/page.js?build=42", UiPagesServlet.versioned("/x/page.js?build=42", 1L));
    assertEquals("/x/page.js#a", UiPagesServlet.versioned("/x/page.js#a", 1L));
  }
}
