package org.unesco.aspnet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PluginsTest {

  @Test
  void aFailureIsToldByWhatThePluginThrewNotByTheWrappers() {
    String trace = "java.lang.reflect.InvocationTargetException\n\tat a.b.C.d(C.java:1)\n"
        + "Caused by: org.osgi.service.component.ComponentException: wrapped\n\tat e.f.G.h(G.java:2)\n"
        + "Caused by: java.lang.IllegalStateException: this component fails on purpose\n\t... 12 more";
    assertEquals("java.lang.IllegalStateException: this component fails on purpose", Plugins.rootCause(trace));
    assertEquals("java.lang.IllegalStateException: alone", Plugins.rootCause("java.lang.IllegalStateException: alone\n\tat x.Y.z(Y.java:3)"));
    assertEquals("(no reason given)", Plugins.rootCause(null));
  }
}
