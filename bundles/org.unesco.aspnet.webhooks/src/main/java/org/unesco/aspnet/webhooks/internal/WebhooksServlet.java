package org.unesco.aspnet.webhooks.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.PlainText;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code /api/v1/webhooks}: subscriptions to the platform's events, for those who read a
 * country's directory (its NCs, HQ). Each one and its deliveries are seen, tried and removed by
 * whoever reads its country (every country's: HQ), so that a country's NCs and HQ see where its
 * events go; its secret is shown once, when it is made.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/webhooks", "/api/v1/webhooks/*"})
@OpenApiFragment("openapi/webhooks.json")
public final class WebhooksServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  static final int DESCRIPTION_MAX = 200;
  static final int DELIVERIES_SHOWN = 50;
  /** Webhooks per country (and of every country): a country's news goes to a few systems, not to a crowd. */
  static final int MAX_PER_COUNTRY = 10;
  /** Seconds between two tests of one webhook. */
  static final long PING_GAP_SECONDS = 15;
  /** Set by the security bundle's authentication filter on a request made with an API token. */
  private static final String API_TOKEN_ATTRIBUTE = "aspnet.apiToken";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The body of a subscription. */
  public record Subscribe(String url, String country, List<String> events, String description) {}

  private final transient Webhooks webhooks;
  private final transient CountryService countries;
  private final transient AuditLog audit;

  @Activate
  public WebhooksServlet(@Reference Webhooks webhooks, @Reference CountryService countries, @Reference AuditLog audit) {
    this.webhooks = webhooks;
    this.countries = countries;
    this.audit = audit;
  }

  @Override
  protected Set<String> methodsAt(HttpServletRequest request) {
    List<String> path = pathSegments(request);
    if (path.isEmpty()) {
      return Set.of("GET", "POST");
    }
    if (path.size() == 1) {
      return Set.of("GET", "DELETE");
    }
    if (path.size() == 2 && path.get(1).equals("deliveries")) {
      return Set.of("GET");
    }
    return path.size() == 2 && path.get(1).equals("ping") ? Set.of("POST") : Set.of();
  }

  private static Principal signedIn(HttpServletRequest request) {
    Principal p = principal(request);
    if (p.isAnonymous()) {
      throw ProblemException.unauthorized("Sign in to see the webhooks of your country");
    }
    return p;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = signedIn(request);
    List<String> path = pathSegments(request);
    Json.privateToReader(response);
    if (path.isEmpty()) {
      onlyParameters(request, Set.of(), "");
      List<Map<String, Object>> items = webhooks.database().read(WebhookStore::all).stream()
          .filter(s -> webhooks.reads(me, s.country())).map(s -> json(s, false)).toList();
      Json.writePage(response, items, null);
      return;
    }
    // the latest DELIVERIES_SHOWN come whole: a limit or cursor would be ignored, passing one page off as asked for
    onlyParameters(request, Set.of(), path.size() == 1 ? "" : "; the latest " + DELIVERIES_SHOWN + " come, newest first");
    WebhookStore.Subscription s = seen(me, path.get(0));
    if (path.size() == 1) {
      Json.write(response, 200, json(s, false));
      return;
    }
    List<Map<String, Object>> lines = webhooks.database().read(c -> WebhookStore.latest(c, s.id(), DELIVERIES_SHOWN)).stream()
        .map(Webhooks::json).toList();
    Json.writePage(response, lines, null);
  }

  /** The subscription of {@code segment} when {@code me} reads its country; 404 otherwise, as for an unknown id. */
  private WebhookStore.Subscription seen(Principal me, String segment) {
    long id = pathId(segment, "webhook");
    return webhooks.database().read(c -> WebhookStore.subscription(c, id)).filter(s -> webhooks.reads(me, s.country()))
        .orElseThrow(() -> ProblemException.notFound("There is no webhook " + segment + " that you look after"));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = signedIn(request);
    List<String> path = pathSegments(request);
    if (!path.isEmpty()) {
      WebhookStore.Subscription s = seen(me, path.get(0));
      long delivery = webhooks.database().inTransaction(c -> {
        WebhookStore.hold(c, s.id()); // two tests asked at once: one after the other
        Instant now = Instant.now();
        Optional<Instant> last = WebhookStore.lastPing(c, s.id());
        long since = Math.max(0, last.map(t -> java.time.Duration.between(t, now).toSeconds()).orElse(PING_GAP_SECONDS));
        if (since < PING_GAP_SECONDS) {
          // one test every 15 s at most: pings must not crowd out the countries' events
          throw new ProblemException(429, ProblemException.TYPE_BASE + "too-many-attempts", "Too many attempts",
              "A test of this webhook was asked for a moment ago; see its deliveries", List.of(),
              Map.of("retryAfter", PING_GAP_SECONDS - since));
        }
        WebhookStore.replacePings(c, s.id(), now); // an older test still waiting (its receiver was down) gives way
        return webhooks.ping(c, s);
      });
      Json.write(response, 202, Map.of("deliveryId", delivery, "event", Events.PING));
      return;
    }
    if (request.getAttribute(API_TOKEN_ATTRIBUTE) != null) {
      // a webhook sends a country's news away for good: a leaked sync token must not set one up
      throw ProblemException.forbidden("An API token cannot make a webhook: sign in to do it");
    }
    Subscribe body = Json.read(request, Subscribe.class, rest -> require(errors(rest)));
    require(errors(body));
    String country = body.country() == null || body.country().isBlank() ? null : body.country().strip().toUpperCase(Locale.ROOT);
    if (!webhooks.reads(me, country)) {
      throw ProblemException.forbidden(country == null
          ? "Only UNESCO HQ may have the events of every country: give your country"
          : "Your roles do not allow reading the directory of " + country);
    }
    List<String> events = body.events() == null || body.events().isEmpty() ? Webhooks.EVENTS
        : body.events().stream().distinct().toList();
    String secret = "whsec_" + secret();
    String url = body.url().strip();
    String description = body.description() == null || body.description().isBlank() ? null : body.description().strip();
    WebhookStore.Subscription made = webhooks.database().inTransaction(c -> {
      if (WebhookStore.count(c, country) >= MAX_PER_COUNTRY) {
        throw ProblemException.conflict((country == null ? "Every country's events go" : country + "'s events go") + " to "
            + MAX_PER_COUNTRY + " webhooks already: remove one first");
      }
      long id = WebhookStore.subscribe(c, me.accountId(), country, url, secret, events, description, Instant.now());
      Map<String, Object> after = new LinkedHashMap<>();
      after.put("url", url);
      after.put("country", country);
      after.put("events", events);
      audit.record(c, me, "webhook.create", "webhook", String.valueOf(id), country, null, after);
      return WebhookStore.subscription(c, id).orElseThrow();
    });
    response.setHeader("Location", "/api/v1/webhooks/" + made.id());
    answerHoldsASecret(request, response); // the secret, shown once
    Json.write(response, 201, json(made, true));
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
    Principal me = signedIn(request);
    if (request.getAttribute(API_TOKEN_ATTRIBUTE) != null) {
      // a sync job's token, leaked, must not cut a country's news off unseen
      throw ProblemException.forbidden("An API token cannot remove a webhook: sign in to do it");
    }
    List<String> path = pathSegments(request);
    WebhookStore.Subscription s = seen(me, path.get(0));
    webhooks.database().inTransaction(c -> {
      if (!WebhookStore.unsubscribe(c, s.id())) {
        throw ProblemException.notFound("There is no webhook " + s.id() + " that you look after");
      }
      Map<String, Object> before = new LinkedHashMap<>();
      before.put("url", s.url());
      before.put("country", s.country());
      before.put("events", s.events());
      audit.record(c, me, "webhook.delete", "webhook", String.valueOf(s.id()), s.country(), before, null);
      return null;
    });
    response.setStatus(204);
  }

  /** Every error of a subscription at once. */
  List<FieldError> errors(Subscribe s) {
    List<FieldError> errors = new ArrayList<>();
    String url = webhooks.destinationProblem(s.url());
    if (url != null) {
      errors.add(new FieldError("url", url));
    }
    if (s.country() != null && !s.country().isBlank()) {
      String code = s.country().strip();
      if (!code.matches("[A-Za-z]{2}") || !countries.exists(code.toUpperCase(Locale.ROOT))) {
        errors.add(new FieldError("country", "is not a UNESCO Member State or Associate Member (ISO 3166-1 alpha-2)"));
      }
    }
    if (s.events() != null && s.events().isEmpty()) {
      errors.add(new FieldError("events", "must list at least one event, or be left out for all of them"));
    } else if (s.events() != null) {
      for (String e : s.events()) {
        if (e == null || !Webhooks.EVENTS.contains(e)) {
          errors.add(new FieldError("events", "must list events among " + String.join(", ", Webhooks.EVENTS)));
          break;
        }
      }
    }
    String d = s.description();
    if (d != null && d.codePointCount(0, d.length()) > DESCRIPTION_MAX) {
      errors.add(new FieldError("description", "must be at most " + DESCRIPTION_MAX + " characters"));
    } else if (d != null && !PlainText.oneLine(d)) {
      errors.add(new FieldError("description", "must be one line, without control or text-direction characters"));
    }
    return errors;
  }

  private static void require(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
  }

  private static String secret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static Map<String, Object> json(WebhookStore.Subscription s, boolean withSecret) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("url", s.url());
    m.put("country", s.country());
    m.put("events", s.events());
    m.put("description", s.description());
    m.put("createdAt", s.createdAt().toString());
    m.put("ownerId", s.ownerId());
    if (withSecret) {
      m.put("secret", s.secret()); // shown once: it signs every delivery
    }
    return m;
  }
}
