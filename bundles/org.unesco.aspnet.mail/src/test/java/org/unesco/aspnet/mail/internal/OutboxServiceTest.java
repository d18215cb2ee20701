package org.unesco.aspnet.mail.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.service.log.Logger;
import org.unesco.aspnet.persistence.Database;

class OutboxServiceTest {

  /** A stand-in for {@code type} whose methods answer their default (an annotation's), else zero or null. */
  private static <T> T quiet(Class<T> type) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
        method.getDefaultValue() != null || !method.getReturnType().isPrimitive() || method.getReturnType() == void.class
            ? method.getDefaultValue() : Array.get(Array.newInstance(method.getReturnType(), 1), 0)));
  }

  @Test
  void anAddressTheSenderWouldGiveUpAtOnceCannotBeSentTo() throws Exception {
    OutboxService outbox = new OutboxService(quiet(Database.class), quiet(Logger.class), quiet(MailSettings.Config.class),
        quiet(BundleContext.class));
    try {
      assertTrue(outbox.canSendTo("ana@example.org"));
      assertTrue(outbox.canSendTo("ana@exaŭple.org"), "an international domain goes in its ASCII form");
      for (String never : new String[] {"écoles@exaŭple.org", "contact@straße.de", "Bob <bob@example.org>", "a b@example.org", "nobody",
          "", null, "a".repeat(250) + "@example.org"}) {
        assertFalse(outbox.canSendTo(never), never);
      }
    } finally {
      outbox.deactivate();
    }
  }
}
