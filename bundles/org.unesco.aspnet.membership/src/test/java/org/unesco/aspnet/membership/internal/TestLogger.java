package org.unesco.aspnet.membership.internal;

import java.lang.reflect.Proxy;
import org.osgi.service.log.Logger;

/** A Logger that drops everything, for components under plain unit tests. */
final class TestLogger {
  static final Logger INSTANCE =
      (Logger) Proxy.newProxyInstance(
          Logger.class.getClassLoader(),
          new Class<?>[] {Logger.class},
          (proxy, method, args) -> method.getReturnType() == boolean.class ? false : null);

  private TestLogger() {}
}
