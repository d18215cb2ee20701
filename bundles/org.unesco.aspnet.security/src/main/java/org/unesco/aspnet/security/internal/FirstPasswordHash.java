package org.unesco.aspnet.security.internal;

import java.util.concurrent.CompletableFuture;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.core.ConfigValues;

/**
 * On a new data folder, hashes {@code ASPNET_ADMIN_PASSWORD} as soon as the security bundle starts,
 * while the database opens and the other bundles start: the first account's hash (PBKDF2, 600,000
 * iterations, some 0.4 s of a core on a cold JVM) was otherwise the last thing a first start waited
 * for, since {@link FirstAccount} can only begin once the database is open. The launcher says
 * whether the data folder is new ({@code aspnet.data.new}); on any other start nothing is hashed.
 */
@Component(service = FirstPasswordHash.class, immediate = true, configurationPid = "org.unesco.aspnet.security")
public final class FirstPasswordHash {
  private final String password;
  private final CompletableFuture<String> hash;

  @Activate
  public FirstPasswordHash(BundleContext context, Authentication.Config config,
      @Reference(service = LoggerFactory.class) Logger log) {
    this(Boolean.parseBoolean(context.getProperty("aspnet.data.new"))
            && !Boolean.parseBoolean(context.getProperty("aspnet.preparing")),
        System.getenv("ASPNET_ADMIN_PASSWORD"),
        Authentication.Settings.of(config, Authentication.Settings.DEFAULTS,
            new ConfigValues("org.unesco.aspnet.security", log::warn)).passwordIterations());
  }

  /** Hashes {@code given} ahead on a thread of its own if the data folder is new and it is acceptable. */
  FirstPasswordHash(boolean newDataFolder, String given, int iterations) {
    if (!newDataFolder || !FirstAccount.acceptable(given)) {
      password = null;
      hash = null;
      return;
    }
    password = given;
    hash = new CompletableFuture<>();
    Thread worker = new Thread(() -> {
      try {
        hash.complete(new PasswordHasher(iterations).hash(given));
      } catch (RuntimeException e) {
        hash.completeExceptionally(e);
      }
    }, "aspnet-first-password-hash");
    worker.setDaemon(true);
    worker.start();
  }

  @Deactivate
  void deactivate() {
    if (hash != null) {
      hash.cancel(false);
    }
  }

  /** The hash of {@code given} made ahead, waiting for it if it is being made; null if none was. */
  String hashOf(String given) {
    if (hash == null || !given.equals(password)) {
      return null;
    }
    try {
      return hash.join();
    } catch (RuntimeException e) {
      return null; // made again by the caller
    }
  }
}
