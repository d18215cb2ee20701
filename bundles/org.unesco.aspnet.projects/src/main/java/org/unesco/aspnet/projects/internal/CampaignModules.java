package org.unesco.aspnet.projects.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.core.HealthCheck;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.projects.campaign.CampaignModule;

/**
 * The installed campaign modules, by key, and the one way to call them: on a worker thread, with
 * a time limit, every failure caught. A module that throws, hangs or is absent fails the request
 * of its own campaign with 503, and shows as DEGRADED in {@code GET /api/v1/health} for {@link
 * #FAILURE_MEMORY}; nothing else notices.
 */
@Component(service = {CampaignModules.class, HealthCheck.class})
public final class CampaignModules implements HealthCheck {
  static final String UNAVAILABLE = ProblemException.TYPE_BASE + "campaign-module-unavailable";
  static final Duration FAILURE_MEMORY = Duration.ofMinutes(10);

  private record Failure(Instant at, String what) {}

  private final Map<String, CampaignModule> modules = new ConcurrentHashMap<>();
  /** Every registered module with its key, to fall back on when the one in use leaves. */
  private final Map<CampaignModule, String> registered = new ConcurrentHashMap<>();
  private final Map<String, Failure> failures = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor workers;
  private final Logger log;

  @Activate
  public CampaignModules(@Reference(service = LoggerFactory.class) Logger log) {
    this.log = log;
    AtomicInteger n = new AtomicInteger();
    // A handful of threads: a module stuck in a loop holds one until it ends; beyond the limit a
    // call is refused (503) instead of queueing behind it.
    this.workers =
        new ThreadPoolExecutor(0, 16, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "aspnet-campaign-module-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** For tests: without a log service. */
  CampaignModules() {
    this(null);
  }

  @Deactivate
  void deactivate() {
    workers.shutdownNow();
  }

  @Reference(
      service = CampaignModule.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC)
  void addModule(CampaignModule module, Map<String, Object> properties) {
    String key = keyOf(properties);
    if (key == null) {
      warn("A campaign module without a " + CampaignModule.KEY_PROPERTY + " property is ignored: " + module);
      return;
    }
    if (!CampaignForm.MODULE_KEY.matcher(key).matches()) {
      // a campaign could never name it (CampaignForm): listed, it would be offered and refused
      warn("The campaign module " + module.getClass().getName() + " is ignored: its key must be lower-case letters, digits"
          + " and dashes (such as trash-hack), not '" + key + "'");
      return;
    }
    registered.put(module, key);
    CampaignModule previous = modules.put(key, module);
    failures.remove(key);
    if (previous != null && previous != module) {
      warn("Two campaign modules claim the key " + key + "; the last one registered is used");
    }
    if (log != null) { // said as a national profile's arrival is: an operator sees the plugin at work
      log.info("Campaign module {} available: {}", key, module.getClass().getName());
    }
  }

  void removeModule(CampaignModule module, Map<String, Object> properties) {
    String key = registered.remove(module);
    if (key != null && log != null) {
      log.info("Campaign module {} removed; its campaigns' data stays", key);
    }
    if (key != null && modules.remove(key, module)) {
      registered.forEach((other, otherKey) -> {
        if (otherKey.equals(key)) {
          modules.putIfAbsent(key, other);
        }
      });
    }
  }

  private static String keyOf(Map<String, Object> properties) {
    Object key = properties.get(CampaignModule.KEY_PROPERTY);
    return key instanceof String s && !s.isBlank() ? s : null;
  }

  boolean installed(String key) {
    return key != null && modules.containsKey(key);
  }

  List<String> keys() {
    return new ArrayList<>(modules.keySet());
  }

  Optional<CampaignModule> module(String key) {
    return Optional.ofNullable(key == null ? null : modules.get(key));
  }

  /**
   * Calls {@code call} on the module {@code key} within {@code limit}.
   *
   * @throws ProblemException 503 when the module is absent, throws, or takes too long
   */
  <T> T call(String key, String what, Duration limit, Function<CampaignModule, T> call) {
    CampaignModule module = modules.get(key);
    if (module == null) {
      throw unavailable(key, "The campaign module " + key + " is not installed; this campaign is"
          + " read-only until it returns (its data is kept)");
    }
    Future<T> future;
    try {
      future = workers.submit(() -> call.apply(module));
    } catch (RejectedExecutionException busy) {
      throw failed(key, what, "too many calls are waiting for campaign modules", null);
    }
    try {
      return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      future.cancel(true);
      throw failed(key, what, "no answer within " + limit.toMillis() + " ms", null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ProblemException p) {
        return rethrow(p);
      }
      throw failed(key, what, String.valueOf(cause), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw failed(key, what, "interrupted", null);
    }
  }

  private static <T> T rethrow(ProblemException p) {
    throw p;
  }

  private ProblemException failed(String key, String what, String why, Throwable cause) {
    failures.put(key, new Failure(Instant.now(), what + ": " + why));
    String message = "Campaign module " + key + " failed in " + what + ": " + why;
    if (log != null) {
      if (cause != null) {
        log.error(message, cause);
      } else {
        log.error(message);
      }
    }
    return unavailable(key, "The campaign module " + key + " failed; this campaign's " + what
        + " is unavailable for now, the rest of the platform is not affected");
  }

  static ProblemException unavailable(String key, String detail) {
    return new ProblemException(503, UNAVAILABLE, "Campaign module unavailable", detail,
        List.of(), Map.of("module", key));
  }

  private void warn(String message) {
    if (log != null) {
      log.warn(message);
    }
  }

  @Override
  public String name() {
    return "campaign-modules";
  }

  @Override
  public Result check() {
    Instant since = Instant.now().minus(FAILURE_MEMORY);
    failures.values().removeIf(f -> f.at().isBefore(since));
    if (failures.isEmpty()) {
      return Result.up();
    }
    List<String> lines = new ArrayList<>();
    failures.forEach((key, f) -> lines.add(key + " (" + f.what() + " at " + f.at() + ")"));
    return Result.degraded("Campaign modules failing in the last " + FAILURE_MEMORY.toMinutes()
        + " minutes: " + String.join("; ", lines));
  }
}
