package org.unesco.aspnet.web.internal;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.Json;

/**
 * While the platform starts, answers every request with 503 and {@code Retry-After} until health
 * is first UP (or {@code startGateSeconds} have passed); {@code GET /api/v1/health} gets the
 * health document itself (503, with what is still missing). Jetty listens before the whiteboard
 * has taken up the endpoints and filters, one after the other; without the gate a client got
 * Jetty's plain 404 for an endpoint a moment away, and an endpoint could answer before the
 * security filter that guards it was in place. The gate is a whiteboard {@link Preprocessor}
 * (taken up before any filter or servlet) of the web bundle, which starts before Jetty (start
 * level 2), so it is in place from the first request the whiteboard dispatches. (Felix HTTP opens
 * the port a few milliseconds before it takes up the whiteboard; a request in that moment gets
 * Jetty's own HTML 404, which nothing here can answer.) Once open it is unregistered: it costs a
 * running platform nothing.
 */
@Component
public final class StartGate {
  static final String HEALTH_PATH = "/api/v1/health";
  static final int RETRY_AFTER_SECONDS = 1;

  private final Logger log;
  private final PlatformHealth health;
  private final long deadlineNanos;
  private static final long RECHECK_NANOS = 100_000_000L;
  private volatile boolean open;
  private volatile PlatformHealth.Snapshot lastDown;
  private ServiceRegistration<Preprocessor> registration;

  @Activate
  public StartGate(
      BundleContext context,
      @Reference PlatformHealth health,
      @Reference(service = LoggerFactory.class) Logger log) {
    this.log = log;
    this.health = health;
    int seconds = health.startGateSeconds();
    this.deadlineNanos = System.nanoTime() + seconds * 1_000_000_000L;
    if (seconds == 0) {
      open = true;
      return;
    }
    registration = context.registerService(Preprocessor.class, new GateFilter(), new Hashtable<>());
    health.firstUp().thenRun(() -> open("the platform is UP"));
  }

  @Deactivate
  synchronized void deactivate() {
    open = true;
    unregister();
  }

  /** Lets every request through from now on and takes the filter away, off the request thread. */
  private void open(String why) {
    if (open) {
      return;
    }
    open = true;
    log.info("Serving every request: {}", why);
    CompletableFuture.runAsync(this::unregister);
  }

  private synchronized void unregister() {
    if (registration != null) {
      try {
        registration.unregister();
      } catch (IllegalStateException alreadyGone) {
        // the bundle is stopping: the framework took it away
      }
      registration = null;
    }
  }

  /**
   * The health while the gate holds requests; null once they go through. A DOWN health is reused
   * for {@link #RECHECK_NANOS} for requests other than health's own: a page's assets, its reloads
   * and clients retrying would otherwise each rebuild it, taking CPU from the start they wait for.
   */
  PlatformHealth.Snapshot holding(boolean fresh) {
    if (open) {
      return null;
    }
    PlatformHealth.Snapshot last = lastDown;
    PlatformHealth.Snapshot now = !fresh && last != null && System.nanoTime() - last.builtAt() < RECHECK_NANOS
        ? last : health.current();
    if (now.up()) {
      open("the platform is UP");
      return null;
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      open("not UP after " + health.startGateSeconds() + " s (see GET " + HEALTH_PATH
          + "); serving what has started");
      return null;
    }
    lastDown = now;
    return now;
  }

  private final class GateFilter implements Preprocessor {
    @Override
    public void init(FilterConfig config) {
      // nothing to set up
    }

    @Override
    public void destroy() {
      // nothing to let go
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest request = (HttpServletRequest) req;
      PlatformHealth.Snapshot health = holding(HEALTH_PATH.equals(request.getRequestURI()));
      if (health == null) {
        chain.doFilter(req, res);
        return;
      }
      HttpServletResponse response = (HttpServletResponse) res;
      // A preprocessor runs before RequestGuardFilter: these answers carry locked-down headers of
      // their own (no script, no style, no frame).
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("X-Frame-Options", "DENY");
      response.setHeader("Referrer-Policy", "no-referrer");
      response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
      response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
      response.setHeader("Cache-Control", "no-store");
      String path = request.getRequestURI();
      if (HEALTH_PATH.equals(path)) {
        response.setStatus(health.status());
        response.setContentType(Json.MEDIA_TYPE);
        // before authentication: the statuses only, as anybody gets them
        response.setContentLength(health.publicBody().length);
        response.getOutputStream().write(health.publicBody());
        return;
      }
      if (path.startsWith("/api/")) {
        Json.writeProblem(request, response, new ProblemException(503, ProblemException.TYPE_BASE + "starting",
            "The platform is starting",
            "Try again in a moment; GET " + HEALTH_PATH + " says which parts are still starting.",
            java.util.List.of(), Map.of("retryAfter", RETRY_AFTER_SECONDS)));
        return;
      }
      // a page of the UI: a person is waiting, in one of the UI's languages; the page reloads itself
      byte[] page = ("<!doctype html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"2\">"
          + "<meta name=\"viewport\" content=\"width=device-width\"><title>ASPnet</title></head><body>"
          + "<p lang=\"en\">ASPnet is starting: this page reloads in a moment.</p>"
          + "<p lang=\"fr\">ASPnet démarre : cette page se recharge dans un instant.</p>"
          + "<p lang=\"es\">ASPnet se está iniciando: esta página se recargará en un momento.</p>"
          + "<p lang=\"de\">ASPnet startet: diese Seite lädt gleich neu.</p></body></html>")
          .getBytes(StandardCharsets.UTF_8);
      response.setStatus(503);
      response.setContentType("text/html;charset=utf-8");
      response.setContentLength(page.length);
      response.getOutputStream().write(page);
    }
  }
}
