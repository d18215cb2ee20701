package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exports and imports over real HTTP on the demo network: the round trip (export, then a dry-run
 * import finds every row unchanged and writes nothing; one corrected cell updates its school and
 * nothing else), escaping of commas, quotes,
 * line breaks and non-Latin scripts, the formula guard in CSV and XLSX, scopes (an NC never gets
 * another country's row; the public gets public fields of members), a real import that writes all
 * or nothing, and a broken exporter plugin that fails only its own format.
 */
class ExportIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int LOCK_TIMEOUT_SECONDS = 1;
  private static Installation platform;
  private static String hq;
  private static String ncFrance;
  private static String ncGermany;

  @BeforeAll
  static void start() throws Exception {
    platform = new Installation();
    platform.environment.put("ASPNET_DEMO", "true");
    // A short lock wait, so that a search caught behind the big import below fails fast (503).
    Path persistence = platform.home.resolve("config/org.unesco.aspnet.persistence.cfg");
    Files.writeString(persistence, Files.readString(persistence).replace("lockTimeoutSeconds=10", "lockTimeoutSeconds=" + LOCK_TIMEOUT_SECONDS));
    platform.start();
    platform.awaitDemoData(Duration.ofSeconds(120));
    platform.awaitDemoCampaigns(Duration.ofSeconds(120));
    hq = token("hq@demo.aspnet.local");
    ncFrance = token("nc.fr@demo.aspnet.local");
    ncGermany = token("nc.de@demo.aspnet.local");
  }

  @AfterAll
  static void stop() throws Exception {
    platform.close();
  }

  private static String token(String email) throws Exception {
    HttpResponse<String> r = platform.login(email, "demo-password");
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body()).path("token").asText();
  }

  private static HttpResponse<byte[]> get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + platform.port + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(String path, String token) throws Exception {
    HttpResponse<byte[]> r = get(path, token);
    assertEquals(200, r.statusCode(), path + ": " + new String(r.body(), StandardCharsets.UTF_8));
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /** RFC 4180, as a spreadsheet program reads it: the header, then each row as column -> value. */
  static List<Map<String, String>> csv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        assertFalse(c == '\n' || c == '\r', "a bare line break outside quotes at " + i);
        cell.append(c);
      }
    }
    assertEquals(0, cell.length() + row.size(), "the file ends with CRLF");
    List<String> header = rows.get(0);
    List<Map<String, String>> out = new ArrayList<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      assertEquals(header.size(), r.size(), "every row has every column: " + r);
      Map<String, String> m = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        m.put(header.get(i), r.get(i));
      }
      out.add(m);
    }
    return out;
  }

  /**
   * An exported file imported back as it is: every row names its school (the id column) and repeats
   * its values, so every row is UNCHANGED; none is a new school, so none is a likely duplicate.
   */
  /**
   * A coordinator on a slow connection sends an import again after its answer was lost: done once,
   * and when the report was too long to be kept with the key, the repeat says where the job is,
   * and the job there has the report (the web UI reads it from there).
   */
  @Test
  void anImportSentAgainWithItsKeyIsDoneOnceAndItsLongReportIsReadWhereTheJobIs() throws Exception {
    StringBuilder csv = new StringBuilder("name,country,city,address,levels,email\n");
    for (int i = 0; i < 300; i++) {
      csv.append("École sans pays ").append(i).append(",ZZ,Lyon,1 rue A,SECONDARY,e").append(i).append("@example.org\n");
    }
    byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
    String key = "import-" + System.nanoTime();
    HttpResponse<String> first = platform.sendBytes("POST", "/api/v1/imports?dryRun=true", file, "Content-Type", "text/csv",
        "Authorization", "Bearer " + ncFrance, "Idempotency-Key", key);
    assertEquals(200, first.statusCode(), first.body());
    assertTrue(first.body().length() > 16_000, "a report longer than what is kept with a key: " + first.body().length());
    HttpResponse<String> again = platform.sendBytes("POST", "/api/v1/imports?dryRun=true", file, "Content-Type", "text/csv",
        "Authorization", "Bearer " + ncFrance, "Idempotency-Key", key);
    assertEquals(409, again.statusCode(), again.body());
    JsonNode problem = JSON.readTree(again.body());
    assertTrue(problem.path("type").asText().endsWith("/answer-withheld"), again.body());
    String job = "/api/v1/imports/" + JSON.readTree(first.body()).path("id").asText();
    assertEquals(job, problem.path("location").asText(), again.body());
    assertEquals(job, again.headers().firstValue("Location").orElse(null));
    assertTrue(problem.path("detail").asText().contains("read what it made at " + job), again.body());
    JsonNode read = JSON.readTree(platform.get(job, "Authorization", "Bearer " + ncFrance).body());
    assertEquals(JSON.readTree(first.body()).path("report"), read.path("report"), "the same report, from one run");
  }

  @Test
  void exportThenDryRunImportFindsEveryRowUnchangedAndWritesNothing() throws Exception {
    for (String format : List.of("csv", "xlsx")) {
      HttpResponse<byte[]> file = get("/api/v1/exports/schools." + format + "?country=FR", ncFrance);
      assertEquals(200, file.statusCode());
      assertTrue(file.headers().firstValue("Content-Disposition").orElse("").matches("attachment; filename=\"aspnet-schools-FR-\\d{4}-\\d\\d-\\d\\d\\." + format + "\""),
          file.headers().toString());
      List<Map<String, String>> exported = csv(text("/api/v1/exports/schools.csv?country=FR", ncFrance));
      assertTrue(exported.size() >= 5, "the French demo schools");
      assertTrue(exported.stream().allMatch(r -> !r.get("fields.typeEtablissement").isEmpty()), "the profile's fields are columns");
      String before = text("/api/v1/exports/schools.csv", hq);

      JsonNode job = platform.upload("?dryRun=true", file.body(), format.equals("csv") ? "text/csv" : XLSX, ncFrance);
      assertEquals("DONE", job.path("state").asText(), job.toString());
      JsonNode report = job.path("report");
      assertEquals(exported.size(), report.path("total").asInt(), job.toString());
      assertEquals(exported.size(), job.path("processed").asInt());
      assertEquals(0, report.path("invalid").asInt(), job.toString());
      assertEquals(0, report.path("duplicates").asInt(), format + ": no row is a duplicate of its own school: " + job);
      assertEquals(exported.size(), report.path("unchanged").asInt(), format + ": " + job);
      assertEquals(0, report.path("created").asInt());
      assertEquals(0, report.path("updated").asInt());
      assertEquals(0, report.path("written").asInt());
      assertEquals(0, report.path("rows").size(), "nothing worth a look: " + report.path("rows"));
      assertEquals(before, text("/api/v1/exports/schools.csv", hq), "a dry run writes nothing");
    }
  }

  /** A CSV file as a spreadsheet program saves it: every cell quoted, columns in {@code header} order. */
  private static String csvFile(List<String> header, List<Map<String, String>> rows) {
    StringBuilder out = new StringBuilder(String.join(",", header)).append("\r\n");
    for (Map<String, String> row : rows) {
      out.append(String.join(",", header.stream().map(k -> '"' + row.get(k).replace("\"", "\"\"") + '"').toList())).append("\r\n");
    }
    return out.toString();
  }

  private static List<String> header(String csv) {
    return List.of(csv.split("\r\n", 2)[0].split(","));
  }

  /**
   * The National Coordinator's round trip: export France, correct one cell of one row, import the
   * file back. The dry run shows that row updating that field and every other row unchanged; the
   * real run updates that school only (a new ETag, an audited edit), creates none.
   */
  @Test
  void aCorrectedCellOfAnExportedFileUpdatesItsSchoolAndNothingElse() throws Exception {
    String export = text("/api/v1/exports/schools.csv?country=FR", ncFrance);
    List<Map<String, String>> rows = csv(export);
    int line = 3; // the second school
    Map<String, String> corrected = new HashMap<>(rows.get(line - 2));
    String id = corrected.get("id");
    int students = corrected.get("students").isEmpty() ? 0 : Integer.parseInt(corrected.get("students"));
    corrected.put("students", String.valueOf(students + 151));
    List<Map<String, String>> file = new ArrayList<>(rows);
    file.set(line - 2, corrected);
    byte[] body = csvFile(header(export), file).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> was = platform.get("/api/v1/schools/" + id, "Authorization", "Bearer " + ncFrance);
    String etag = was.headers().firstValue("ETag").orElseThrow();

    JsonNode dry = platform.upload("?dryRun=true", body, "text/csv", ncFrance).path("report");
    assertEquals(rows.size(), dry.path("total").asInt(), dry.toString());
    assertEquals(0, dry.path("invalid").asInt(), dry.toString());
    assertEquals(0, dry.path("duplicates").asInt(), dry.toString());
    assertEquals(1, dry.path("updated").asInt(), dry.toString());
    assertEquals(rows.size() - 1, dry.path("unchanged").asInt(), "every other row: " + dry);
    assertEquals(0, dry.path("created").asInt());
    assertEquals(1, dry.path("rows").size(), dry.toString());
    JsonNode row = dry.path("rows").get(0);
    assertEquals(line, row.path("line").asInt(), row.toString());
    assertEquals("UPDATE", row.path("action").asText(), row.toString());
    assertEquals("[\"students\"]", row.path("changed").toString());
    assertEquals(etag, platform.get("/api/v1/schools/" + id, "Authorization", "Bearer " + ncFrance).headers().firstValue("ETag").orElseThrow(),
        "a dry run writes nothing");

    JsonNode done = platform.upload("?file=ecoles-corrigees.csv", body, "text/csv", ncFrance);
    assertEquals("DONE", done.path("state").asText(), done.toString());
    assertEquals(1, done.path("report").path("written").asInt(), done.toString());
    HttpResponse<String> now = platform.get("/api/v1/schools/" + id, "Authorization", "Bearer " + ncFrance);
    assertEquals(students + 151, JSON.readTree(now.body()).path("students").asInt(), now.body());
    assertFalse(etag.equals(now.headers().firstValue("ETag").orElseThrow()), "a new ETag");
    JsonNode after = JSON.readTree(was.body()).deepCopy();
    ((ObjectNode) after).put("students", students + 151);
    ((ObjectNode) after).remove("revision");
    ObjectNode nowWithoutRevision = ((ObjectNode) JSON.readTree(now.body()));
    nowWithoutRevision.remove("revision");
    assertEquals(after, nowWithoutRevision, "nothing else of the school changed");
    assertEquals(rows.size(), csv(text("/api/v1/exports/schools.csv?country=FR", ncFrance)).size(), "no school created");

    JsonNode audit = JSON.readTree(platform.get("/api/v1/audit?country=FR&limit=20", "Authorization", "Bearer " + ncFrance).body());
    List<JsonNode> edits = new ArrayList<>();
    audit.path("items").forEach(e -> {
      if (e.path("action").asText().equals("school.update") && e.path("entityId").asText().equals(id)) {
        edits.add(e);
      }
    });
    assertEquals(1, edits.size(), "one edit of that school in the audit log: " + audit);
    assertEquals(students + 151, edits.get(0).path("after").path("students").asInt(), edits.get(0).toString());
    assertEquals(students, edits.get(0).path("before").path("students").asInt(), edits.get(0).toString());
    assertTrue(audit.toString().contains("ecoles-corrigees.csv"), "and the import");

    JsonNode again = platform.upload("?dryRun=true", body, "text/csv", ncFrance).path("report");
    assertEquals(rows.size(), again.path("unchanged").asInt(), "imported once, the file repeats the directory: " + again);
  }

  /**
   * The few columns an NC corrects (id and name): the school keeps everything the file has no
   * column for; a row without an id in such a file is told each value a new school lacks.
   */
  @Test
  void aFileOfIdsAndNamesRenamesItsSchoolsOnly() throws Exception {
    String id = csv(text("/api/v1/exports/schools.csv?country=FR", ncFrance)).get(0).get("id");
    JsonNode was = JSON.readTree(platform.get("/api/v1/schools/" + id, "Authorization", "Bearer " + ncFrance).body());
    String renamed = was.path("name").asText() + " (renommé)";
    byte[] body = ("id,name\n" + id + ",\"" + renamed + "\"\n").getBytes(StandardCharsets.UTF_8);
    JsonNode done = platform.upload("?file=noms.csv", body, "text/csv", ncFrance);
    assertEquals("DONE", done.path("state").asText(), done.toString());
    assertEquals(1, done.path("report").path("updated").asInt(), done.toString());
    ObjectNode now = (ObjectNode) JSON.readTree(platform.get("/api/v1/schools/" + id, "Authorization", "Bearer " + ncFrance).body());
    assertEquals(renamed, now.path("name").asText());
    ObjectNode expected = was.deepCopy();
    expected.put("name", renamed);
    expected.remove("revision");
    now.remove("revision");
    assertEquals(expected, now, "nothing else of the school changed");

    JsonNode newRow = platform.upload("?dryRun=true", "id,name\n,Lycée sans adresse\n".getBytes(StandardCharsets.UTF_8), "text/csv", ncFrance)
        .path("report");
    assertEquals(1, newRow.path("invalid").asInt(), newRow.toString());
    List<String> fields = new ArrayList<>();
    newRow.path("rows").get(0).path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertTrue(fields.containsAll(List.of("city", "address", "email")), "each missing value of a new school: " + newRow);

    // an id as a spreadsheet writes a whole number is that school, so its second row is a repeat
    JsonNode spreadsheet = platform.upload("?dryRun=true&lang=en", ("id,students\r\n" + id + ",11\r\n" + id + ".0,14\r\n" + id + ".5,15\r\n")
        .getBytes(StandardCharsets.UTF_8), "text/csv", ncFrance).path("report");
    JsonNode repeated = spreadsheet.path("rows").get(1);
    assertEquals(3, repeated.path("line").asInt(), spreadsheet.toString());
    assertEquals("school " + id + " is already updated by line 2", repeated.path("errors").get(0).path("message").asText(), spreadsheet.toString());
    JsonNode fraction = spreadsheet.path("rows").get(2);
    assertEquals("id", fraction.path("errors").get(0).path("field").asText(), spreadsheet.toString());
    assertEquals("'" + id + ".5' is not a whole number", fraction.path("errors").get(0).path("message").asText());

    // an unknown parameter is told with the other parameters' mistakes, in one 400
    JsonNode wrong = platform.upload("?dryRun=maybe&duplicates=XX&format=pdf&country=ZZ&foo=1", "id\n".getBytes(StandardCharsets.UTF_8),
        "text/csv", ncFrance);
    assertEquals(400, wrong.path("httpStatus").asInt(), wrong.toString());
    List<String> named = new ArrayList<>();
    wrong.path("errors").forEach(e -> named.add(e.path("field").asText()));
    assertEquals(List.of("dryRun", "duplicates", "country", "format", "foo"), named, wrong.toString());
  }

  /** An NC of France naming German schools by their ids: a row error on {@code id}, nothing written. */
  @Test
  void aNationalCoordinatorCannotUpdateAnotherCountrysSchoolByItsId() throws Exception {
    String german = text("/api/v1/exports/schools.csv?country=DE", hq);
    List<Map<String, String>> rows = csv(german);
    Map<String, String> member = new HashMap<>(rows.stream().filter(r -> r.get("status").equals("MEMBER")).findFirst().orElseThrow());
    Map<String, String> candidate = new HashMap<>(rows.stream().filter(r -> !r.get("status").equals("MEMBER")).findFirst().orElseThrow());
    member.put("teachers", "7");
    candidate.put("teachers", "7");
    String memberTag = platform.get("/api/v1/schools/" + member.get("id"), "Authorization", "Bearer " + hq).headers().firstValue("ETag").orElseThrow();
    String candidateTag = platform.get("/api/v1/schools/" + candidate.get("id"), "Authorization", "Bearer " + hq).headers().firstValue("ETag").orElseThrow();

    JsonNode refused = platform.upload("?lang=en", csvFile(header(german), List.of(member, candidate)).getBytes(StandardCharsets.UTF_8),
        "text/csv", ncFrance);
    assertEquals("REFUSED", refused.path("state").asText(), refused.toString());
    JsonNode report = refused.path("report");
    assertEquals(2, report.path("invalid").asInt(), report.toString());
    assertEquals(0, report.path("written").asInt());
    JsonNode seen = report.path("rows").get(0).path("errors").get(0);
    assertEquals("id", seen.path("field").asText(), report.toString());
    assertEquals("you may not edit school " + member.get("id"), seen.path("message").asText(), "a member: seen by all, edited by its NC");
    JsonNode unseen = report.path("rows").get(1).path("errors").get(0);
    assertEquals("id", unseen.path("field").asText(), report.toString());
    assertEquals("There is no school " + candidate.get("id"), unseen.path("message").asText(), "a candidate the NC of France may not see");
    assertEquals(memberTag, platform.get("/api/v1/schools/" + member.get("id"), "Authorization", "Bearer " + hq).headers().firstValue("ETag").orElseThrow());
    assertEquals(candidateTag, platform.get("/api/v1/schools/" + candidate.get("id"), "Authorization", "Bearer " + hq).headers().firstValue("ETag").orElseThrow());
  }

  @Test
  void commasQuotesLineBreaksAndArabicChineseCyrillicSurviveAndFormulasAreGuarded() throws Exception {
    String[] names = {
        "مدرسة الأمل، \"النموذجية\", القاهرة",
        "北京市第一中学, \"实验\" 校区",
        "Гимназия №1 \"Лицей\", Москва",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+33 Lycée du Plus",
        "-Collège du Moins",
        "@École Arobase"};
    List<Long> memberships = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      ObjectNode s = JSON.createObjectNode();
      s.put("name", names[i]).put("country", "KZ").put("city", "Almaty " + i).put("address", "1, \"Main\" Street");
      s.putArray("levels").add("SECONDARY");
      s.put("email", "office" + i + "@kz.example.org");
      HttpResponse<String> r = platform.send("POST", "/api/v1/applications", JSON.writeValueAsString(s), "Content-Type", "application/json");
      assertEquals(201, r.statusCode(), r.body());
      memberships.add(JSON.readTree(r.body()).path("membershipId").asLong());
    }
    String comment = "Line one, with a comma\nline \"two\"\r\nline three";
    assertEquals(200, platform.send("POST", "/api/v1/memberships/" + memberships.get(0) + "/transitions",
        "{\"to\":\"UNDER_NATIONAL_REVIEW\",\"comment\":" + JSON.writeValueAsString(comment) + "}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq).statusCode());

    List<Map<String, String>> schools = csv(text("/api/v1/exports/schools.csv?country=KZ", hq));
    Set<String> exportedNames = new HashSet<>();
    for (Map<String, String> s : schools) {
      exportedNames.add(s.get("name"));
      assertEquals("1, \"Main\" Street", s.get("address"));
    }
    for (String name : names) {
      boolean risky = "=+-@".indexOf(name.charAt(0)) >= 0;
      assertTrue(exportedNames.contains(risky ? "'" + name : name), name + " in " + exportedNames);
    }
    List<Map<String, String>> history = csv(text("/api/v1/exports/memberships.csv?country=KZ", hq));
    assertTrue(history.stream().anyMatch(h -> comment.equals(h.get("comment"))), "the comment with its line breaks");
    // times to the second, as a spreadsheet shows them (stored times carry nanoseconds)
    history.forEach(h -> assertTrue(h.get("changedAt").isEmpty() || h.get("changedAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), h.toString()));

    // JSON keeps the text as it is (no guard needed outside spreadsheets)
    JsonNode json = JSON.readTree(text("/api/v1/exports/schools.json?country=KZ", hq));
    Set<String> jsonNames = new HashSet<>();
    json.forEach(s -> jsonNames.add(s.path("name").asText()));
    assertTrue(jsonNames.containsAll(List.of(names)), jsonNames.toString());
    String ndjson = text("/api/v1/exports/schools.ndjson?country=KZ", hq);
    assertEquals(names.length, ndjson.strip().split("\n").length);

    // XLSX: text cells only, never a formula; the risky ones with their apostrophe
    String sheet = xlsxSheet(get("/api/v1/exports/schools.xlsx?country=KZ", hq).body());
    assertFalse(sheet.contains("<f>") || sheet.contains("<f "), "no formula cells");
    assertTrue(sheet.contains("&apos;=HYPERLINK") || sheet.contains("'=HYPERLINK"), sheet);
    assertTrue(sheet.contains("北京市第一中学") && sheet.contains("Гимназия") && sheet.contains("مدرسة"), "scripts in XLSX");

    // and the round trip reads the guarded cells back as they were
    JsonNode job = platform.upload("?dryRun=true", text("/api/v1/exports/schools.csv?country=KZ", hq).getBytes(StandardCharsets.UTF_8), "text/csv", hq);
    assertEquals(0, job.path("report").path("invalid").asInt(), job.toString());
    assertEquals(names.length, job.path("report").path("unchanged").asInt(), "the same text as stored: " + job);
  }

  private static String xlsxSheet(byte[] xlsx) throws Exception {
    Path file = platform.root.resolve("sheet.xlsx");
    java.nio.file.Files.write(file, xlsx);
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry sheet = zip.getEntry("xl/worksheets/sheet1.xml");
      assertTrue(sheet != null, "no sheet1 in the XLSX file");
      String xml = new String(zip.getInputStream(sheet).readAllBytes(), StandardCharsets.UTF_8);
      // fastexcel writes characters beyond ASCII as character references (&#xc9;)
      return java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);").matcher(xml)
          .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1), 16))));
    }
  }

  @Test
  void aNationalCoordinatorNeverGetsAnotherCountrysRowAndThePublicOnlyPublicFieldsOfMembers() throws Exception {
    for (String dataset : List.of("schools", "memberships", "annual-reports")) {
      List<Map<String, String>> rows = csv(text("/api/v1/exports/" + dataset + ".csv", ncFrance));
      assertFalse(rows.isEmpty(), dataset);
      for (Map<String, String> r : rows) {
        assertEquals("FR", r.get("country"), dataset + ": " + r);
      }
      assertTrue(csv(text("/api/v1/exports/" + dataset + ".csv?country=DE", ncFrance)).isEmpty(), dataset + " of DE for the NC of FR");
      assertFalse(csv(text("/api/v1/exports/" + dataset + ".csv?country=DE", ncGermany)).isEmpty(), dataset + " of DE for the NC of DE");
    }
    List<Map<String, String>> ncSchools = csv(text("/api/v1/exports/schools.csv", ncFrance));
    assertTrue(ncSchools.stream().anyMatch(s -> !s.get("status").equals("MEMBER")), "the NC gets the candidates of FR");
    assertTrue(ncSchools.stream().allMatch(s -> s.get("email").contains("@")), "with their contacts");

    String open = text("/api/v1/exports/schools.csv", null);
    assertFalse(open.contains("@"), "no email for the public");
    assertFalse(open.split("\r\n", 2)[0].contains("email"));
    List<Map<String, String>> members = csv(open);
    assertTrue(members.size() >= 180, "the demo members: " + members.size());
    assertTrue(members.stream().allMatch(s -> s.get("status").equals("MEMBER")), "members only");
    assertFalse(new String(get("/api/v1/exports/schools.json", null).body(), StandardCharsets.UTF_8).contains("@"));
    assertEquals(401, get("/api/v1/exports/memberships.csv", null).statusCode());
    assertEquals(401, get("/api/v1/exports/annual-reports.csv", null).statusCode());
    // a file the request turns down by name is a 406, though it accepts anything else
    assertEquals(406, platform.get("/api/v1/exports/schools.csv", "Accept", "text/csv;q=0, */*").statusCode());
    assertEquals(200, platform.get("/api/v1/exports/schools.csv", "Accept", "application/json").statusCode(),
        "the path chooses the format; naming JSON (for errors) is no refusal");

    // every time column to the second, a report submitted just now too (stored times carry nanoseconds)
    int year = java.time.LocalDate.now().getYear() - 1;
    JsonNode owing = JSON.readTree(platform.get("/api/v1/countries/FR/annual-reports/" + year + "?state=MISSING",
        "Authorization", "Bearer " + hq).body()).path("items");
    assertTrue(owing.size() > 0, "a French member owes last year's report in the demo: " + owing);
    long reporting = owing.get(0).path("schoolId").asLong();
    HttpResponse<String> sent = platform.send("PUT", "/api/v1/schools/" + reporting + "/annual-reports/" + year,
        "{\"activities\":\"Sandwatch day\",\"themes\":[\"ESD\"],\"studentsInvolved\":40,\"teachersInvolved\":3}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq);
    assertEquals(201, sent.statusCode(), sent.body());
    Map<String, String> row = csv(text("/api/v1/exports/annual-reports.csv?country=FR&year=" + year, hq)).stream()
        .filter(r -> r.get("schoolId").equals(String.valueOf(reporting))).findFirst().orElseThrow();
    assertTrue(row.get("submittedAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), row.toString());

    String geo = text("/api/v1/exports/schools.geojson", hq);
    JsonNode features = JSON.readTree(geo).path("features");
    assertTrue(features.size() >= 100, "member schools as points");
    features.forEach(f -> assertEquals("MEMBER", f.path("properties").path("status").asText()));
    assertEquals(400, get("/api/v1/exports/memberships.geojson", hq).statusCode(), "no coordinates, no map");
    assertEquals(404, get("/api/v1/exports/nothing.csv", hq).statusCode());
    assertEquals(404, get("/api/v1/exports/schools.doc", hq).statusCode());
    assertEquals(400, get("/api/v1/exports/schools.csv?colour=red", hq).statusCode());
    assertEquals(400, get("/api/v1/exports/schools.csv?status=HAPPY", hq).statusCode());

    JsonNode catalogue = JSON.readTree(text("/api/v1/exports", null));
    Set<String> formats = new HashSet<>();
    catalogue.path("formats").forEach(f -> formats.add(f.path("name").asText()));
    assertEquals(Set.of("csv", "json", "ndjson", "xlsx", "geojson"), formats);
    Set<String> datasets = new HashSet<>();
    catalogue.path("datasets").forEach(f -> datasets.add(f.path("name").asText()));
    assertTrue(datasets.containsAll(Set.of("schools", "memberships", "annual-reports")), datasets.toString());
  }

  @Test
  void campaignParticipationsAndSubmissionsExportWithinTheCallersView() throws Exception {
    String catalogue = text("/api/v1/exports", null);
    assertTrue(catalogue.contains("\"participations\"") && catalogue.contains("\"submissions\""), catalogue);
    List<Map<String, String>> participations = csv(text("/api/v1/exports/participations.csv", hq));
    assertFalse(participations.isEmpty(), "the demo campaigns have participants");
    assertTrue(participations.stream().anyMatch(r -> r.get("module").equals("trash-hack")));

    List<Map<String, String>> everything = csv(text("/api/v1/exports/submissions.csv", hq));
    List<Map<String, String>> publicOnes = csv(text("/api/v1/exports/submissions.csv", null));
    assertFalse(publicOnes.isEmpty());
    assertTrue(publicOnes.stream().allMatch(r -> r.get("status").equals("APPROVED")), "the public sees approved submissions only");
    assertEquals(everything.stream().filter(r -> r.get("status").equals("APPROVED")).count(), publicOnes.size());
    assertTrue(everything.size() > publicOnes.size(), "HQ also sees pending and rejected ones");
    List<Map<String, String>> french = csv(text("/api/v1/exports/submissions.csv?status=PENDING", ncFrance));
    assertTrue(french.stream().allMatch(r -> r.get("country").equals("FR")), "an NC sees the pending work of their country only: " + french);
    JsonNode metrics = JSON.readTree(publicOnes.get(0).get("metrics"));
    assertTrue(metrics.isObject(), "the module's metrics as JSON");
    assertEquals(400, get("/api/v1/exports/submissions.csv?status=LOST", hq).statusCode());
  }

  @Test
  void aRealImportWritesEveryRowOrNoneWithinTheCoordinatorsCountryAndIsAudited() throws Exception {
    // France's national profile (shipped in plugins/) asks for the académie, the UAI and the type of school
    String good = "Nom;Ville;Adresse;Niveaux;Courriel;Élèves;Langues;Académie;Code UAI;fields.typeEtablissement\n"
        + "Lycée Importé Un;Nantes;1 rue A;SECONDARY;un@import.example.org;300;fr;nantes;" + FrenchSchools.uai() + ";lycee\n"
        + "Collège Importé Deux;Nantes;2 rue B;SECONDARY;deux@import.example.org;200;\"fr,en\";nantes;" + FrenchSchools.uai() + ";college\n";
    String bad = "Nom;Ville;Adresse;Niveaux;Courriel;Élèves;Langues;Académie;Code UAI;fields.typeEtablissement\n"
        + "Lycée Importé Trois;Nantes;1 rue A;SECONDARY;un@import.example.org;300;fr;nantes;" + FrenchSchools.uai() + ";lycee\n"
        + "Collège Importé Quatre;Nantes;2 rue B;SECONDARY;deux@import.example.org;200;fr;nantes;" + FrenchSchools.uai() + ";college\n"
        + "École Sans Niveau;Nantes;3 rue C;;trois@import.example.org;100;fr;nantes;" + FrenchSchools.uai() + ";ecole\n";
    int before = csv(text("/api/v1/exports/schools.csv?country=FR", ncFrance)).size();

    assertEquals(401, platform.upload("?dryRun=true", good.getBytes(StandardCharsets.UTF_8), "text/csv", null).path("httpStatus").asInt());
    // curl's default Content-Type for --data-binary is a form: ?format= names the file's, and the
    // body stays the file (Jetty read it as form fields, and the 400 echoed them)
    JsonNode asForm = platform.upload("?dryRun=true&format=csv", good.getBytes(StandardCharsets.UTF_8),
        "application/x-www-form-urlencoded", ncFrance);
    assertEquals("DONE", asForm.path("state").asText(), asForm.toString());
    assertEquals(0, asForm.path("report").path("invalid").asInt(), asForm.toString());
    assertTrue(asForm.path("report").path("valid").asInt() > 0, asForm.toString());
    JsonNode ods = platform.upload("?dryRun=true&format=ods", good.getBytes(StandardCharsets.UTF_8), "text/csv", ncFrance);
    assertEquals(400, ods.path("httpStatus").asInt(), "a format we do not read, told on the parameter: " + ods);
    assertEquals("format", ods.path("errors").get(0).path("field").asText(), ods.toString());

    JsonNode refused = platform.upload("", bad.getBytes(StandardCharsets.UTF_8), "text/csv", ncFrance);
    assertEquals("REFUSED", refused.path("state").asText(), refused.toString());
    assertEquals(1, refused.path("report").path("invalid").asInt());
    JsonNode errorRow = refused.path("report").path("rows").get(0);
    assertEquals(4, errorRow.path("line").asInt());
    assertEquals("levels", errorRow.path("errors").get(0).path("field").asText(), errorRow.toString());
    assertEquals(before, csv(text("/api/v1/exports/schools.csv?country=FR", ncFrance)).size(), "all or none: none");

    JsonNode german = platform.upload("?dryRun=true", ("name,country,city,address,levels,email\n"
        + "Gymnasium Import,DE,Bonn,1 Straße,SECONDARY,g@import.example.org\n").getBytes(StandardCharsets.UTF_8), "text/csv", ncFrance);
    assertEquals("country", german.path("report").path("rows").get(0).path("errors").get(0).path("field").asText(), german.toString());

    JsonNode written = platform.upload("", good.getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8", ncFrance);
    assertEquals("DONE", written.path("state").asText(), written.toString());
    assertEquals(2, written.path("report").path("written").asInt());
    List<Map<String, String>> after = csv(text("/api/v1/exports/schools.csv?country=FR", ncFrance));
    assertEquals(before + 2, after.size());
    Map<String, String> imported = after.stream().filter(s -> s.get("name").equals("Collège Importé Deux")).findFirst().orElseThrow();
    assertEquals("APPLIED", imported.get("status"));
    assertEquals("fr;en", imported.get("languages"));
    assertEquals("college", imported.get("fields.typeEtablissement"), "a national profile field is a column, both ways");
    assertEquals("nantes", imported.get("unit"));

    JsonNode noUai = platform.upload("?dryRun=true", ("name,country,unit,city,address,levels,email,fields.typeEtablissement\n"
        + "Lycée Sans UAI,FR,nantes,Nantes,4 rue D,SECONDARY,d@import.example.org,lycee\n").getBytes(StandardCharsets.UTF_8), "text/csv", ncFrance);
    assertEquals("nationalId", noUai.path("report").path("rows").get(0).path("errors").get(0).path("field").asText(), noUai.toString());
    // The row errors of national fields speak the request's language, as an application's do
    String noUaiMessage = noUai.path("report").path("rows").get(0).path("errors").get(0).path("message").asText();
    var inFrench = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://localhost:" + platform.port + "/api/v1/imports?dryRun=true"))
        .header("Content-Type", "text/csv").header("Accept-Language", "fr").header("Authorization", "Bearer " + ncFrance)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("name,country,unit,city,address,levels,email,fields.typeEtablissement\n"
            + "Lycée Sans UAI,FR,nantes,Nantes,4 rue D,SECONDARY,d@import.example.org,lycee\n"))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    String frenchMessage = JSON.readTree(inFrench.body()).path("report").path("rows").get(0).path("errors").get(0).path("message").asText();
    assertTrue(frenchMessage.startsWith("le numéro UAI est obligatoire"), noUaiMessage + " / " + inFrench.body());

    JsonNode again = platform.upload("", good.getBytes(StandardCharsets.UTF_8), "text/csv", ncFrance);
    assertEquals("REFUSED", again.path("state").asText(), "the same file twice: duplicates refused");
    assertEquals(2, again.path("report").path("duplicates").asInt());
    assertEquals(again.path("total").asInt(), again.path("processed").asInt(), "refused once every row was read: " + again);
    JsonNode skipDry = platform.upload("?dryRun=true&duplicates=skip", good.getBytes(StandardCharsets.UTF_8), "text/csv", ncFrance);
    assertEquals(2, skipDry.path("report").path("duplicates").asInt(), skipDry.toString());
    assertEquals(0, skipDry.path("report").path("created").asInt(), "the duplicates it would skip are not created: " + skipDry);
    JsonNode skipped = platform.upload("?duplicates=skip", good.getBytes(StandardCharsets.UTF_8), "text/csv", ncFrance);
    assertEquals(0, skipped.path("report").path("written").asInt(), skipped.toString());
    assertEquals(0, skipped.path("report").path("created").asInt(), skipped.toString());

    String id = written.path("id").asText();
    assertEquals(200, platform.get("/api/v1/imports/" + id, "Authorization", "Bearer " + ncFrance).statusCode());
    assertEquals(404, platform.get("/api/v1/imports/" + id, "Authorization", "Bearer " + ncGermany).statusCode(), "not theirs");
    String audit = platform.get("/api/v1/audit?country=FR", "Authorization", "Bearer " + ncFrance).body();
    assertTrue(audit.contains("schools.import"), audit);

    String focal = token("school.1@demo.aspnet.local");
    assertEquals(403, platform.upload("?dryRun=true", good.getBytes(StandardCharsets.UTF_8), "text/csv", focal).path("httpStatus").asInt());
  }

  /**
   * What reading the file finds is in the importer's language, as the rows' checks are: a French
   * NC's dry run read "Élèves : 'abc' is not a whole number" before.
   */
  @Test
  void aDryRunInFrenchSaysInFrenchThatACellIsNotAWholeNumber() throws Exception {
    HttpResponse<String> inFrench = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + platform.port + "/api/v1/imports?dryRun=true"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "text/csv").header("Accept-Language", "fr").header("Authorization", "Bearer " + ncFrance)
        .POST(HttpRequest.BodyPublishers.ofString("Nom;Ville;Adresse;Niveaux;Courriel;Élèves;Académie\n"
            + "Lycée Compté En Lettres;Nantes;5 rue E;SECONDARY;lettres@import.example.org;abc;nantes\n", StandardCharsets.UTF_8))
        .build(), HttpResponse.BodyHandlers.ofString());
    JsonNode job = JSON.readTree(inFrench.body());
    for (int polled = 0; inFrench.statusCode() == 202 && job.path("state").asText().matches("QUEUED|RUNNING") && polled < 600; polled++) {
      Thread.sleep(100); // a busy machine: the job goes on after the answer
      job = JSON.readTree(platform.get("/api/v1/imports/" + job.path("id").asText(), "Authorization", "Bearer " + ncFrance).body());
    }
    assertEquals("DONE", job.path("state").asText(), inFrench.statusCode() + " " + job);
    JsonNode report = job.path("report");
    assertEquals(1, report.path("invalid").asInt(), job.toString());
    JsonNode students = null;
    for (JsonNode error : report.path("rows").get(0).path("errors")) {
      if (error.path("field").asText().equals("students")) {
        students = error;
      }
    }
    assertTrue(students != null, "an error of students: " + job);
    assertEquals("'abc' n'est pas un nombre entier", students.path("message").asText(), job.toString());
    assertEquals("Élèves", job.path("columns").path("headers").path("students").asText(),
        "the console names it as the file does: " + job);
  }

  @Test
  void anUnreadableFileIsA400SayingWhereAndARowWithCellsUnderNoHeaderIsAnErrorOfThatRow() throws Exception {
    JsonNode unclosed = platform.upload("?dryRun=true", ("name,country,city,address,levels,email\n"
        + "\"Unterminated,KE,Nairobi,x,PRIMARY,a@example.org\n").getBytes(StandardCharsets.UTF_8), "text/csv", ncFrance);
    // answered as a problem while the client waits, like a corrupt XLSX refused before the job starts
    assertEquals(400, unclosed.path("httpStatus").asInt(), unclosed.toString());
    assertEquals("FAILED", unclosed.path("state").asText(), unclosed.toString());
    assertEquals("The file cannot be read: line 2: a quoted field is not closed", unclosed.path("detail").asText(), unclosed.toString());
    assertTrue(unclosed.path("incident").isMissingNode(), "the sender's problem, not a server fault: " + unclosed);
    String job = unclosed.path("job").asText();
    assertFalse(job.isEmpty(), unclosed.toString());
    assertFalse(platform.log().contains(job), "nothing logged as a failure");
    JsonNode kept = JSON.readTree(platform.get("/api/v1/imports/" + job, "Authorization", "Bearer " + ncFrance).body());
    assertEquals(400, kept.path("problem").path("status").asInt(), "the job keeps its problem: " + kept);

    JsonNode overlong = platform.upload("?dryRun=true", ("name,country,city,address,levels,email\n"
        + "Extra Cells School,KE,Nairobi,1 Main Street,SECONDARY,extra@import.example.org,boarding school\n"
        + "Trailing Commas School,KE,Nairobi,2 Main Street,SECONDARY,commas@import.example.org,,\n")
        .getBytes(StandardCharsets.UTF_8), "text/csv", hq);
    assertEquals("DONE", overlong.path("state").asText(), overlong.toString());
    assertEquals(2, overlong.path("report").path("total").asInt(), overlong.toString());
    assertEquals(1, overlong.path("report").path("invalid").asInt(), overlong.toString());
    JsonNode row = overlong.path("report").path("rows").get(0);
    assertEquals(2, row.path("line").asInt(), row.toString());
    assertEquals("cells", row.path("errors").get(0).path("field").asText(), row.toString());
    assertEquals("row 2 has 7 cells, the header has 6", row.path("errors").get(0).path("message").asText(), row.toString());
  }

  private static final String SHEET = "xl/worksheets/sheet1.xml";

  /** The parts of an XLSX file by name, to edit one and zip them again. */
  private static Map<String, byte[]> parts(byte[] xlsx) throws Exception {
    Path file = Files.createTempFile(platform.root, "parts-", ".xlsx");
    Files.write(file, xlsx);
    Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        parts.put(e.getName(), zip.getInputStream(e).readAllBytes());
      }
    }
    Files.delete(file);
    return parts;
  }

  private static byte[] zipped(Map<String, byte[]> parts) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : parts.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** France exported as XLSX, its sheet edited as text. */
  private static byte[] frenchXlsx(java.util.function.UnaryOperator<String> edit) throws Exception {
    Map<String, byte[]> parts = parts(get("/api/v1/exports/schools.xlsx?country=FR", ncFrance).body());
    String sheet = new String(parts.get(SHEET), StandardCharsets.UTF_8);
    String edited = edit.apply(sheet);
    assertFalse(edited.equals(sheet), "the edit changes the sheet");
    parts.put(SHEET, edited.getBytes(StandardCharsets.UTF_8));
    return zipped(parts);
  }

  /** The sheet with cell {@code ref} (of row 3) replaced by {@code cell}, or added to its row. */
  private static String cell(String sheet, String ref, String cell) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<c r=\"" + ref + "\"[^>]*?(/>|>.*?</c>)").matcher(sheet);
    if (m.find()) {
      return sheet.substring(0, m.start()) + cell + sheet.substring(m.end());
    }
    int row = sheet.indexOf("</row>", sheet.indexOf("<row r=\"3\""));
    return sheet.substring(0, row) + cell + sheet.substring(row);
  }

  /**
   * The tester's file: an export of France where row 3 has 1e999999999 students (written out, a
   * string of a billion digits: OutOfMemoryError, the job left RUNNING) and a latitude of
   * 1e50000000 (a string of 50 MB). Each is an error of its column (out of its range), as in a CSV file.
   */
  @Test
  void anXlsxCellOfABillionDigitsIsAnErrorOfItsColumnAndNothingIsWritten() throws Exception {
    byte[] xlsx = frenchXlsx(sheet -> cell(cell(sheet, "L3", "<c r=\"L3\" t=\"n\"><v>1e999999999</v></c>"),
        "G3", "<c r=\"G3\" t=\"n\"><v>1e50000000</v></c>"));
    String before = text("/api/v1/exports/schools.csv", hq);
    JsonNode dry = platform.upload("?dryRun=true", xlsx, XLSX, ncFrance);
    assertEquals("DONE", dry.path("state").asText(), dry.toString());
    assertEquals(1, dry.path("report").path("invalid").asInt(), dry.toString());
    JsonNode row = dry.path("report").path("rows").get(0);
    assertEquals(3, row.path("line").asInt(), row.toString());
    Map<String, String> errors = new java.util.TreeMap<>();
    row.path("errors").forEach(e -> errors.put(e.path("field").asText(), e.path("message").asText()));
    // numbers beyond every range: out of the field's range, as in a JSON body, not "not a number"
    assertEquals(Map.of("latitude", "must be between -90 and 90", "students", "must be between 0 and 1000000"), errors);

    JsonNode refused = platform.upload("?file=absurd.xlsx", xlsx, XLSX, ncFrance);
    assertEquals("REFUSED", refused.path("state").asText(), refused.toString());
    assertEquals(0, refused.path("report").path("written").asInt());
    assertEquals(before, text("/api/v1/exports/schools.csv", hq), "nothing written");
  }

  /**
   * A malformed XLSX file, whether its header or a later row cannot be read: 400 with the job
   * (FAILED, keeping its problem) and plain words, no incident, nothing at ERROR in the log. The
   * file that named column FXSHRXW (two billion) would have filled the platform's heap.
   */
  @Test
  void aMalformedXlsxIsA400NamingItsJobNeverA500() throws Exception {
    Map<String, byte[]> noSheet = parts(get("/api/v1/exports/schools.xlsx?country=FR", ncFrance).body());
    noSheet.remove(SHEET);
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    files.put("a part of it is missing: xl/worksheets/sheet1.xml not found", zipped(noSheet));
    files.put("its XML is not well-formed (", frenchXlsx(sheet -> sheet.substring(0, sheet.length() / 2)));
    files.put("it uses an XML entity (&xxe;), which no spreadsheet program writes", frenchXlsx(sheet -> sheet
        .replaceFirst("<worksheet", "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><worksheet")
        .replaceFirst("(<t(?: [^>]*)?>)", "$1&xxe;")));
    files.put("cell ZZZZZZZ99999999999 is beyond the last column (XFD) or row (1,048,576) of a spreadsheet",
        frenchXlsx(sheet -> sheet.replaceFirst("r=\"B3\"", "r=\"ZZZZZZZ99999999999\"")));
    files.put("cell FXSHRXW2 is beyond the last column (XFD) or row (1,048,576) of a spreadsheet",
        frenchXlsx(sheet -> sheet.replaceFirst("r=\"B2\"", "r=\"FXSHRXW2\"")));
    files.put("its XML holds a character XML does not allow (0x1)", frenchXlsx(sheet -> sheet.replaceFirst("(<t(?: [^>]*)?>)", "$1&#x1;")));
    // a text cell naming a shared text the file does not have (an export has none): never read as empty,
    // which an update row would take for a value to clear; nor said in the parser's words
    files.put("cell O3 cannot be read: it names text 6 of the file's shared texts, which has none",
        frenchXlsx(sheet -> cell(sheet, "O3", "<c r=\"O3\" t=\"s\"><v>5</v></c>")));
    files.put("cell O3 cannot be read: a text cell holds the number of a shared text, not \"abc\"",
        frenchXlsx(sheet -> cell(sheet, "O3", "<c r=\"O3\" t=\"s\"><v>abc</v></c>")));
    files.put("it is not a ZIP archive, as an XLSX file is; save it again from Excel or LibreOffice as .xlsx",
        "name,city\nLycée,Lyon\n".getBytes(StandardCharsets.UTF_8));
    List<String> jobs = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      JsonNode refused = platform.upload("?dryRun=true", file.getValue(), XLSX, ncFrance);
      assertEquals(400, refused.path("httpStatus").asInt(), file.getKey() + ": " + refused);
      assertEquals("FAILED", refused.path("state").asText(), refused.toString());
      String detail = refused.path("detail").asText();
      assertTrue(detail.startsWith("The file cannot be read: not a readable XLSX file") && detail.contains(file.getKey()),
          file.getKey() + ": " + refused);
      assertFalse(detail.contains("root:"), "no file's content: " + detail);
      assertTrue(refused.path("incident").isMissingNode(), refused.toString());
      String job = refused.path("job").asText();
      assertFalse(job.isEmpty(), refused.toString());
      jobs.add(job);
      JsonNode kept = JSON.readTree(platform.get("/api/v1/imports/" + job, "Authorization", "Bearer " + ncFrance).body());
      assertEquals(400, kept.path("problem").path("status").asInt(), kept.toString());
      assertEquals("FAILED", kept.path("state").asText());
    }
    String log = platform.log();
    for (String job : jobs) {
      assertFalse(log.contains(job), "nothing logged for the sender's bad file: " + job);
    }
    assertFalse(log.contains("ExcelReaderException") || log.contains("OutOfMemoryError"), "no stack trace");
    assertEquals(200, platform.get("/api/v1/health").statusCode(), "and the platform is well");
  }

  /**
   * A CSV file saved by Excel as "CSV (comma delimited)" is Windows-1252: refused at the line of
   * its first accent with how to save it as UTF-8, where it was imported with U+FFFD instead.
   */
  @Test
  void aCsvThatIsNotUtf8IsA400SayingWhereAndHowToSaveItAndABomIsRead() throws Exception {
    String file = "Nom;Ville;Adresse;Niveaux;Courriel\r\nLycee Hugo;Lyon;1 rue A;SECONDARY;a@import.example.org\r\n"
        + "Lyc\u00e9e Camus;Orl\u00e9ans;2 rue B;SECONDARY;b@import.example.org\r\n";
    JsonNode refused = platform.upload("?dryRun=true", file.getBytes(java.nio.charset.Charset.forName("windows-1252")), "text/csv", ncFrance);
    assertEquals(400, refused.path("httpStatus").asInt(), refused.toString());
    assertEquals("FAILED", refused.path("state").asText(), refused.toString());
    String detail = refused.path("detail").asText();
    assertTrue(detail.startsWith("The file cannot be read: line 3 is not UTF-8 (byte 0xE9)"), detail);
    assertTrue(detail.contains("\"CSV UTF-8 (comma delimited)\"") && detail.contains("\"Unicode (UTF-8)\""), detail);

    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] utf8 = file.getBytes(StandardCharsets.UTF_8);
    byte[] saved = java.util.Arrays.copyOf(bom, bom.length + utf8.length);
    System.arraycopy(utf8, 0, saved, bom.length, utf8.length);
    JsonNode read = platform.upload("?dryRun=true", saved, "text/csv", ncFrance);
    assertEquals("DONE", read.path("state").asText(), read.toString());
    assertEquals(2, read.path("report").path("total").asInt(), read.toString());
    List<String> names = new ArrayList<>();
    read.path("report").path("rows").forEach(r -> names.add(r.path("name").asText()));
    assertTrue(names.contains("Lycée Camus"), "the accents as written: " + names); // listed: no UAI, no académie
  }

  /**
   * The audit log is read by country: HQ's import of French and German schools is one entry for
   * France, with France's counts, read by the NC of France, and one for Germany, read by the NC of
   * Germany (it was one entry without a country, which neither could read).
   */
  @Test
  void anImportOfSeveralCountriesIsInTheAuditOfEachCountry() throws Exception {
    // each row with what its national profile asks (France: académie, UAI, type; Germany: Land, Schulform)
    String file = "name,country,unit,city,address,levels,email,nationalId,fields.typeEtablissement,fields.schulform\n"
        + "Lycée Européen Un,FR,nantes,Nantes,1 rue de l'Europe,SECONDARY,eu1@import.example.org," + FrenchSchools.uai() + ",lycee,\n"
        + "Collège Européen Deux,FR,nantes,Nantes,2 rue de l'Europe,SECONDARY,eu2@import.example.org," + FrenchSchools.uai() + ",college,\n"
        + "Europa-Gymnasium Drei,DE,NW,Köln,Europaplatz 3,SECONDARY,eu3@import.example.org,,,gymnasium\n";
    JsonNode done = platform.upload("?file=europe-audit.csv", file.getBytes(StandardCharsets.UTF_8), "text/csv", hq);
    assertEquals("DONE", done.path("state").asText(), done.toString());
    assertEquals(3, done.path("report").path("written").asInt(), done.toString());

    Map<String, JsonNode> seen = new HashMap<>();
    for (Map.Entry<String, String> reader : Map.of("FR", ncFrance, "DE", ncGermany).entrySet()) {
      JsonNode audit = JSON.readTree(platform.get("/api/v1/audit?limit=100", "Authorization", "Bearer " + reader.getValue()).body());
      List<JsonNode> entries = new ArrayList<>();
      audit.path("items").forEach(e -> {
        if (e.path("action").asText().equals("schools.import") && e.path("entityId").asText().equals("europe-audit.csv")) {
          entries.add(e);
        }
      });
      assertEquals(1, entries.size(), "the NC of " + reader.getKey() + " sees the import: " + audit);
      assertEquals(reader.getKey(), entries.get(0).path("country").asText());
      seen.put(reader.getKey(), entries.get(0).path("after"));
    }
    assertEquals(2, seen.get("FR").path("created").asInt(), seen.toString());
    assertEquals(2, seen.get("FR").path("written").asInt(), seen.toString());
    assertEquals(1, seen.get("DE").path("created").asInt(), seen.toString());
    assertEquals(3, seen.get("DE").path("rows").asInt(), "the file's rows: " + seen);
    assertEquals("[\"DE\",\"FR\"]", seen.get("FR").path("countries").toString());
    JsonNode all = JSON.readTree(platform.get("/api/v1/audit?limit=200", "Authorization", "Bearer " + hq).body());
    long forHq = java.util.stream.StreamSupport.stream(all.path("items").spliterator(), false)
        .filter(e -> e.path("entityId").asText().equals("europe-audit.csv")).count();
    assertEquals(2, forHq, "HQ reads both");
  }

  @Test
  void aBooleanOptionIsTrueOrFalseAndAnythingElseA400NamingIt() throws Exception {
    HttpResponse<byte[]> maybe = get("/api/v1/exports/schools.csv?bom=maybe", hq);
    String body = new String(maybe.body(), StandardCharsets.UTF_8);
    assertEquals(400, maybe.statusCode(), body);
    assertTrue(maybe.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), maybe.headers().toString());
    assertFalse(maybe.headers().firstValue("Content-Disposition").isPresent(), "no file: " + maybe.headers());
    assertEquals("bom", JSON.readTree(body).path("errors").get(0).path("field").asText(), body);
    assertEquals(400, get("/api/v1/exports/schools.csv?country=FR&bom=1", ncFrance).statusCode());
    assertEquals('\uFEFF', text("/api/v1/exports/schools.csv?country=FR&bom=TRUE", ncFrance).charAt(0));
    assertEquals('\uFEFF', text("/api/v1/exports/schools.csv?country=FR&bom", ncFrance).charAt(0), "a bare bom is true");
    assertEquals('i', text("/api/v1/exports/schools.csv?country=FR&bom=False", ncFrance).charAt(0), "the header's id, no BOM");
    // downloaded beside the plain file, the one for Excel does not replace it
    assertTrue(get("/api/v1/exports/schools.csv?country=FR&bom=true", ncFrance).headers().firstValue("Content-Disposition")
        .orElseThrow().matches("attachment; filename=\"aspnet-schools-FR-\\d{4}-\\d\\d-\\d\\d-excel\\.csv\""));
    assertTrue(get("/api/v1/exports/schools.csv?country=FR&bom=false", ncFrance).headers().firstValue("Content-Disposition")
        .orElseThrow().matches("attachment; filename=\"aspnet-schools-FR-\\d{4}-\\d\\d-\\d\\d\\.csv\""));
  }

  @Test
  void searchesDuringABigImportAreAnsweredOrToldToRetryAndNeverFail() throws Exception {
    // A real import holds what it writes until it commits: on Derby soon the whole word index, and
    // at times (when Derby escalates its row locks) the whole school table.
    StringBuilder file = new StringBuilder("name,country,city,address,levels,email\n");
    int rows = 6000;
    for (int i = 1; i <= rows; i++) {
      file.append("Busy Import School ").append(i).append(",ES,Busytown ").append(i % 50).append(",").append(i)
          .append(" Calle Mayor,SECONDARY,busy").append(i).append("@import.example.org\n");
    }
    // Words of schools already there, in France (untouched by the import) and in Spain (where it
    // writes): searches that would read the word index the import is writing (they read the
    // schools themselves meanwhile; WordIndexTest checks that path).
    String france = searchFor("FR");
    String spain = searchFor("ES");
    java.util.concurrent.CompletableFuture<JsonNode> importing = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return platform.upload("", file.toString().getBytes(StandardCharsets.UTF_8), "text/csv", hq);
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
    Map<String, Integer> answers = new java.util.TreeMap<>();
    long slowest = 0;
    while (!importing.isDone()) {
      for (String search : List.of(france, spain)) {
        long start = System.nanoTime();
        HttpResponse<byte[]> r = get(search, hq);
        long ms = (System.nanoTime() - start) / 1_000_000;
        slowest = Math.max(slowest, ms);
        answers.merge((search == france ? "FR " : "ES ") + r.statusCode(), 1, Integer::sum);
        if (r.statusCode() == 503) {
          // caught behind what the import holds: told to come back, after the lock timeout
          assertEquals("5", r.headers().firstValue("Retry-After").orElse(null));
          assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
          assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("database-busy"));
        } else {
          assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        }
      }
      Thread.sleep(100);
    }
    JsonNode done = importing.get();
    assertEquals("DONE", done.path("state").asText(), done.toString());
    assertEquals(rows, done.path("report").path("written").asInt());
    assertTrue(answers.values().stream().mapToInt(Integer::intValue).sum() >= 4, "searched while the import ran: " + answers);
    assertTrue(slowest < (LOCK_TIMEOUT_SECONDS + 3) * 1000L, "no search waited much longer than the lock timeout: " + slowest + " ms");
    JsonNode found = JSON.readTree(text("/api/v1/schools?country=ES&q=busy&limit=5", hq));
    assertEquals(5, found.path("items").size(), "searchable once written");
  }

  /** A search of a country for a word of the name of one of its schools. */
  private static String searchFor(String country) throws Exception {
    String name = JSON.readTree(text("/api/v1/schools?limit=1&country=" + country, hq)).path("items").get(0).path("name").asText();
    String word = java.util.Arrays.stream(name.split("[^\\p{L}]+")).filter(w -> w.length() >= 3).findFirst().orElseThrow();
    return "/api/v1/schools?limit=20&country=" + country + "&q=" + java.net.URLEncoder.encode(word, StandardCharsets.UTF_8);
  }

  @Test
  void aBrokenExporterPluginFailsOnlyItsOwnFormat() throws Exception {
    Path geojson = Installation.ASSEMBLED.resolve("plugins/org.unesco.aspnet.export.geojson.jar");
    String component = Jars.entry(geojson, "OSGI-INF/org.unesco.aspnet.export.geojson.internal.GeoJsonExporter.xml");
    assertTrue(component != null && component.contains("GeoJsonExporter"), "the plugin's component description");
    String broken = component
        .replace("org.unesco.aspnet.export.geojson.internal.GeoJsonExporter\"", "org.unesco.aspnet.export.broken.Missing\"")
        .replace("value=\"geojson\"", "value=\"broken\"")
        .replace("name=\"org.unesco.aspnet.export.geojson.internal.GeoJsonExporter\"", "name=\"broken\"");
    assertTrue(broken.contains("Missing") && broken.contains("broken"), broken);
    Path jar = Jars.variant(geojson, platform.root.resolve("broken.jar"),
        Map.of("Bundle-SymbolicName", "org.unesco.aspnet.export.broken"),
        Map.of("OSGI-INF/org.unesco.aspnet.export.geojson.internal.GeoJsonExporter.xml", broken));
    platform.deployPlugin(jar, "broken.jar");
    Installation.await("the broken plugin installed", Duration.ofSeconds(20), () -> platform.log().contains("Missing")
        || platform.get("/api/v1/plugins", "Authorization", "Bearer " + platform.adminToken()).body().contains("org.unesco.aspnet.export.broken"));
    Thread.sleep(1000);
    HttpResponse<byte[]> r = get("/api/v1/exports/schools.broken", hq);
    assertTrue(r.statusCode() == 404 || r.statusCode() == 500, "the broken format: " + r.statusCode());
    assertEquals(200, get("/api/v1/exports/schools.csv", hq).statusCode(), "csv unaffected");
    assertEquals(200, get("/api/v1/exports/schools.geojson", hq).statusCode(), "geojson unaffected");
    assertEquals(200, get("/api/v1/exports/schools.xlsx", hq).statusCode(), "xlsx unaffected");
    platform.removePlugin("broken.jar");
  }
}
