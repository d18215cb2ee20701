package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A private copy of the assembled installation (target/aspnet), started as an operator would:
 * {@code bin/aspnet} with ASPNET_PORT and ASPNET_DATA_DIR, talked to over real HTTP.
 */
final class Installation implements AutoCloseable {
  static final Path ASSEMBLED = Path.of(System.getProperty("aspnet.installation", "target/aspnet"));
  static final Path EXAMPLES = Path.of(System.getProperty("aspnet.examples", "target/examples"));
  static final Path HELLO_PLUGIN = EXAMPLES.resolve("org.unesco.aspnet.example.hello.jar");

  static final String ADMIN_EMAIL = "admin@aspnet.local";
  static final String ADMIN_PASSWORD = "admin-password-for-the-tests";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  final Path root;
  /** The installation folder; {@link #moveTo} moves it, as an operator who upgrades into a new folder. */
  Path home;
  final Path data;
  final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** Extra environment for the next start, e.g. ASPNET_DEMO. */
  final java.util.Map<String, String> environment = new java.util.HashMap<>();
  /** Arguments of bin/aspnet for the next start, e.g. --console. */
  final java.util.List<String> arguments = new java.util.ArrayList<>();
  private Process process;
  private Path log;
  private int runs;

  Installation() throws IOException {
    this(false);
  }

  /**
   * {@code inPlace}: the assembled installation itself runs (as the README's command does), with a
   * data folder of its own; it must not be changed then. Otherwise a copy of it.
   */
  Installation(boolean inPlace) throws IOException {
    root = Files.createTempDirectory("aspnet-it-");
    home = inPlace ? ASSEMBLED.toAbsolutePath() : root.resolve("aspnet");
    data = root.resolve("data");
    if (!inPlace) {
      copyTree(ASSEMBLED, home);
      // every test applies from one address: the public's hourly limit is MembershipIT's to check
      Files.writeString(home.resolve("config/org.unesco.aspnet.membership.applications.cfg"), "perHourPerAddress=100000\n");
    }
    port = freePort();
  }

  Installation start() throws Exception {
    runs++;
    log = root.resolve("run-" + runs + ".log");
    List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/aspnet").toString()));
    command.addAll(arguments);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("ASPNET_PORT", String.valueOf(port));
    pb.environment().put("ASPNET_DATA_DIR", data.toString());
    pb.environment().put("ASPNET_ADMIN_PASSWORD", ADMIN_PASSWORD);
    pb.environment().putAll(environment);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    process = pb.start();
    await("health UP", Duration.ofSeconds(40), () -> {
      if (!process.isAlive()) {
        fail("the platform exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        return healthWhileStarting().statusCode() == 200;
      } catch (IOException notYet) {
        return false;
      }
    });
    return this;
  }

  /** Moves the (stopped) installation folder to {@code folder} beside it; the data folder stays. */
  void moveTo(String folder) throws IOException {
    Path moved = root.resolve(folder);
    Files.move(home, moved);
    home = moved;
  }

  /**
   * Runs a second platform from this installation with {@code data} and {@code port}, expecting it
   * to refuse to start: its exit code and what it printed, within 30 s.
   */
  java.util.Map.Entry<Integer, String> runRefused(Path dataDir, int httpPort) throws Exception {
    Path out = root.resolve("refused-" + System.nanoTime() + ".log");
    ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/aspnet").toString());
    pb.environment().put("ASPNET_PORT", String.valueOf(httpPort));
    pb.environment().put("ASPNET_DATA_DIR", dataDir.toString());
    pb.redirectErrorStream(true).redirectOutput(out.toFile());
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("a platform that should refuse to start still runs:\n" + Files.readString(out));
    }
    return java.util.Map.entry(p.exitValue(), Files.readString(out));
  }

  static int anyFreePort() throws IOException {
    return freePort();
  }

  /** Sends SIGTERM and returns how long the process took to exit, in ms. */
  long stop() throws Exception {
    long start = System.nanoTime();
    process.destroy(); // SIGTERM on Linux
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("the platform did not stop within 20 s of SIGTERM");
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  int exitValue() {
    return process.exitValue();
  }

  boolean isRunning() {
    return process.isAlive();
  }

  /** Closes the platform's standard input, as a service manager starts it (stdin at its end). */
  void closeInput() throws IOException {
    process.getOutputStream().close();
  }

  String log() throws IOException {
    return log == null ? "" : Files.readString(log, StandardCharsets.UTF_8);
  }

  HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
    return send("GET", path, null, headers);
  }

  HttpResponse<String> send(String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    return sendWith(method, path, body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), headers);
  }

  /** A request as the holder of {@code token} (none: the public), with a JSON {@code body} when there is one. */
  HttpResponse<String> sendAs(String method, String path, String body, String token, String... headers)
      throws IOException, InterruptedException {
    java.util.List<String> all = new java.util.ArrayList<>();
    if (body != null) {
      all.addAll(java.util.List.of("Content-Type", "application/json"));
    }
    if (token != null) {
      all.addAll(java.util.List.of("Authorization", "Bearer " + token));
    }
    all.addAll(java.util.List.of(headers));
    return send(method, path, body, all.toArray(String[]::new));
  }

  /** A request with these bytes as its body, sent as they are (not re-encoded). */
  HttpResponse<String> sendBytes(String method, String path, byte[] body, String... headers)
      throws IOException, InterruptedException {
    return sendWith(method, path, HttpRequest.BodyPublishers.ofByteArray(body), headers);
  }

  private HttpResponse<String> sendWith(String method, String path, HttpRequest.BodyPublisher body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return exchange(b.build());
  }

  /**
   * GET health while the platform starts. Felix HTTP opens Jetty's port a moment before it takes up
   * the whiteboard (JettyService starts the connector, then registers the dispatcher's services):
   * an answer of that moment is Jetty's own HTML 404, which no part of the platform wrote, so it is
   * not held to the OpenAPI document; every later answer, the start gate's 503 included, is.
   */
  private HttpResponse<String> healthWhileStarting() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/health"))
        .timeout(Duration.ofSeconds(10)).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    boolean beforeTheWhiteboard = response.statusCode() == 404
        && response.headers().firstValue("Content-Type").orElse("").startsWith("text/html");
    if (!beforeTheWhiteboard) {
      checkContract(request.method(), request.uri().getRawPath(), response);
    }
    return response;
  }

  private HttpResponse<String> exchange(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Jetty closes a connection after answering early (a 401 or 413 before the body was read);
      // the client may already have put the next request on it. Nothing reached the server:
      // sending once more on a fresh connection is safe.
      if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
        throw e;
      }
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
    checkContract(request.method(), request.uri().getRawPath(), response);
    return response;
  }

  /** The served OpenAPI document, read once per run of the platform (a plugin's arrival reads it again). */
  private OpenApiContract contract;
  private int contractRun;

  /**
   * Every answer of the API is held to the OpenAPI document the platform serves ({@link OpenApiContract}):
   * a test that meets an answer the document does not describe fails, naming what differs. With
   * {@code -Daspnet.openapi.report=<file>} the differences are written there instead, every one of a
   * whole run (to survey what a change of the document left behind); CI never sets it.
   */
  private void checkContract(String method, String path, HttpResponse<String> response)
      throws IOException, InterruptedException {
    if (!path.startsWith("/api/v1/") || path.equals("/api/v1/openapi.json")) {
      return;
    }
    String contentType = response.headers().firstValue("Content-Type").orElse(null);
    String encoding = response.headers().firstValue("Content-Encoding").orElse(null);
    OpenApiContract read = contract(false);
    if (read == null) {
      return;
    }
    List<String> problems = read.check(method, path, response.statusCode(), contentType, encoding, response.body());
    if (!problems.isEmpty() && (read = contract(true)) != null) {
      // The document may have changed since it was read (a plugin came or went): read it again first.
      problems = read.check(method, path, response.statusCode(), contentType, encoding, response.body());
    }
    if (!problems.isEmpty()) {
      String what = method + " " + path + " -> " + response.statusCode() + ": " + String.join("; ", problems);
      String report = System.getProperty("aspnet.openapi.report");
      if (report == null || report.isEmpty()) {
        throw new AssertionError("the answer differs from the OpenAPI document: " + what
            + "\n" + response.body());
      }
      Files.writeString(Path.of(report), what + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
  }

  /** Null while the platform cannot serve its document (starting, stopping): nothing to hold the answer to then. */
  private synchronized OpenApiContract contract(boolean again) throws InterruptedException {
    if (contract == null || contractRun != runs || again) {
      try {
        HttpResponse<String> document = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/openapi.json"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (document.statusCode() != 200) {
          return null;
        }
        contract = new OpenApiContract(document.body());
        contractRun = runs;
      } catch (IOException e) {
        return null;
      }
    }
    return contract;
  }

  /** Signs in; returns the response (token, csrfToken, Set-Cookie). */
  HttpResponse<String> login(String email, String password, String... headers) throws IOException, InterruptedException {
    String body = JSON.writeValueAsString(java.util.Map.of("email", email, "password", password));
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return send("POST", "/api/v1/auth/login", body, all);
  }

  /** A bearer token of the platform administrator (who is also an HQ officer). */
  String adminToken() throws IOException, InterruptedException {
    HttpResponse<String> r = login(ADMIN_EMAIL, ADMIN_PASSWORD);
    if (r.statusCode() != 200) {
      fail("admin sign-in failed: " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body()).path("token").asText();
  }

  /**
   * Posts a file to {@code /api/v1/imports<query>} and returns the import job as it ended (a large
   * file answers 202 and is followed at its Location), with the first answer's status added as
   * {@code httpStatus}.
   */
  com.fasterxml.jackson.databind.JsonNode upload(String query, byte[] file, String contentType, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/imports" + query))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(file));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = exchange(b.build());
    com.fasterxml.jackson.databind.JsonNode job = JSON.readTree(r.body());
    job = ((com.fasterxml.jackson.databind.node.ObjectNode) job).put("httpStatus", r.statusCode());
    if (r.statusCode() == 202) {
      String location = r.headers().firstValue("Location").orElseThrow();
      com.fasterxml.jackson.databind.JsonNode[] last = {job};
      await("import " + location, Duration.ofSeconds(60), () -> {
        last[0] = JSON.readTree(get(location, "Authorization", "Bearer " + token).body());
        return !last[0].path("state").asText().equals("RUNNING") && !last[0].path("state").asText().equals("QUEUED");
      });
      job = last[0];
    }
    return job;
  }

  /** Puts a jar into plugins/ the safe way: written beside, then moved in atomically. */
  void deployPlugin(Path jar, String name) throws IOException {
    Path staging = root.resolve(name + ".part");
    Files.copy(jar, staging, StandardCopyOption.REPLACE_EXISTING);
    Files.move(staging, home.resolve("plugins").resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  void removePlugin(String name) throws IOException {
    Files.deleteIfExists(home.resolve("plugins").resolve(name));
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  static void await(String what, Duration timeout, Condition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.holds()) {
        return;
      }
      Thread.sleep(100);
    }
    fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
  }

  /**
   * Waits for the demo data set to be in place; fails at once, with the end of the platform's log,
   * if the demo says it could not be loaded, and shows that log too on a time-out.
   */
  void awaitDemoData(Duration timeout) throws Exception {
    awaitLogLine("the demo data", "Demo data loaded", List.of("Demo data could not be loaded", "Demo data not loaded"), timeout);
  }

  /**
   * Waits until the demo campaigns are in too: they are made on a thread of their own once the
   * demo schools are, and a test that reads campaigns right after the schools can be early.
   */
  void awaitDemoCampaigns(Duration timeout) throws Exception {
    awaitLogLine("the demo campaigns", "Demo campaigns loaded", List.of("Demo campaigns not loaded"), timeout);
  }

  /** Waits until the demo partnerships are in: made on a thread of their own once the demo schools are. */
  void awaitDemoPartnerships(Duration timeout) throws Exception {
    awaitLogLine("the demo partnerships", "Demo partnerships loaded", List.of("Demo partnerships not loaded"), timeout);
  }

  /** Until the log has {@code done}; fails with the log's end on one of {@code failures}, an exit or the time-out. */
  private void awaitLogLine(String what, String done, List<String> failures, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String log = log();
      if (log.contains(done)) {
        return;
      }
      if (failures.stream().anyMatch(log::contains)) {
        fail(what + " could not be loaded:\n" + tail(log, 60));
      }
      if (!process.isAlive()) {
        fail("the platform exited with " + process.exitValue() + " before " + what + " was in:\n" + tail(log, 60));
      }
      Thread.sleep(100);
    }
    fail("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; the log ends with:\n" + tail(log(), 60)
        + "\nthe platform's own threads:\n" + ownThreads());
  }

  /**
   * The stacks of the platform's own threads and of those that start components (jcmd of this
   * JDK), to tell a wait that hangs from one that never began; what jcmd said when it cannot.
   */
  String ownThreads() {
    try {
      Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          String.valueOf(process.pid()), "Thread.print").redirectErrorStream(true).start();
      String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      jcmd.waitFor(30, TimeUnit.SECONDS);
      return java.util.Arrays.stream(dump.split("\n\n"))
          .filter(t -> t.startsWith("\"aspnet") || t.startsWith("\"SCR") || t.startsWith("\"fileinstall")
              || t.startsWith("\"FelixStartLevel") || t.startsWith("\"FelixDispatch"))
          .collect(java.util.stream.Collectors.joining("\n\n"));
    } catch (IOException | InterruptedException e) {
      return "(no thread dump: " + e + ")";
    }
  }

  private static String tail(String text, int lines) {
    String[] all = text.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
  }

  /** Waits until GET path answers a response that satisfies the test. */
  HttpResponse<String> awaitResponse(String path, Duration timeout, Predicate<HttpResponse<String>> test)
      throws Exception {
    @SuppressWarnings("unchecked")
    HttpResponse<String>[] last = new HttpResponse[1];
    await(path, timeout, () -> {
      last[0] = get(path);
      return test.test(last[0]);
    });
    return last[0];
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      stop();
    }
    deleteTree(root);
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    assertTrue(Files.isDirectory(from), "build the installation first: " + from);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().startsWith("aspnet-cds.jsa")) {
          // the build's class-data archive names the jars where they were built (35 MB, of no use in a copy)
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
