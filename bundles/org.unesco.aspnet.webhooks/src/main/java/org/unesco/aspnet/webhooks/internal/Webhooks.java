package org.unesco.aspnet.webhooks.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.ConfigValues;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.membership.MembershipService;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.security.Accounts;
import org.unesco.aspnet.web.Json;

/**
 * Turns the platform's events into deliveries for the subscriptions that hear of them, and
 * delivers them: one thread of this bundle posts each one, signed, and tries again after a failure
 * (1, 2, 4 ... minutes, at most an hour) until {@code maxAttempts}. An event reaches a subscription
 * only while its owner may still read the country's directory ({@code VIEW_COUNTRY}): a coordinator
 * who hands over their post stops their webhooks' flow with it. Several nodes may share the
 * database: a sender claims a delivery before it posts it.
 */
@Component(service = {Webhooks.class, EventHandler.class}, configurationPid = Webhooks.PID,
    property = {EventConstants.EVENT_TOPIC + "=" + MembershipService.TOPIC_PREFIX + "*",
        EventConstants.EVENT_TOPIC + "=" + SchoolService.TOPIC_SCHOOL_CHANGED,
        EventConstants.EVENT_TOPIC + "=" + org.unesco.aspnet.partnerships.PartnershipService.TOPIC_PREFIX + "*"})
@Designate(ocd = Webhooks.Config.class)
public final class Webhooks implements EventHandler {
  static final String PID = "org.unesco.aspnet.webhooks";
  /** The events a subscription may ask for. */
  static final List<String> EVENTS = List.of(Events.MEMBERSHIP_STATUS, Events.SCHOOL_MOVED, Events.PARTNERSHIP_STATUS);
  static final Duration POLL = Duration.ofSeconds(15);
  static final Duration STARTUP_DELAY = Duration.ofSeconds(3);
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** How long a claimed delivery is held by its sender: longer than a post's timeouts. */
  private static final Duration CLAIM = Duration.ofMinutes(2);
  /** How long deliveries done or given up stay in their subscription's view. */
  static final Duration KEPT = Duration.ofDays(30);
  private static final int BATCH = 20;

  @ObjectClassDefinition(name = "ASPnet webhooks", description = "Signed HTTPS posts of membership and school moves (docs/webhooks.md)")
  public @interface Config {
    @AttributeDefinition(description = "Attempts before a delivery is given up; the waits double from 1 minute to at most an hour")
    int maxAttempts() default 10;

    @AttributeDefinition(description = "Whether http:// addresses are taken (only for a receiver on a trusted network)")
    String allowHttp() default "false";

    @AttributeDefinition(description = "Whether addresses of the platform's own network are taken (loopback, private, link-local)")
    String allowPrivateDestinations() default "false";
  }

  /** The configuration as read once per change: a typo keeps the previous value. */
  record Settings(int maxAttempts, boolean allowHttp, boolean allowPrivate) {
    static final Settings DEFAULTS = new Settings(10, false, false);
  }

  private final Database database;
  private final Accounts accounts;
  private final Authorizer authorizer;
  private final Logger log;
  private final ConfigValues values;
  private final ScheduledExecutorService thread;
  /** How many webhooks' deliveries are posted at once on a node. */
  static final int POSTING_THREADS = 4;
  /** Posts the deliveries of several webhooks side by side ({@link #drain}). */
  private final java.util.concurrent.ExecutorService posts = Executors.newFixedThreadPool(POSTING_THREADS, r -> {
    Thread t = new Thread(r, "aspnet-webhooks-post");
    t.setDaemon(true);
    return t;
  });
  /** Turns events into deliveries, one after the other, off Event Admin's thread. */
  private final java.util.concurrent.ExecutorService events = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "aspnet-webhooks-events");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean stopping;
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private final org.osgi.framework.Bundle bundle;
  /** Made at the first delivery: most installations have no webhook, and a client starts threads. */
  private HttpClient http; // guarded by this
  /** Null until the tables are there; the failure of their migration, once it failed. */
  private RuntimeException migration; // guarded by this
  private boolean migrated; // guarded by this
  private volatile Settings settings = Settings.DEFAULTS;

  @Activate
  public Webhooks(@Reference Database database, @Reference Accounts accounts, @Reference Authorizer authorizer,
      @Reference(service = LoggerFactory.class) Logger log, Map<String, Object> config, BundleContext context) {
    this.database = database;
    this.accounts = accounts;
    this.authorizer = authorizer;
    this.log = log;
    this.values = new ConfigValues(PID, log::warn);
    this.bundle = context.getBundle();
    modified(config);
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "aspnet-webhooks");
      t.setDaemon(true);
      return t;
    });
    // the tables are checked a moment after the start, off the thread that starts the plugins, so
    // that the platform's own start does not share the cores with it; whatever needs them first
    // (a request, an event) makes them at once
    thread.schedule(this::tablesQuietly, STARTUP_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    thread.scheduleWithFixedDelay(this::drainQuietly, POLL.toSeconds(), POLL.toSeconds(), TimeUnit.SECONDS);
    thread.scheduleWithFixedDelay(this::forgetOld, 1, 60, TimeUnit.MINUTES);
  }

  @Modified
  void modified(Map<String, Object> config) {
    Settings previous = settings;
    settings = new Settings(
        values.get("maxAttempts", () -> Integer.valueOf(String.valueOf(config.getOrDefault("maxAttempts", 10)).strip()),
            n -> n >= 1 && n <= 50, "a number from 1 to 50", previous.maxAttempts()),
        values.get("allowHttp", () -> ConfigValues.trueOrFalse(config.getOrDefault("allowHttp", Boolean.FALSE)), b -> true,
            "true or false", previous.allowHttp()),
        values.get("allowPrivateDestinations",
            () -> ConfigValues.trueOrFalse(config.getOrDefault("allowPrivateDestinations", Boolean.FALSE)), b -> true,
            "true or false", previous.allowPrivate()));
  }

  @Deactivate
  void deactivate() throws InterruptedException {
    stopping = true; // no new post starts; one under way ends within its timeout
    events.shutdown();
    thread.shutdown();
    posts.shutdown();
    if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
      thread.shutdownNow(); // a post under way is claimed: another node, or the next start, sends it after its claim
    }
    events.awaitTermination(2, TimeUnit.SECONDS);
    if (!posts.awaitTermination(1, TimeUnit.SECONDS)) {
      posts.shutdownNow(); // a post under way ends within its timeout; its claim covers it meanwhile
      posts.awaitTermination(2, TimeUnit.SECONDS); // interrupted, a post ends at once; the stop keeps within its 10 s
    }
  }

  Settings settings() {
    return settings;
  }

  /** The database, once this bundle's tables are there (503 when they could not be made). */
  Database database() {
    tables();
    return database;
  }

  /** Makes or checks this bundle's tables once (V1__webhooks.sql); throws while they cannot be had. */
  synchronized void tables() {
    if (migrated) {
      return;
    }
    if (migration == null) {
      try {
        database.migrate(bundle);
        migrated = true;
        return;
      } catch (RuntimeException e) {
        migration = e;
        log.error("Webhooks: the tables could not be made; nothing is sent until the plugin is started again: {}", e.toString());
      }
    }
    throw new org.unesco.aspnet.core.ProblemException(503, org.unesco.aspnet.core.ProblemException.TYPE_BASE + "unavailable",
        "Service unavailable", "Webhooks are not available: their tables could not be made (see the log)");
  }

  private void tablesQuietly() {
    try {
      tables();
    } catch (RuntimeException e) {
      // logged once by tables()
    }
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade headers in a plain post
          .followRedirects(HttpClient.Redirect.NEVER) // a redirect would lead past the address check
          .build();
    }
    return http;
  }

  /** Why {@code url} may not receive webhooks, or null (the configured rules). */
  String destinationProblem(String url) {
    Settings s = settings;
    return Destinations.problem(url, s.allowHttp(), s.allowPrivate());
  }

  /** Whether {@code who} reads the directory of {@code country} (null: of every country): who may have its events. */
  boolean reads(Principal who, String country) {
    return authorizer.allows(who, Action.VIEW_COUNTRY, country == null ? Target.everything() : Target.country(country));
  }

  @Override
  public void handleEvent(Event event) {
    Events.Described described = Events.describe(event);
    if (described == null) {
      return;
    }
    // queued on a thread of this bundle: Event Admin stops calling a handler that takes longer
    // than its timeout (5 s), and a database busy with an import could make this one wait
    try {
      events.execute(() -> queue(described, event.getTopic()));
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      log.warn("Webhooks: the event {} came while the plugin stops; not queued", event.getTopic());
    }
  }

  /** Queues {@code described} for the subscriptions that hear of it and whose owner still reads the country. */
  private void queue(Events.Described described, String topic) {
    try {
      List<WebhookStore.Subscription> hearing = new ArrayList<>();
      database().read(c -> {
        for (String country : described.countries()) {
          for (WebhookStore.Subscription s : WebhookStore.forCountry(c, country)) {
            if (s.wants(described.event()) && notQueuedAlready(s, described, country)) {
              hearing.add(s);
            }
          }
        }
        return null;
      });
      // each owner looked up outside the transaction below: no second connection held inside it
      Map<String, Optional<Principal>> owners = new java.util.HashMap<>();
      hearing.removeIf(s -> !ownerReads(s, owners.computeIfAbsent(s.ownerId(), accounts::active)));
      if (hearing.isEmpty()) {
        return;
      }
      Instant now = Instant.now();
      database().inTransaction(c -> {
        for (WebhookStore.Subscription s : hearing) {
          // behind what waits for a receiver that is down, not before it
          WebhookStore.enqueue(c, s.id(), described.event(), Events.payload(s, described, now), now,
              WebhookStore.notBefore(c, s.id(), now));
        }
        return null;
      });
      drainSoon();
    } catch (RuntimeException e) {
      // the event is lost for webhooks, which GET /api/v1/schools?updatedSince= makes up for
      log.error("Webhooks: the event {} could not be queued: {}", topic, e.toString());
    }
  }



  /** A school moved between two countries reaches a subscription of every country once, not twice. */
  private static boolean notQueuedAlready(WebhookStore.Subscription s, Events.Described d, String country) {
    return s.country() != null || country.equals(d.countries().get(0));
  }

  /**
   * Whether the subscription's owner, as {@code owner} is now (empty: gone or disabled), still
   * reads its country (every country, for one of every country): else nothing goes out for it.
   */
  private boolean ownerReads(WebhookStore.Subscription s, Optional<Principal> owner) {
    return owner.isPresent() && reads(owner.get(), s.country());
  }

  /** Queues a ping for {@code subscription}, on the caller's connection; its delivery's id. */
  long ping(java.sql.Connection c, WebhookStore.Subscription s) throws java.sql.SQLException {
    Events.Described ping = new Events.Described(Events.PING, List.of(), Map.of("subscriptionId", s.id()));
    long id = WebhookStore.enqueue(c, s.id(), Events.PING, Events.payload(s, ping, Instant.now()), Instant.now());
    drainSoon();
    return id;
  }

  /** Looks a moment after a delivery is queued (once its transaction has likely committed). */
  private void drainSoon() {
    if (drainQueued.compareAndSet(false, true)) {
      try {
        thread.schedule(() -> {
          drainQueued.set(false);
          drainQuietly();
        }, 300, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        drainQueued.set(false); // sent by the next start, or by another node
      }
    }
  }

  private void forgetOld() {
    try {
      int forgotten = database().inTransaction(c -> WebhookStore.forget(c, Instant.now().minus(KEPT)));
      if (forgotten > 0) {
        log.info("Webhooks: {} deliveries older than {} days forgotten", forgotten, KEPT.toDays());
      }
    } catch (RuntimeException | LinkageError | AssertionError e) { // a scheduled task that throws is never run again
      log.warn("Webhooks: old deliveries could not be removed: {}", e.toString());
    }
  }

  private void drainQuietly() {
    synchronized (this) {
      if (migration != null) {
        return; // said once, when the tables could not be made
      }
    }
    try {
      drain();
    } catch (RuntimeException | LinkageError | AssertionError e) { // the poll goes on: a scheduled task that throws is never run again
      log.warn("Webhooks: the deliveries could not be read: {}", e.toString());
    }
  }

  /** The webhooks being posted to on this node: one task each, so that each one's deliveries go in order. */
  private final java.util.Set<Long> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Starts a task for each webhook with deliveries due that none of this node's tasks serves yet,
   * oldest first, and returns: each task posts its webhook's deliveries in turn, so a receiver
   * that is down (up to 15 s an attempt) holds up its own webhook only, and no webhook waits for
   * another's round to end.
   */
  void drain() {
    tables();
    if (stopping) {
      return;
    }
    List<Long> due = database.read(c -> WebhookStore.dueSubscriptions(c, Instant.now(), BATCH));
    for (long subscriptionId : due) {
      if (stopping || !inFlight.add(subscriptionId)) {
        continue;
      }
      try {
        posts.execute(() -> {
          try {
            postInTurn(subscriptionId);
          } catch (RuntimeException | LinkageError | AssertionError e) {
            log.warn("Webhooks: the deliveries of webhook {} could not be posted: {}", subscriptionId, e.toString());
          } finally {
            inFlight.remove(subscriptionId);
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException stopped) {
        inFlight.remove(subscriptionId);
        return; // the plugin stops
      }
    }
  }

  /**
   * Posts a webhook's due deliveries one after the other, oldest first, each claimed just before it
   * is posted (its turn ends where another node holds one). When the receiver looks down (no
   * answer, 5xx, 429, an address now refused), the webhook's other waiting deliveries wait for the
   * failed one's next attempt; when it takes one, what waited for it is due at once.
   */
  private void postInTurn(long subscriptionId) {
    Optional<WebhookStore.Subscription> s = database.read(c -> WebhookStore.subscription(c, subscriptionId));
    if (s.isEmpty()) {
      return; // removed meanwhile: its deliveries went with it
    }
    while (!stopping && !Thread.currentThread().isInterrupted()) {
      List<Long> ids = database.read(c -> WebhookStore.dueOf(c, subscriptionId, Instant.now(), BATCH));
      if (ids.isEmpty()) {
        return;
      }
      for (long id : ids) {
        if (stopping || Thread.currentThread().isInterrupted()) {
          return;
        }
        Instant now = Instant.now();
        Instant until = now.plus(CLAIM);
        Optional<WebhookStore.Due> taken = database.inTransaction(c -> WebhookStore.claim(c, id, now, until));
        if (taken.isEmpty()) {
          return; // another node holds it (or it is done): this webhook's turn is there
        }
        Outcome outcome = postOne(s.get(), taken.get(), until);
        if (outcome.taken()) {
          database.inTransaction(c -> WebhookStore.resume(c, subscriptionId, Instant.now()));
        } else if (outcome.receiverDown() != null) {
          database.inTransaction(c -> WebhookStore.postpone(c, subscriptionId, outcome.receiverDown(), Instant.now()));
          return;
        } else if (outcome.lostClaim()) {
          return;
        }
      }
    }
  }

  /**
   * What came of a post: {@code taken} by the receiver; {@code receiverDown}, the time the webhook's
   * deliveries wait for when the receiver looks down; {@code lostClaim} when another node took the
   * delivery over (or the post was interrupted). None of these: refused for itself (a 4xx), or
   * given up.
   */
  record Outcome(boolean taken, Instant receiverDown, boolean lostClaim) {
    static final Outcome TAKEN = new Outcome(true, null, false);
    static final Outcome LOST = new Outcome(false, null, true);
    static final Outcome ITSELF = new Outcome(false, null, false);
  }

  /**
   * Posts one delivery held until {@code until}, and records what came of it while the hold is
   * still this node's. Only the answer's status is read: its body is closed unread, so a receiver
   * that sends it slowly holds nothing up. An owner who no longer reads the country (their role
   * taken away, their account disabled) ends what was queued for them.
   */
  private Outcome postOne(WebhookStore.Subscription s, WebhookStore.Due d, Instant until) {
    int status = 0;
    String error;
    boolean giveUpNow = false;
    boolean down = false; // no answer, 5xx, 429, an address now refused: the receiver, not this delivery
    String refused = destinationProblem(s.url()); // a name may point elsewhere since the subscription was made
    if (!d.event().equals(Events.PING) && !ownerReads(s, accounts.active(s.ownerId()))) {
      error = "its owner no longer reads the country (role taken away or account disabled)";
      giveUpNow = true;
    } else if (refused != null) {
      error = "the address " + refused;
      down = true;
    } else {
      try {
        HttpResponse<java.io.InputStream> answer = http().send(request(s, d, Instant.now()), HttpResponse.BodyHandlers.ofInputStream());
        status = answer.statusCode();
        answer.body().close(); // the request's timeout runs until the headers only
        error = status >= 200 && status < 300 ? null : "answered " + status;
        down = status >= 500 || status == 429;
      } catch (java.io.IOException e) {
        error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        down = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.LOST; // claimed: tried again once the claim runs out
      } catch (RuntimeException e) {
        error = e.toString();
      }
    }
    Instant now = Instant.now();
    int answered = status;
    if (error == null) {
      boolean recorded = database.inTransaction(c -> WebhookStore.delivered(c, d.id(), answered, now, until));
      log.debug("Webhook delivery {} ({}) taken by {}", d.id(), d.event(), shown(s.url()));
      return recorded ? Outcome.TAKEN : Outcome.LOST;
    }
    int attempts = d.attempts() + 1;
    boolean giveUp = giveUpNow || attempts >= settings.maxAttempts();
    Instant next = giveUp ? null : now.plus(backOff(attempts));
    String why = error;
    boolean recorded = database.inTransaction(c -> WebhookStore.failed(c, d.id(), answered, why, now, next, until));
    if (giveUp) {
      log.warn("Webhook delivery {} ({}) to {} given up after {} attempt(s): {}", d.id(), d.event(), shown(s.url()), attempts, why);
    } else {
      log.info("Webhook delivery {} ({}) to {} not taken (attempt {} of {}), tried again at {}: {}", d.id(), d.event(),
          shown(s.url()), attempts, settings.maxAttempts(), next, why);
    }
    if (!recorded) {
      return Outcome.LOST;
    }
    return down && next != null ? new Outcome(false, next, false) : Outcome.ITSELF;
  }

  /** An address for the log: without its query, which may carry a receiver's key. */
  static String shown(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }

  /** The post of a delivery: its JSON, signed over the time and the body with the subscription's secret. */
  static HttpRequest request(WebhookStore.Subscription s, WebhookStore.Due d, Instant at) {
    String timestamp = String.valueOf(at.getEpochSecond());
    return HttpRequest.newBuilder(URI.create(s.url().strip()))
        .timeout(TIMEOUT)
        .header("Content-Type", Json.MEDIA_TYPE_UTF_8)
        .header("User-Agent", "ASPnet-Webhooks/1")
        .header("X-ASPnet-Event", d.event())
        .header("X-ASPnet-Delivery", String.valueOf(d.id()))
        .header("X-ASPnet-Timestamp", timestamp)
        .header("X-ASPnet-Signature", "sha256=" + signature(s.secret(), timestamp, d.payload()))
        .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8))
        .build();
  }

  /** HMAC-SHA256 of {@code timestamp + "." + body} with {@code secret}, in lower-case hex (docs/webhooks.md). */
  static String signature(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /** 1, 2, 4 ... minutes after the {@code attempts}th failure, at most an hour. */
  static Duration backOff(int attempts) {
    return Duration.ofMinutes(Math.min(60, 1L << Math.min(attempts - 1, 6)));
  }

  /** A delivery's lines as its subscription's view shows them. */
  static Map<String, Object> json(WebhookStore.Line l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", l.id());
    m.put("event", l.event());
    m.put("createdAt", l.createdAt() == null ? null : l.createdAt().toString());
    m.put("state", l.deliveredAt() != null ? "DELIVERED" : l.failedAt() != null ? "GIVEN_UP" : "WAITING");
    m.put("attempts", l.attempts());
    m.put("nextAttemptAt", l.nextAttemptAt() == null ? null : l.nextAttemptAt().toString());
    m.put("deliveredAt", l.deliveredAt() == null ? null : l.deliveredAt().toString());
    m.put("givenUpAt", l.failedAt() == null ? null : l.failedAt().toString());
    m.put("lastStatus", l.lastStatus());
    m.put("lastError", l.lastError());
    return m;
  }
}
