package org.unesco.aspnet.persistence.internal;

import com.zaxxer.hikari.HikariConfig;
import org.unesco.aspnet.core.ConfigValues;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.unesco.aspnet.core.HealthCheck;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.persistence.MigrationException;
import org.unesco.aspnet.persistence.PersistenceException;
import org.unesco.aspnet.persistence.SqlWork;

/**
 * Opens the configured database, pools its connections and serves {@link Database}. The database
 * opens on a background thread so that the HTTP server comes up meanwhile (embedded Derby takes
 * most of a second to boot); callers that need it wait for it, and health reports it DOWN until it
 * is open.
 */
@Component(
    immediate = true,
    configurationPid = "org.unesco.aspnet.persistence",
    // Database is registered once the database is open (open): until then the components that need it
    // wait, unsatisfied, instead of each failing its activation (a missing driver flooded the log)
    service = HealthCheck.class)
@Designate(ocd = DatabaseService.Config.class)
public final class DatabaseService implements Database, HealthCheck {

  static final int DEFAULT_LOCK_TIMEOUT_SECONDS = 10;

  @ObjectClassDefinition(
      name = "ASPnet persistence",
      description = "Which database the platform uses and how it is pooled")
  public @interface Config {
    @AttributeDefinition(
        description =
            "JDBC URL. Empty: embedded Derby in <data dir>/derby. Anything else needs a driver"
                + " bundle that registers an OSGi DataSourceFactory (PostgreSQL's does), chosen"
                + " with driver.target")
    String url() default "";

    @AttributeDefinition(required = false)
    String user() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false)
    String password() default "";

    @AttributeDefinition(description = "Largest number of pooled connections, from 1 to 1000")
    int maxPoolSize() default 16;

    @AttributeDefinition(description = "Seconds a caller waits for a free connection, from 1 to 3600")
    int connectionTimeoutSeconds() default 10;

    @AttributeDefinition(
        description =
            "Seconds a statement waits for a row or table another transaction has locked (for"
                + " example during a big import) before it fails; the API then answers 503 with"
                + " Retry-After. Embedded Derby and PostgreSQL; from 1 to 3600")
    int lockTimeoutSeconds() default DEFAULT_LOCK_TIMEOUT_SECONDS;

    @AttributeDefinition(
        description =
            "Derby page cache, in pages (embedded Derby only). Derby keeps wide tables such as the"
                + " school directory in 32 KB pages, so this many pages may take 32 KB each."
                + " 0: sized from the Java heap (a fifth of it, at most 8,000 pages)")
    int derbyPageCacheSize() default 0;
  }

  /**
   * The pool's numbers, read once per activation. Every edit of the file re-activates this
   * component; a value that is refused (a typo, a negative size) keeps the one in force before, so
   * that a typo never closes the database for good.
   */
  record Settings(int maxPoolSize, int connectionTimeoutSeconds, int lockTimeoutSeconds, int derbyPageCacheSize) {
    static final Settings DEFAULTS = new Settings(16, 10, DEFAULT_LOCK_TIMEOUT_SECONDS, 0);

    static Settings of(Config c, Settings previous, ConfigValues values) {
      return new Settings(
          values.get("maxPoolSize", c::maxPoolSize, n -> n >= 1 && n <= 1000, "a whole number from 1 to 1000",
              previous.maxPoolSize()),
          values.get("connectionTimeoutSeconds", c::connectionTimeoutSeconds, n -> n >= 1 && n <= 3600,
              "a number of seconds from 1 to 3600", previous.connectionTimeoutSeconds()),
          values.get("lockTimeoutSeconds", c::lockTimeoutSeconds, n -> n >= 1 && n <= 3600,
              "a number of seconds from 1 to 3600", previous.lockTimeoutSeconds()),
          values.get("derbyPageCacheSize", c::derbyPageCacheSize, n -> n == 0 || n >= 40 && n <= 10_000_000,
              "0 (sized from the heap) or a number of pages from 40", previous.derbyPageCacheSize()));
    }
  }

  /** What the last activation used: the previous values of the next one. */
  private static volatile Settings inForce = Settings.DEFAULTS;

  private final Logger log;
  private final BundleContext context;
  private final CompletableFuture<HikariDataSource> pool;
  private final String description;
  private final EmbeddedDataSource derby;
  private volatile Dialect dialect = Dialect.OTHER;
  private volatile ServiceRegistration<DataSource> dataSourceRegistration;
  private volatile ServiceRegistration<Database> databaseRegistration;
  /** Why the database could not be opened the last time it was tried; null once open. */
  private volatile String notOpen;
  private volatile boolean closed;
  /** How long the opening waits before it tries again (a database server that starts after the platform). */
  static final long RETRY_SECONDS = 5;
  /**
   * One permit per pooled connection: callers beyond the pool's size wait here, parked, in
   * arrival order. HikariCP's own hand-over spins (Thread.yield) while anybody waits, which took
   * half of both cores under 32 concurrent requests in the directory benchmark.
   */
  private final Semaphore gate;
  private final long waitSeconds;
  /** How many connections this thread holds through the gate (a nested call takes no second permit). */
  private static final ThreadLocal<int[]> HELD = ThreadLocal.withInitial(() -> new int[1]);

  @Activate
  public DatabaseService(
      BundleContext context,
      Config config,
      @Reference(service = LoggerFactory.class) Logger log,
      @Reference(
              name = "driver",
              cardinality = ReferenceCardinality.OPTIONAL,
              policyOption = ReferencePolicyOption.GREEDY)
          DataSourceFactory driver) {
    this.context = context;
    this.log = log;
    Settings settings = Settings.of(config, inForce, new ConfigValues("org.unesco.aspnet.persistence", log::warn));
    inForce = settings;
    String url = config.url().strip();
    DataSource target;
    if (url.isEmpty() || url.startsWith("jdbc:derby:")) {
      derby = embeddedDerby(context, settings, url);
      long copyStart = System.nanoTime();
      if (url.isEmpty() && fromEmptyDatabase(context, Path.of(derby.getDatabaseName()))) {
        log.info("First start: the database is a copy of the installation's empty one ({} ms)",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - copyStart));
      }
      target = derby;
      description = "embedded Derby at " + derby.getDatabaseName()
          + " (page cache " + System.getProperty("derby.storage.pageCacheSize") + " pages)";
    } else {
      derby = null;
      description = url.replaceAll("password=[^&;]*", "password=***");
      if (driver == null) {
        // said once: the driver's arrival re-activates this component (a greedy reference)
        notOpen = "No JDBC driver for " + description + ": put the driver bundle (e.g. postgresql-42.x.jar) into"
            + " plugins/ and set driver.target in org.unesco.aspnet.persistence.cfg";
        log.error(notOpen);
        pool = new CompletableFuture<>();
        gate = new Semaphore(settings.maxPoolSize(), true);
        waitSeconds = settings.connectionTimeoutSeconds();
        return;
      }
      target = externalDataSource(driver, config, url);
    }
    if (derby != null && !url.isEmpty() && !Files.exists(Path.of(derby.getDatabaseName()))) {
      // a path mistyped in url would otherwise open an empty database without a word
      log.warn("No database at {}: Derby creates an empty one there. If you meant an existing database,"
          + " correct url in org.unesco.aspnet.persistence.cfg", derby.getDatabaseName());
    }
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("aspnet");
    hikari.setDataSource(target);
    hikari.setMaximumPoolSize(settings.maxPoolSize());
    gate = new Semaphore(settings.maxPoolSize(), true);
    waitSeconds = settings.connectionTimeoutSeconds();
    hikari.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
    hikari.setConnectionTimeout(TimeUnit.SECONDS.toMillis(settings.connectionTimeoutSeconds()));
    if (url.startsWith("jdbc:postgresql:")) {
      hikari.setConnectionInitSql("SET lock_timeout = '" + settings.lockTimeoutSeconds() + "s'");
    }
    if (!config.user().isEmpty()) {
      hikari.setUsername(config.user());
      hikari.setPassword(config.password());
    }
    pool = new CompletableFuture<>();
    new Thread(() -> openUntilOpen(hikari), "aspnet-database-open").start();
  }

  /**
   * Opens the pool, then offers Database and DataSource; a database that cannot be opened (a server
   * not up yet, a wrong password) is tried again every {@link #RETRY_SECONDS} seconds, said once in
   * the log and in the health check, until it opens or this component stops.
   */
  private void openUntilOpen(HikariConfig hikari) {
    String told = null;
    while (!closed) {
      try {
        HikariDataSource ds = open(hikari);
        notOpen = null;
        pool.complete(ds);
        if (closed) {
          ds.close();
          return;
        }
        dataSourceRegistration = context.registerService(DataSource.class, ds, properties());
        databaseRegistration = context.registerService(Database.class, this, properties());
        return;
      } catch (SQLException | RuntimeException e) {
        notOpen = "Cannot open the database " + description + ": " + e.getMessage();
        if (!notOpen.equals(told)) {
          log.error("{}; trying again every {} s", notOpen, RETRY_SECONDS);
          log.debug("Why the database did not open", e);
          told = notOpen;
        }
      }
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(RETRY_SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private HikariDataSource open(HikariConfig hikari) throws SQLException {
    long start = System.nanoTime();
    HikariConfig attempt = new HikariConfig();
    hikari.copyStateTo(attempt); // a pool that failed cannot be started again
    HikariDataSource ds = new HikariDataSource(attempt);
    try (Connection c = ds.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase();
      dialect =
          product.contains("derby")
              ? Dialect.DERBY
              : product.contains("postgres") ? Dialect.POSTGRESQL : Dialect.OTHER;
    } catch (SQLException | RuntimeException e) {
      ds.close();
      throw e;
    }
    log.info(
        "Database open: {} ({} ms)",
        description,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    return ds;
  }

  private Dictionary<String, Object> properties() {
    Hashtable<String, Object> props = new Hashtable<>();
    props.put("aspnet.database", description);
    return props;
  }

  private static EmbeddedDataSource embeddedDerby(BundleContext context, Settings config, String url) {
    String dataDir = context.getProperty("aspnet.data.dir");
    Path home = Path.of(dataDir == null ? "data" : dataDir).toAbsolutePath();
    // Derby reads these once, when its engine boots; they are global to the JVM.
    System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
    System.setProperty("derby.storage.pageCacheSize", String.valueOf(pageCacheSize(config.derbyPageCacheSize(), Runtime.getRuntime().maxMemory())));
    System.setProperty("derby.language.statementCacheSize", "500");
    // Derby waits 60 s by default: long enough for every pooled connection to hang behind one
    // big import, and with them every request. A short wait fails one request, clearly.
    System.setProperty("derby.locks.waitTimeout", String.valueOf(config.lockTimeoutSeconds()));
    EmbeddedDataSource ds = new EmbeddedDataSource();
    String name =
        url.isEmpty() ? home.resolve("derby").toString() : url.substring("jdbc:derby:".length());
    ds.setDatabaseName(name);
    ds.setCreateDatabase("create");
    return ds;
  }

  /**
   * A first start on the default database copies the installation's empty one (made when the
   * installation was built, see the launcher's EmptyDatabase) rather than have Derby create its
   * catalogs and the bundles run every migration: about a second less. The migrations still run,
   * and find themselves applied. Never over a database that exists, and not while that empty
   * database is being made.
   */
  static boolean fromEmptyDatabase(BundleContext context, Path database) {
    String home = context.getProperty("aspnet.home");
    if (home == null || Files.exists(database) || Boolean.parseBoolean(context.getProperty("aspnet.preparing"))) {
      return false;
    }
    Path empty = Path.of(home, "lib", "empty-database", "derby");
    if (!Files.isDirectory(empty)) {
      return false;
    }
    Path partial = database.resolveSibling(database.getFileName() + ".copying");
    try {
      Folders.deleteTree(partial);
      try (java.util.stream.Stream<Path> files = Files.walk(empty)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Path t = partial.resolve(empty.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(t);
          } else {
            Files.copy(f, t);
          }
        }
      }
      // whole or not at all: a copy cut short must not pass for a database at the next start
      Files.move(partial, database, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (java.io.IOException e) {
      // Derby creates the database as it always did; only the time it saves is lost
      try {
        Folders.deleteTree(partial);
      } catch (java.io.IOException ignored) {
        // left for the next start, which deletes it first
      }
      return false;
    }
  }

  /** Largest page cache Derby is given unasked: 8,000 pages, its own default. */
  static final int MAX_AUTO_PAGES = 8_000;
  /** Smallest one: below this, index look-ups start to read from disk again and again. */
  static final int MIN_AUTO_PAGES = 500;
  private static final int WIDE_PAGE_BYTES = 32 * 1024;

  /**
   * The configured page cache, or one sized from the heap. Derby counts its cache in pages, and the
   * directory's rows are wide enough for 32 KB pages: Derby's default of 8,000 pages then grows to
   * 250 MB on a full read (an export), which does not fit a 256 MB heap. A fifth of the heap, in
   * 32 KB pages, leaves the rest to everything else. At -Xmx256m (1,638 pages) the export benchmark
   * exports 1,100,000 schools as CSV in 8.0 s, as with the 1,500 pages it used to set by hand (7.8
   * s); with a third of the heap it took 9.4 s and the process grew to 390 MB instead of 300.
   */
  static int pageCacheSize(int configured, long maxHeapBytes) {
    if (configured > 0) {
      return configured;
    }
    long pages = maxHeapBytes / 5 / WIDE_PAGE_BYTES;
    return (int) Math.max(MIN_AUTO_PAGES, Math.min(MAX_AUTO_PAGES, pages));
  }

  private static DataSource externalDataSource(DataSourceFactory driver, Config config, String url) {
    Properties props = new Properties();
    props.setProperty(DataSourceFactory.JDBC_URL, url);
    if (!config.user().isEmpty()) {
      props.setProperty(DataSourceFactory.JDBC_USER, config.user());
      props.setProperty(DataSourceFactory.JDBC_PASSWORD, config.password());
    }
    try {
      return driver.createDataSource(props);
    } catch (SQLException e) {
      throw new IllegalStateException("The JDBC driver refused " + url + ": " + e.getMessage(), e);
    }
  }

  @Deactivate
  void close() {
    closed = true;
    for (ServiceRegistration<?> reg : new ServiceRegistration<?>[] {databaseRegistration, dataSourceRegistration}) {
      if (reg != null) {
        try {
          reg.unregister();
        } catch (IllegalStateException alreadyGone) {
          // the framework unregisters it when the bundle stops first
        }
      }
    }
    HikariDataSource ds = pool.getNow(null);
    if (ds == null) {
      pool.cancel(false);
      pool.thenAccept(HikariDataSource::close);
    } else {
      ds.close();
    }
    if (derby != null) {
      shutDownDerby();
    }
  }

  /** Closes the Derby database cleanly so the next start needs no recovery. */
  private void shutDownDerby() {
    EmbeddedDataSource shutdown = new EmbeddedDataSource();
    shutdown.setDatabaseName(derby.getDatabaseName());
    shutdown.setShutdownDatabase("shutdown");
    try (Connection ignored = shutdown.getConnection()) {
      log.warn("Derby did not confirm the shutdown of {}", derby.getDatabaseName());
    } catch (SQLException e) {
      // Derby signals a clean database shutdown with SQLState 08006.
      if ("08006".equals(e.getSQLState())) {
        log.info("Database closed: {}", description);
      } else if (!"XJ004".equals(e.getSQLState())) { // XJ004: was never booted
        log.warn("Derby shutdown of {}: {}", derby.getDatabaseName(), e.getMessage());
      }
    }
  }

  @Override
  public DataSource dataSource() {
    try {
      return pool.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the database opens", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("The database is not available: " + description, e);
    }
  }

  @Override
  public Dialect dialect() {
    dataSource();
    return dialect;
  }

  @Override
  public <T> T inTransaction(SqlWork<T> work) {
    DataSource ds = dataSource();
    enter();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollback(c, e);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new PersistenceException(e.getMessage(), e);
    } finally {
      leave();
    }
  }

  private void enter() {
    int[] held = HELD.get();
    if (held[0] == 0) {
      try {
        if (!gate.tryAcquire(waitSeconds, TimeUnit.SECONDS)) {
          String message = "No database connection became free within " + waitSeconds + " s";
          throw new PersistenceException(message, new java.sql.SQLTransientConnectionException(message));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PersistenceException(
            "Interrupted while waiting for a database connection", new SQLException("interrupted", e));
      }
    }
    held[0]++;
  }

  private void leave() {
    int[] held = HELD.get();
    if (--held[0] == 0) {
      gate.release();
    }
  }

  private static void rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public <T> T read(SqlWork<T> work) {
    DataSource ds = dataSource();
    enter();
    try (Connection c = ds.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new PersistenceException(e.getMessage(), e);
    } finally {
      leave();
    }
  }

  @Override
  public int migrate(Bundle owner) {
    String name = owner.getSymbolicName();
    try {
      int version = new SchemaMigrator(dataSource()).migrate(name, migrationsOf(owner));
      log.debug("Schema of {} is at version {}", name, version);
      return version;
    } catch (MigrationException e) {
      log.error("{} The schema is left as it was; bundle {} is stopped.", e.getMessage(), name);
      stopLater(owner);
      throw e;
    }
  }

  /** Stops the owner outside the activation that called us: a bundle cannot stop mid-activation. */
  private void stopLater(Bundle owner) {
    Thread stopper =
        new Thread(
            () -> {
              try {
                owner.stop(Bundle.STOP_TRANSIENT);
              } catch (BundleException | IllegalStateException e) {
                log.warn("Could not stop {}: {}", owner.getSymbolicName(), e.getMessage());
              }
            },
            "aspnet-migration-stop");
    stopper.setDaemon(true);
    stopper.start();
  }

  static List<Migration> migrationsOf(Bundle owner) {
    List<Migration> migrations = new ArrayList<>();
    var entries = owner.findEntries("db/migration", "*.sql", false);
    if (entries == null) {
      return migrations;
    }
    for (URL url : Collections.list(entries)) {
      String path = url.getPath();
      String file = path.substring(path.lastIndexOf('/') + 1);
      try (InputStream in = url.openStream()) {
        migrations.add(Migration.parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException | IllegalArgumentException e) {
        throw new MigrationException(
            "Cannot read migration " + file + " of " + owner.getSymbolicName() + ": " + e.getMessage(),
            e);
      }
    }
    return migrations;
  }

  @Override
  public String name() {
    return "database";
  }

  @Override
  public Result check() {
    HikariDataSource ds = pool.getNow(null);
    if (ds == null) {
      String why = notOpen;
      return Result.down(why == null ? "opening " + description : why);
    }
    if (!ds.isRunning()) {
      return Result.down("connection pool closed");
    }
    var connections = ds.getHikariPoolMXBean();
    if (connections != null && connections.getTotalConnections() == 0) {
      // the pool keeps two open: none means none can be opened (a full disk under Derby, a server away)
      return Result.down("no connection to " + description + " can be opened now: see the log (and derby.log)");
    }
    return Result.up();
  }
}
