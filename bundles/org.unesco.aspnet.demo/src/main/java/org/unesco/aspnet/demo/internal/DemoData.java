package org.unesco.aspnet.demo.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.demo.internal.DemoSchools.DemoSchool;
import org.unesco.aspnet.membership.MembershipService;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.security.Accounts;

/**
 * Loads the demo data set when the environment variable {@code ASPNET_DEMO} is {@code true} and
 * the school directory is empty, on a thread of its own so that start-up is not held up. A failure
 * is logged and leaves the platform running.
 */
@Component(
    immediate = true,
    // Looked up only when the demo is on: without ASPNET_DEMO, start-up touches no other service.
    reference = {
      @Reference(name = "memberships", service = MembershipService.class),
      @Reference(name = "schools", service = SchoolService.class),
      @Reference(name = "accounts", service = Accounts.class),
      @Reference(name = "countries", service = CountryService.class)
    })
public class DemoData {
  static final String ENABLED = "ASPNET_DEMO";
  static final String PASSWORD = "ASPNET_DEMO_PASSWORD";

  private final Logger log;
  private final ComponentContext context;
  private volatile boolean stopped;

  @Activate
  public DemoData(ComponentContext context, @Reference(service = LoggerFactory.class) Logger log) {
    this.log = log;
    this.context = context;
    String enabled = System.getenv(ENABLED);
    if (enabled == null || !enabled.strip().equalsIgnoreCase("true")) {
      log.debug("Demo data off ({} is not true)", ENABLED);
      return;
    }
    Thread worker = new Thread(this::run, "aspnet-demo-data");
    worker.setDaemon(true);
    worker.start();
  }

  @Deactivate
  void deactivate() {
    stopped = true;
  }

  private void run() {
    try {
      DemoLoader loader = new DemoLoader(
          context.locateService("memberships"), context.locateService("schools"),
          context.locateService("accounts"), System.getenv(PASSWORD));
      if (!loader.directoryEmpty()) {
        log.info("Demo data not loaded: the school directory is not empty");
        return;
      }
      long start = System.nanoTime();
      List<DemoSchool> demo = DemoSchools.generate(DemoSchools.SEED);
      DemoLoader.Result result = loader.load(demo, () -> stopped);
      if (result.complete()) {
        DemoNetworks.load(context.locateService("countries"));
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (result.complete()) {
        log.info(
            "Demo data loaded: {} schools in {} countries, {} accounts in {} ms",
            result.schools(),
            DemoCountries.ALL.size(),
            result.accounts(),
            millis);
      } else {
        log.warn("Demo data stopped after {} schools in {} ms (component deactivated)", result.schools(), millis);
      }
    } catch (RuntimeException e) {
      log.error("Demo data could not be loaded: {}", e.getMessage(), e);
    }
  }
}
