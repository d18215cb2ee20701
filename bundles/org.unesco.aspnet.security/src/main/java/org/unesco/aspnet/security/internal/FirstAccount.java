package org.unesco.aspnet.security.internal;

import java.util.Map;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.HealthCheck;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.persistence.PersistenceException;

/**
 * On an empty database, creates {@code admin@aspnet.local} (platform administrator and HQ
 * officer) with {@code ASPNET_ADMIN_PASSWORD}, or a random password printed once. It works on a
 * thread of its own, because it waits for the database and hashes a password; health says DOWN
 * until it is done, so nobody is told the platform is up before its first account exists. Then,
 * health UP, it gives the accounts of an older release the key their name is searched by.
 */
@Component(
    immediate = true,
    service = HealthCheck.class,
    reference = {
      @Reference(name = "authentication", service = Authentication.class),
      @Reference(name = "store", service = SecurityStore.class),
      @Reference(name = "audit", service = AuditLog.class),
      @Reference(name = "ahead", service = FirstPasswordHash.class)
    })
public final class FirstAccount implements HealthCheck {
  static final String ADMIN_EMAIL = "admin@aspnet.local";

  private final Logger log;
  private volatile Result state = Result.down("checking for the first account");

  @Activate
  public FirstAccount(ComponentContext context, @Reference(service = LoggerFactory.class) Logger log) {
    this.log = log;
    Thread worker = new Thread(() -> {
      try {
        // the installation's empty database is made without an account: each installation's
        // first start creates its own administrator, with its own password
        if (!Boolean.parseBoolean(context.getBundleContext().getProperty("aspnet.preparing"))) {
          create(context.locateService("authentication"), context.locateService("store"), context.locateService("audit"),
              context.locateService("ahead"));
        }
        state = Result.up();
      } catch (RuntimeException e) {
        state = Result.down("the first account could not be created: " + e.getMessage());
        log.error("The first account could not be created: {}", e.getMessage(), e);
        return;
      }
      try {
        // accounts of a release before security migration V11: the key their name is searched by
        int filled = ((SecurityStore) context.locateService("store")).fillNameKeys();
        if (filled > 0) {
          log.info("Gave {} accounts the key their name is searched by", filled);
        }
      } catch (RuntimeException e) {
        log.warn("Accounts made before this release are searched by their name as written, not folded: {}", e.getMessage());
      }
    }, "aspnet-first-account");
    worker.setDaemon(true);
    worker.start();
  }

  /** Whether {@code given} may be the first account's password: the rule every password follows. */
  static boolean acceptable(String given) {
    return given != null && !given.isBlank()
        && given.length() >= AccountsServlet.MIN_PASSWORD && given.length() <= AccountsServlet.MAX_PASSWORD;
  }

  private void create(Authentication authentication, SecurityStore store, AuditLog audit, FirstPasswordHash ahead) {
    if (store.anyAccount()) {
      return;
    }
    String given = System.getenv("ASPNET_ADMIN_PASSWORD");
    if (given != null && !given.isBlank() && !acceptable(given)) {
      // the rule every other password follows; a random one instead, printed below
      log.error("ASPNET_ADMIN_PASSWORD is refused: a password has {} to {} characters; {} gets a random one",
          AccountsServlet.MIN_PASSWORD, AccountsServlet.MAX_PASSWORD, ADMIN_EMAIL);
      given = null;
    }
    boolean random = given == null || given.isBlank();
    String password = random ? Tokens.newSecret("").substring(0, 20) : given;
    String early = random ? null : ahead.hashOf(password);
    String hash = early != null && !authentication.hasher().needsRehash(early) ? early : authentication.hasher().hash(password);
    try {
      store.database().inTransaction(c -> {
        String id = store.createAccount(c, ADMIN_EMAIL, "Administrator", "en", hash);
        store.addGrant(c, id, Grant.global(Role.PLATFORM_ADMIN), null);
        store.addGrant(c, id, Grant.global(Role.HQ_OFFICER), null);
        audit.record(c, Principal.system(), "account.create", "account", id, null, null,
            Map.of("email", ADMIN_EMAIL, "roles", "PLATFORM_ADMIN, HQ_OFFICER"));
        return id;
      });
    } catch (PersistenceException e) {
      if (!e.isDuplicateKey() || !store.anyAccount()) {
        throw e;
      }
      // another node of the cluster, started on the same empty database, made it first: theirs stands
      log.info("{} was created by another node sharing the database", ADMIN_EMAIL);
      return;
    }
    if (random) {
      // Printed once, to the console only: it is not stored anywhere in clear.
      System.out.println("ASPnet Platform: created " + ADMIN_EMAIL + " with password " + password
          + " (shown once; set ASPNET_ADMIN_PASSWORD to choose it)");
    } else {
      log.info("Created {} with the password from ASPNET_ADMIN_PASSWORD", ADMIN_EMAIL);
    }
  }

  @Override
  public String name() {
    return "accounts";
  }

  @Override
  public Result check() {
    return state;
  }
}
