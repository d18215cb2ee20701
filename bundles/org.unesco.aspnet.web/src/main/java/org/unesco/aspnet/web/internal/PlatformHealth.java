package org.unesco.aspnet.web.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.DTOConstants;
import org.osgi.service.servlet.runtime.dto.ErrorPageDTO;
import org.osgi.service.servlet.runtime.dto.FailedFilterDTO;
import org.osgi.service.servlet.runtime.dto.FailedServletDTO;
import org.osgi.service.servlet.runtime.dto.FilterDTO;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;
import org.osgi.service.servlet.runtime.dto.ServletDTO;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.unesco.aspnet.core.HealthCheck;
import org.unesco.aspnet.core.HealthCheck.Result;
import org.unesco.aspnet.core.HealthCheck.Status;
import org.unesco.aspnet.web.Json;

/**
 * Whether the platform is UP: every required component active, every servlet of the
 * installation's own bundles registered, and every registered {@link HealthCheck} UP or DEGRADED.
 * {@code GET /api/v1/health} ({@link HealthServlet}) shows it; {@link StartGateFilter} holds other
 * requests until it is first UP. Load balancers poll it often, so the document is rebuilt at most
 * every {@link #MAX_AGE_NANOS} while it is UP.
 */
@Component(service = PlatformHealth.class, configurationPid = "org.unesco.aspnet.health")
@Designate(ocd = PlatformHealth.Config.class)
public final class PlatformHealth {
  // Building it asks the component runtime and every bundle, about 3 ms of CPU: four times a second
  // was 1 % of the CPU of a load balancer's steady polling.
  private static final long MAX_AGE_NANOS = 1_000_000_000L;

  @ObjectClassDefinition(
      name = "ASPnet health",
      description = "What must be running for GET /api/v1/health to answer UP")
  public @interface Config {
    @AttributeDefinition(
        description =
            "Declarative Services components (by name) that must be active or ready;"
                + " a missing one makes health DOWN")
    String[] requiredComponents() default {
      "org.unesco.aspnet.persistence.internal.DatabaseService",
      "org.unesco.aspnet.web.internal.RequestGuardFilter",
      "org.unesco.aspnet.web.internal.ErrorPageServlet",
      "org.unesco.aspnet.logging.internal.ConsoleLogWriter",
      "org.unesco.aspnet.security.internal.Authentication",
      "org.unesco.aspnet.security.internal.FirstAccount",
      "org.unesco.aspnet.security.internal.AuthenticationFilter",
      "org.unesco.aspnet.membership.internal.MembershipLifecycle",
      "org.unesco.aspnet.membership.internal.SchoolDirectory",
      "org.unesco.aspnet.projects.internal.CampaignStore"
    };

    @AttributeDefinition(
        description =
            "Also require every servlet of the installation's own bundles (not those in plugins/),"
                + " reported as 'endpoints': UP then means that every endpoint is served")
    boolean requireEndpoints() default true;

    @AttributeDefinition(
        description =
            "At start, how long at most (seconds) every other request waits for UP: until then it is"
                + " answered 503 with Retry-After. 0 lets requests through from the first moment")
    int startGateSeconds() default 30;
  }

  /**
   * The health document as last built: its HTTP status (200 or 503) and JSON bytes, in full (with
   * each component's detail, for platform administrators) and as anyone may read it (the statuses
   * alone: a detail can quote a failure's stack trace).
   */
  record Snapshot(long builtAt, int status, byte[] body, byte[] publicBody) {
    boolean up() {
      return status == 200;
    }
  }

  private final ServiceComponentRuntime scr;
  private final BundleContext context;
  private final Collection<HealthCheck> checks = new CopyOnWriteArrayList<>();
  private volatile List<String> required;
  private volatile boolean requireEndpoints;
  private volatile int startGateSeconds;
  private volatile Snapshot snapshot;
  private final java.util.concurrent.CompletableFuture<Void> firstUp = new java.util.concurrent.CompletableFuture<>();

  private final org.unesco.aspnet.core.ConfigValues values;

  @Activate
  public PlatformHealth(
      @Reference ServiceComponentRuntime scr, BundleContext context, Config config, Map<String, Object> properties,
      @Reference(service = org.osgi.service.log.LoggerFactory.class) org.osgi.service.log.Logger log) {
    this.scr = scr;
    this.context = context;
    this.values = new org.unesco.aspnet.core.ConfigValues("org.unesco.aspnet.health", log::warn);
    requireEndpoints = true;
    modified(config, properties);
  }

  @Modified
  void modified(Config config, Map<String, Object> properties) {
    required = List.of(config.requiredComponents());
    // DS reads anything but "true" as false: "maybe" would quietly drop the endpoints check.
    Object raw = properties.getOrDefault("requireEndpoints", Boolean.TRUE);
    requireEndpoints = values.get("requireEndpoints", () -> org.unesco.aspnet.core.ConfigValues.trueOrFalse(raw), b -> true, "true or false", requireEndpoints);
    startGateSeconds = Math.max(0, config.startGateSeconds());
    snapshot = null;
  }

  /** Felix HTTP's runtime: which servlets the whiteboard serves. */
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
  private volatile HttpServiceRuntime whiteboard;

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addCheck(HealthCheck check) {
    checks.add(check);
    snapshot = null;
  }

  void removeCheck(HealthCheck check) {
    checks.remove(check);
    snapshot = null;
  }

  /** The health now; a healthy answer is reused for {@link #MAX_AGE_NANOS}. */
  Snapshot current() {
    Snapshot s = snapshot;
    if (s == null || System.nanoTime() - s.builtAt() > MAX_AGE_NANOS) {
      s = build();
      // Only a healthy answer is reused: a recovering platform must say UP as soon as it is.
      snapshot = s.up() ? s : null;
      if (s.up()) {
        firstUp.complete(null);
      }
    }
    return s;
  }

  /** Completes the first time the platform is found UP (by a request that asked). */
  java.util.concurrent.CompletionStage<Void> firstUp() {
    return firstUp;
  }

  /** Seconds that requests wait for the first UP at start (0: they never wait). */
  int startGateSeconds() {
    return startGateSeconds;
  }

  private Snapshot build() {
    Map<String, Map<String, Object>> components = new LinkedHashMap<>();
    Status overall = Status.UP;
    for (String name : required) {
      Result r = componentState(name);
      components.put(name, describe(r));
      overall = worse(overall, r.status());
    }
    if (requireEndpoints) {
      Result r = endpoints();
      components.put("endpoints", describe(r));
      overall = worse(overall, r.status());
    }
    for (HealthCheck check : checks) {
      Result r;
      try {
        r = check.check();
      } catch (RuntimeException e) {
        r = Result.down("the check failed: " + e);
      }
      components.put(check.name(), describe(r));
      overall = worse(overall, r.status());
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("status", overall.name());
    doc.put("components", components);
    Map<String, Object> statuses = new LinkedHashMap<>();
    components.forEach((name, c) -> statuses.put(name, Map.of("status", c.get("status"))));
    Map<String, Object> publicDoc = new LinkedHashMap<>();
    publicDoc.put("status", overall.name());
    publicDoc.put("components", statuses);
    try {
      return new Snapshot(System.nanoTime(), overall == Status.DOWN ? 503 : 200, Json.MAPPER.writeValueAsBytes(doc),
          Json.MAPPER.writeValueAsBytes(publicDoc));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }

  private static Map<String, Object> describe(Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", r.status().name());
    if (r.detail() != null) {
      m.put("detail", r.detail());
    }
    return m;
  }

  private static Status worse(Status a, Status b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  /**
   * Every servlet component of the installation's own bundles registered (active, or satisfied:
   * its service is registered and the whiteboard serves it). Without this, health could say UP in
   * the moment between the required components and the last servlets' registration, and a client
   * that waited for UP got a 404 from an endpoint that was a few milliseconds away. A core bundle
   * that is not active counts as waiting. Plugins are left out: a failing plugin never takes the
   * core down.
   */
  private Result endpoints() {
    String plugins = context.getProperty("aspnet.plugins.dir");
    List<String> waiting = new java.util.ArrayList<>();
    for (Bundle bundle : context.getBundles()) {
      if (!ownBundle(bundle, plugins)) {
        continue;
      }
      String name = bundle.getSymbolicName();
      if (bundle.getState() != Bundle.ACTIVE) {
        waiting.add(name); // not started yet (or stopped): its servlets are not even described
        continue;
      }
      for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle)) {
        if (!d.defaultEnabled || !java.util.Arrays.asList(d.serviceInterfaces).contains(Servlet.class.getName())) {
          continue;
        }
        if (!ready(scr.getComponentConfigurationDTOs(d))) {
          waiting.add(d.name.substring(d.name.lastIndexOf('.') + 1));
        }
      }
    }
    if (!waiting.isEmpty()) {
      return Result.down("waiting for " + String.join(", ", waiting));
    }
    return servedByTheWhiteboard(plugins);
  }

  /**
   * Every servlet and filter service of the installation's own bundles taken up by the HTTP
   * whiteboard. SCR registers a servlet's service before the whiteboard serves it: at start the
   * whiteboard takes up some forty servlets one after the other, and until it reaches one, its path
   * is a 404. One the whiteboard refused is named with the reason, since it will not come by
   * waiting.
   */
  private Result servedByTheWhiteboard(String plugins) {
    HttpServiceRuntime runtime = whiteboard;
    if (runtime == null) {
      return Result.down("waiting for the HTTP whiteboard");
    }
    java.util.Set<Long> served = new java.util.HashSet<>();
    Map<Long, Integer> refused = new java.util.HashMap<>();
    RuntimeDTO dto = runtime.getRuntimeDTO();
    for (FailedServletDTO failed : dto.failedServletDTOs) {
      if (failed.failureReason == DTOConstants.FAILURE_REASON_SHADOWED_BY_OTHER_SERVICE) {
        served.add(failed.serviceId); // meant to be: ShellServlet until the UI's page takes "/"
      } else {
        refused.put(failed.serviceId, failed.failureReason);
      }
    }
    for (FailedFilterDTO failed : dto.failedFilterDTOs) {
      refused.put(failed.serviceId, failed.failureReason);
    }
    for (ServletContextDTO context : dto.servletContextDTOs) {
      for (ServletDTO servlet : context.servletDTOs) {
        served.add(servlet.serviceId);
      }
      for (ErrorPageDTO page : context.errorPageDTOs) {
        served.add(page.serviceId);
      }
      for (FilterDTO filter : context.filterDTOs) {
        served.add(filter.serviceId);
      }
    }
    List<String> waiting = new java.util.ArrayList<>();
    List<String> failed = new java.util.ArrayList<>();
    for (Bundle bundle : context.getBundles()) {
      if (!ownBundle(bundle, plugins) || bundle.getState() != Bundle.ACTIVE) {
        continue;
      }
      ServiceReference<?>[] services = bundle.getRegisteredServices();
      for (ServiceReference<?> ref : services == null ? new ServiceReference<?>[0] : services) {
        List<String> types = java.util.Arrays.asList((String[]) ref.getProperty(Constants.OBJECTCLASS));
        Long id = (Long) ref.getProperty(Constants.SERVICE_ID);
        if ((!types.contains(Servlet.class.getName()) && !types.contains(Filter.class.getName())) || served.contains(id)) {
          continue;
        }
        Object component = ref.getProperty("component.name");
        String name = component == null ? bundle.getSymbolicName()
            : component.toString().substring(component.toString().lastIndexOf('.') + 1);
        if (refused.containsKey(id)) {
          failed.add(name + " (whiteboard failure reason " + refused.get(id) + ")");
        } else {
          waiting.add(name);
        }
      }
    }
    if (!failed.isEmpty()) {
      return Result.down("refused by the HTTP whiteboard: " + String.join(", ", failed)
          + (waiting.isEmpty() ? "" : "; not yet served: " + String.join(", ", waiting)));
    }
    return waiting.isEmpty() ? Result.up() : Result.down("not yet served: " + String.join(", ", waiting));
  }

  /** A bundle of the installation itself: not a plugin, not a fragment. */
  private static boolean ownBundle(Bundle bundle, String plugins) {
    String name = bundle.getSymbolicName();
    return name != null && name.startsWith("org.unesco.aspnet.")
        && (plugins == null || !bundle.getLocation().contains(plugins))
        && bundle.getHeaders("").get(Constants.FRAGMENT_HOST) == null;
  }

  /** Active, or satisfied (its service registered, activated on first use). */
  private static boolean ready(Collection<ComponentConfigurationDTO> configs) {
    return configs.stream().anyMatch(
        c -> c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED);
  }

  /** Active or satisfied (ready to activate on first use) counts as UP. */
  private Result componentState(String name) {
    for (Bundle bundle : context.getBundles()) {
      ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(bundle, name);
      if (description == null) {
        continue;
      }
      Collection<ComponentConfigurationDTO> configs = scr.getComponentConfigurationDTOs(description);
      if (ready(configs)) {
        return Result.up();
      }
      for (ComponentConfigurationDTO c : configs) {
        if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
          return Result.down("activation failed: " + c.failure);
        }
        if (c.unsatisfiedReferences.length > 0) {
          StringBuilder missing = new StringBuilder("waiting for ");
          for (UnsatisfiedReferenceDTO ref : c.unsatisfiedReferences) {
            missing.append(ref.name).append(' ');
          }
          return Result.down(missing.toString().strip());
        }
      }
      return Result.down(configs.isEmpty() ? "disabled or waiting for configuration" : "not active");
    }
    return Result.down("not installed");
  }
}
