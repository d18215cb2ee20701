package org.unesco.aspnet.demo.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.demo.internal.DemoSchools.DemoSchool;
import org.unesco.aspnet.membership.MembershipService;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.security.Accounts;

/**
 * Loads the demo data set when the environment variable {@code ASPNET_DEMO} is {@code true} and
 * the school directory holds nothing but demo schools, on a thread of its own so that start-up is
 * not held up. A load cut short by a restart of the services it uses is finished by the next
 * activation; a directory with any other school is left alone. A failure is logged and leaves the
 * platform running.
 */
@Component(
    immediate = true,
    // Looked up only when the demo is on: without ASPNET_DEMO, start-up touches no other service.
    reference = {
      @Reference(name = "memberships", service = MembershipService.class),
      @Reference(name = "schools", service = SchoolService.class),
      @Reference(name = "accounts", service = Accounts.class),
      @Reference(name = "countries", service = CountryService.class),
      @Reference(name = "reports", service = org.unesco.aspnet.membership.AnnualReportService.class),
      @Reference(name = "database", service = org.unesco.aspnet.persistence.Database.class)
    })
public class DemoData {
  static final String ENABLED = "ASPNET_DEMO";
  static final String PASSWORD = "ASPNET_DEMO_PASSWORD";
  /** How long the demo waits for the national profiles its schools need. */
  static final int PROFILE_WAIT_SECONDS = 60;

  private final Logger log;
  private final ComponentContext context;
  private volatile boolean stopped;

  @Activate
  public DemoData(ComponentContext context, @Reference(service = LoggerFactory.class) Logger log) {
    this.log = log;
    this.context = context;
    if (!enabled()) {
      log.debug("Demo data off ({} is not true)", ENABLED);
      return;
    }
    SCHOOL_IDS.updateAndGet(ids -> ids.isCompletedExceptionally() ? new CompletableFuture<>() : ids); // tried again
    context.enableComponent(DemoHealth.class.getName());
    inBackground("aspnet-demo-data", this::run);
  }

  /** The demo schools' ids, complete once the load is over ({@link #SCHOOL_IDS}). */
  static CompletableFuture<List<Long>> schools() {
    return SCHOOL_IDS.get();
  }

  /** Whether {@code ASPNET_DEMO} asks for the demo network. */
  static boolean enabled() {
    String enabled = System.getenv(ENABLED);
    return enabled != null && enabled.strip().equalsIgnoreCase("true");
  }

  /** Runs a loader on a daemon thread of its own, so that start-up is not held up. */
  static void inBackground(String name, Runnable loader) {
    Thread worker = new Thread(loader, name);
    worker.setDaemon(true);
    worker.start();
  }

  /** How long the demo's campaigns and partnerships wait for the demo schools. */
  static final long SCHOOLS_WAIT_MILLIS = 10 * 60_000L;

  /**
   * The ids of the demo schools in the demo's order, once the load is over; the campaigns and
   * partnerships wait for it rather than guess ids. Empty when the directory is not the demo's;
   * failed when the load failed (logged). Static: it outlives a restart of this component, whose
   * next activation finishes the load; a failed one is replaced then (the class, and this field,
   * outlive a stop and start of the bundle too), and waiters read it again each second.
   */
  private static final java.util.concurrent.atomic.AtomicReference<CompletableFuture<List<Long>>> SCHOOL_IDS =
      new java.util.concurrent.atomic.AtomicReference<>(new CompletableFuture<>());

  /**
   * The demo schools' ids once they are all in: empty when {@code stopped} says so, when the
   * directory is not the demo's, when the load failed or after {@link #SCHOOLS_WAIT_MILLIS}, each
   * but the first logged as "Demo {what} not loaded".
   */
  static Optional<List<Long>> awaitSchools(java.util.function.BooleanSupplier stopped, Logger log, String what)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + SCHOOLS_WAIT_MILLIS;
    while (!stopped.getAsBoolean()) {
      try {
        List<Long> ids = SCHOOL_IDS.get().get(1, TimeUnit.SECONDS);
        if (ids.isEmpty()) {
          log.info("Demo {} not loaded: the directory holds schools the demo did not write", what);
          return Optional.empty();
        }
        return Optional.of(ids);
      } catch (ExecutionException failed) {
        log.warn("Demo {} not loaded: the demo schools could not be loaded", what);
        return Optional.empty();
      } catch (TimeoutException notYet) {
        if (System.currentTimeMillis() > deadline) {
          log.warn("Demo {} not loaded: the demo schools were not all in after {} minutes", what, SCHOOLS_WAIT_MILLIS / 60_000);
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  @Deactivate
  void deactivate() {
    stopped = true;
  }

  private void run() {
    try {
      for (int waited = 0; ; waited++) {
        try {
          load();
          return;
        } catch (ProblemException e) {
          if (stopped || !profileNotActiveYet(e) || waited >= PROFILE_WAIT_SECONDS) {
            throw e;
          }
          if (waited == 0) {
            log.info("Demo data waits for a national profile that is still starting ({})", e.errors().get(0).field());
          }
          Thread.sleep(1000); // what is written stays: the next pass carries on from there
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (stopped) {
        // The services went away under the load (a restart of the component): the next one finishes it.
        log.info("Demo data interrupted by a restart of its services: {}", e.getMessage());
      } else {
        log.error("Demo data could not be loaded: {}", e.getMessage(), e);
        SCHOOL_IDS.get().completeExceptionally(e);
      }
    }
  }

  /**
   * Whether a school was refused only for national fields that no active profile defines: the
   * profiles are plugins, which FileInstall may start after this loader.
   */
  static boolean profileNotActiveYet(ProblemException e) {
    return e.status() == 400 && !e.errors().isEmpty()
        && e.errors().stream().allMatch(error -> error.field().startsWith("fields."));
  }

  private void load() {
    DemoLoader loader = new DemoLoader(
        context.locateService("memberships"), context.locateService("schools"),
        context.locateService("accounts"), System.getenv(PASSWORD),
        new DemoHistory(context.locateService("database"), context.locateService("reports"), java.time.Clock.systemUTC()));
    List<DemoSchool> demo = DemoSchools.generate(DemoSchools.SEED);
    Optional<Map<String, School>> present = loader.present(demo);
    if (present.isEmpty()) {
      log.info("Demo data not loaded: the directory holds schools the demo did not write");
      SCHOOL_IDS.get().complete(List.of());
      return;
    }
    long start = System.nanoTime();
    DemoLoader.Result result = loader.load(demo, present.get(), () -> stopped);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    if (!result.complete()) {
      // The next activation (this component restarts with the services it uses) finishes it.
      log.info("Demo data stopped after {} schools in {} ms (component deactivated)", result.schools(), millis);
      return;
    }
    SCHOOL_IDS.get().complete(result.schoolIds());
    if (result.written() == 0) {
      DemoNetworks.load(context.locateService("countries")); // in case the first load stopped before them
      log.info("Demo data already in place: {} schools", result.schools());
    } else {
      DemoNetworks.load(context.locateService("countries"));
      log.info(
          "Demo data loaded: {} schools in {} countries ({} writes, {} already there), {} accounts in {} ms",
          result.schools(),
          DemoCountries.ALL.size(),
          result.written(),
          present.get().size(),
          result.accounts(),
          millis);
    }
  }
}
