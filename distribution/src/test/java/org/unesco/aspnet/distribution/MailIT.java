package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Email through the installation: the platform sends to a GreenMail SMTP server run by the test,
 * configured in config/org.unesco.aspnet.mail.cfg. Invitation and reset links reach their
 * recipients' mailboxes only, a forgotten password is asked for by its owner, a mail server
 * that is down delays the message, never the request, and a National Coordinator reminds the schools
 * that have not sent their annual report.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LINK = Pattern.compile("(http://localhost:\\d+/(?:accept-invitation|reset-password)#token=)([A-Za-z0-9_\\-]+)");
  private static Installation platform;
  private static GreenMail smtp;
  private static int smtpPort;
  /** Set (without a username, so unused) to check that no answer shows it. */
  private static final String RELAY_PASSWORD = "relay-password-never-shown";

  @BeforeAll
  static void start() throws Exception {
    smtpPort = Installation.anyFreePort();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    platform = new Installation();
    writeMailConfig("ASPnet France <aspnet@example.fr>");
    // on some days of the year the automatic reminders would chase this test's schools too: off
    Files.writeString(platform.home.resolve("config/org.unesco.aspnet.notices.reminders.cfg"), "daysBeforeDue=0\ndaysAfterDue=0\n");
    // HQ's digest of recommendations is held until the test makes it due (writeDigestConfig(0))
    writeDigestConfig(23);
    platform.start();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      platform.close();
    } finally {
      smtp.stop();
    }
  }

  /** The daily digest of recommended schools, sent from {@code hourUtc} on. */
  private static void writeDigestConfig(int hourUtc) throws Exception {
    Files.writeString(platform.home.resolve("config/org.unesco.aspnet.notices.digest.cfg"), "recommendations=daily\nhourUtc=" + hourUtc + "\n");
  }

  private static void writeMailConfig(String from) throws Exception {
    Path cfg = platform.home.resolve("config/org.unesco.aspnet.mail.cfg");
    Files.writeString(cfg, Files.readString(cfg)
        .replaceAll("(?m)^publicUrl=.*$", "publicUrl=http://localhost:" + platform.port)
        .replaceAll("(?m)^host=.*$", "host=127.0.0.1")
        .replaceAll("(?m)^port=.*$", "port=" + smtpPort)
        .replaceAll("(?m)^security=.*$", "security=NONE")
        .replaceAll("(?m)^from=.*$", "from=" + from)
        .replaceAll("(?m)^password=.*$", "password=" + RELAY_PASSWORD));
  }

  private static HttpResponse<String> post(String path, Object body, String token, String... headers) throws Exception {
    return platform.sendAs("POST", path, JSON.writeValueAsString(body), token, headers);
  }

  /** The messages received for {@code to} so far. */
  private static List<MimeMessage> mailTo(String to) throws Exception {
    List<MimeMessage> found = new java.util.ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equalsIgnoreCase(to))) {
        found.add(m);
      }
    }
    return found;
  }

  /** Waits for the {@code n}th message to {@code to} and returns it. */
  private static MimeMessage awaitMail(String to, int n) throws Exception {
    Installation.await(n + " message(s) to " + to, Duration.ofSeconds(30), () -> mailTo(to).size() >= n);
    return mailTo(to).get(n - 1);
  }

  private static String text(MimeMessage m) throws Exception {
    return m.getContent().toString().replace("\r\n", "\n");
  }

  /** The secret of the link in {@code m}, after checking the link starts with the configured public address. */
  private static String token(MimeMessage m, String page) throws Exception {
    Matcher link = LINK.matcher(text(m));
    assertTrue(link.find(), "no link in: " + text(m));
    assertEquals("http://localhost:" + platform.port + "/" + page + "#token=", link.group(1));
    return link.group(2);
  }

  @Test
  @Order(1)
  void invitationAndResetLinksGoToTheirRecipientsOnly() throws Exception {
    String admin = platform.adminToken();
    JsonNode mail = JSON.readTree(platform.sendAs("GET", "/api/v1/mail", null, admin).body());
    assertTrue(mail.path("delivers").asBoolean(), mail.toString());
    assertEquals("127.0.0.1", mail.path("host").asText());
    assertFalse(mail.toString().contains(RELAY_PASSWORD), "the SMTP password is never shown: " + mail);

    HttpResponse<String> invited = post("/api/v1/invitations",
        Map.of("email", "Nadia.Fr@Example.org", "role", "NATIONAL_COORDINATOR", "country", "FR"), admin, "Accept-Language", "fr");
    assertEquals(201, invited.statusCode(), invited.body());
    JsonNode answer = JSON.readTree(invited.body());
    assertEquals("email", answer.path("delivery").asText());
    assertEquals("nadia.fr@example.org", answer.path("sentTo").asText());
    assertFalse(answer.has("link") || answer.has("token"), "the inviter does not hold the link: " + answer);

    MimeMessage invitation = awaitMail("nadia.fr@example.org", 1);
    assertEquals("ASPnet France <aspnet@example.fr>", invitation.getFrom()[0].toString());
    assertTrue(invitation.getSubject().contains("coordinateur national (France)"), invitation.getSubject());
    String inviteToken = token(invitation, "accept-invitation");
    HttpResponse<String> accepted = post("/api/v1/invitations/accept",
        Map.of("token", inviteToken, "name", "Nadia Benali", "password", "a long enough password"), null);
    assertEquals(200, accepted.statusCode(), accepted.body());

    // a sub-national coordinator's invitation names the Land in words, not by its code
    HttpResponse<String> snc = post("/api/v1/invitations",
        Map.of("email", "snc.by@example.org", "role", "SUBNATIONAL_COORDINATOR", "country", "DE", "unit", "BY"), admin);
    assertEquals(201, snc.statusCode(), snc.body());
    assertEquals("ASPnet: you are invited as coordinator of Bavaria (Germany)", awaitMail("snc.by@example.org", 1).getSubject());

    // HQ resets her password: the link goes to her mailbox, in her account's language
    HttpResponse<String> reset = post("/api/v1/password-resets", Map.of("email", "nadia.fr@example.org"), admin);
    assertEquals(201, reset.statusCode(), reset.body());
    assertFalse(JSON.readTree(reset.body()).has("token"), reset.body());
    MimeMessage resetMail = awaitMail("nadia.fr@example.org", 2);
    assertEquals("ASPnet: set a new password", resetMail.getSubject());
    assertTrue(text(resetMail).contains("Hello Nadia Benali"), text(resetMail));
    String resetToken = token(resetMail, "reset-password");
    assertEquals(204, post("/api/v1/password-resets/accept", Map.of("token", resetToken, "password", "her brand new password"), null)
        .statusCode());
    assertEquals(200, platform.login("nadia.fr@example.org", "her brand new password").statusCode());

    // sent messages keep no text (their links were secrets); the operators' view says what left
    JsonNode latest = JSON.readTree(platform.sendAs("GET", "/api/v1/mail", null, admin).body()).path("latest");
    assertEquals("password.reset", latest.get(0).path("kind").asText());
    assertFalse(latest.get(0).path("sentAt").isNull(), latest.toString());
    assertFalse(latest.toString().contains(resetToken));
  }

  @Test
  @Order(2)
  void aForgottenPasswordIsAskedForByItsOwner() throws Exception {
    HttpResponse<String> registered = post("/api/v1/accounts",
        Map.of("email", "forgetful.teacher@example.org", "name", "Zoë Martín", "password", "my old long password", "language", "es"), null);
    assertEquals(201, registered.statusCode(), registered.body());

    HttpResponse<String> asked = post("/api/v1/password-resets/request", Map.of("email", "Forgetful.Teacher@example.org"), null);
    assertEquals(202, asked.statusCode(), asked.body());
    HttpResponse<String> unknown = post("/api/v1/password-resets/request", Map.of("email", "no.account@example.org"), null);
    assertEquals(202, unknown.statusCode());
    assertEquals(asked.body(), unknown.body(), "the answer tells nothing of which emails have accounts");
    HttpResponse<String> inGerman = post("/api/v1/password-resets/request", Map.of("email", "kein.konto@example.org"), null,
        "Accept-Language", "de");
    assertEquals(202, inGerman.statusCode(), "every language the UI speaks gets its answer: " + inGerman.body());
    HttpResponse<String> oddHeader = post("/api/v1/password-resets/request", Map.of("email", "kein.konto@example.org"), null,
        "Accept-Language", "de,-;q=0.5");
    assertEquals(202, oddHeader.statusCode(), "a malformed Accept-Language is no 500: " + oddHeader.body());
    HttpResponse<String> missing = post("/api/v1/password-resets/request", Map.of(), null, "Accept-Language", "fr");
    assertEquals(400, missing.statusCode());
    assertTrue(missing.body().contains("obligatoire"), "its field message in the request's language: " + missing.body());
    HttpResponse<String> bad = post("/api/v1/password-resets/request", Map.of("email", "not an email"), null);
    assertEquals(400, bad.statusCode());
    assertEquals("email", JSON.readTree(bad.body()).path("errors").get(0).path("field").asText(), bad.body());

    MimeMessage m = awaitMail("forgetful.teacher@example.org", 1);
    assertEquals("ASPnet: elija una contraseña nueva", m.getSubject(), "in the account's language");
    assertTrue(text(m).contains("Hola Zoë Martín"), text(m));
    assertEquals(204, post("/api/v1/password-resets/accept", Map.of("token", token(m, "reset-password"), "password", "my new long password"),
        null).statusCode());
    assertEquals(401, platform.login("forgetful.teacher@example.org", "my old long password").statusCode());
    assertEquals(200, platform.login("forgetful.teacher@example.org", "my new long password").statusCode());

    // a mailbox is not flooded: three links per quarter of an hour, the answer the same
    for (int i = 0; i < 4; i++) {
      assertEquals(202, post("/api/v1/password-resets/request", Map.of("email", "forgetful.teacher@example.org"), null).statusCode());
    }
    MimeMessage second = awaitMail("forgetful.teacher@example.org", 2);
    MimeMessage third = awaitMail("forgetful.teacher@example.org", 3);
    Thread.sleep(2000);
    assertEquals(3, mailTo("forgetful.teacher@example.org").size());
    assertTrue(mailTo("no.account@example.org").isEmpty());
    // one link used, the others the owner asked for open the account no more
    assertEquals(204, post("/api/v1/password-resets/accept", Map.of("token", token(second, "reset-password"), "password", "my newest long password"),
        null).statusCode());
    HttpResponse<String> spent = post("/api/v1/password-resets/accept", Map.of("token", token(third, "reset-password"), "password",
        "a taker's long password"), null, "Accept-Language", "fr");
    assertEquals(404, spent.statusCode());
    assertTrue(spent.body().contains("déjà utilisé"), "said in the request's language: " + spent.body());
    assertEquals(200, platform.login("forgetful.teacher@example.org", "my newest long password").statusCode());

    // only a platform administrator reads the outbox (it names recipients)
    String teacher = JSON.readTree(platform.login("forgetful.teacher@example.org", "my newest long password").body()).path("token").asText();
    assertEquals(403, platform.sendAs("GET", "/api/v1/mail", null, teacher).statusCode());
    assertEquals(401, platform.sendAs("GET", "/api/v1/mail", null, null).statusCode());
    assertEquals(403, post("/api/v1/mail/test", Map.of("to", "x@example.org"), teacher).statusCode());
  }

  @Test
  @Order(3)
  void aMailServerThatIsDownDelaysTheMessageNotTheRequest() throws Exception {
    String admin = platform.adminToken();
    smtp.stop();
    long before = System.nanoTime();
    HttpResponse<String> queued = post("/api/v1/mail/test", Map.of("to", "ops@example.org"), admin);
    assertEquals(202, queued.statusCode(), queued.body());
    assertTrue(System.nanoTime() - before < Duration.ofSeconds(5).toNanos(), "the request does not wait for the mail server");
    long id = JSON.readTree(queued.body()).path("id").asLong();
    JsonNode[] line = new JsonNode[1];
    Installation.await("a failed attempt", Duration.ofSeconds(30), () -> {
      for (JsonNode l : JSON.readTree(platform.sendAs("GET", "/api/v1/mail", null, admin).body()).path("latest")) {
        if (l.path("id").asLong() == id) {
          line[0] = l;
        }
      }
      return line[0] != null && line[0].path("attempts").asInt() >= 1;
    });
    assertTrue(line[0].path("sentAt").isNull(), line[0].toString());
    assertFalse(line[0].path("lastError").asText().isEmpty(), line[0].toString());
    assertFalse(line[0].path("nextAttemptAt").isNull(), "it waits to be tried again: " + line[0]);

    // the server is back and the operator edits the settings: what waits goes at once, from the new sender
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    writeMailConfig("ASPnet Ops <ops-sender@example.fr>");
    MimeMessage m = awaitMail("ops@example.org", 1);
    assertEquals("ASPnet Ops <ops-sender@example.fr>", m.getFrom()[0].toString());
    assertEquals("ASPnet Platform: test message", m.getSubject());
    assertEquals(400, post("/api/v1/mail/test", Map.of("to", "nobody"), admin).statusCode());
  }

  /** An application for a school of Lyon named {@code name}, as {@code token}'s holder (null: the public). */
  private static HttpResponse<String> applyInLyon(String name, String email, String token) throws Exception {
    return platform.sendAs("POST", "/api/v1/applications", "{\"name\":\"" + name + "\",\"country\":\"FR\","
        + "\"city\":\"Lyon\",\"address\":\"31 rue de la Bourse\"," + FrenchSchools.members()
        + "\"levels\":[\"SECONDARY\"],\"themes\":[\"ESD\"],\"languages\":[\"fr\"],\"email\":\"" + email + "\"}", token);
  }

  private static HttpResponse<String> move(long membership, String to, String token) throws Exception {
    return post("/api/v1/memberships/" + membership + "/transitions", Map.of("to", to, "comment", "checked"), token);
  }

  @Test
  @Order(4)
  void membershipMovesAreToldToWhoeverActsNext() throws Exception {
    smtp.purgeEmailFromAllMailboxes(); // each count below starts here
    assertEquals(201, post("/api/v1/accounts",
        Map.of("email", "teacher.lyon@example.org", "name", "Louis Garnier", "password", "a teacher's long password", "language", "fr"),
        null).statusCode());
    String teacher = JSON.readTree(platform.login("teacher.lyon@example.org", "a teacher's long password").body()).path("token").asText();
    String school = "Lycée Ampère " + System.nanoTime();
    HttpResponse<String> applied = applyInLyon(school, "ampere@example.org", teacher);
    assertEquals(201, applied.statusCode(), applied.body());
    long membership = JSON.readTree(applied.body()).path("membershipId").asLong();
    long schoolId = JSON.readTree(applied.body()).path("schoolId").asLong();

    // France's NC hears of the application, in her account's language, with the page to review it
    MimeMessage toNc = awaitMail("nadia.fr@example.org", 1);
    assertEquals("New ASPnet application: " + school, toNc.getSubject());
    assertTrue(text(toNc).contains("http://localhost:" + platform.port + "/console/nc?tab=applications&country=FR"), text(toNc));

    String nc = JSON.readTree(platform.login("nadia.fr@example.org", "her brand new password").body()).path("token").asText();
    assertEquals(200, move(membership, "UNDER_NATIONAL_REVIEW", nc).statusCode());
    assertEquals(200, move(membership, "RECOMMENDED", nc).statusCode());
    // HQ hears of it in the day's digest, here made due at once: one message naming the school and the queue
    writeDigestConfig(0);
    MimeMessage toHq = awaitMail("admin@aspnet.local", 1); // the administrator is also an HQ officer
    assertTrue(toHq.getSubject().matches("ASPnet: \\d+ schools? recommended for certification"), toHq.getSubject());
    assertTrue(text(toHq).contains(school + " (Lyon, France)"), text(toHq));
    assertTrue(text(toHq).contains("http://localhost:" + platform.port + "/console/hq?tab=queue"), text(toHq));

    // an application sent without signing in reaches the NC too
    String anonymous = "École Anonyme " + System.nanoTime();
    assertEquals(201, applyInLyon(anonymous, "anonyme@example.org", null).statusCode());
    assertEquals("New ASPnet application: " + anonymous, awaitMail("nadia.fr@example.org", 2).getSubject());

    String hq = platform.adminToken();
    assertEquals(200, move(membership, "UNDER_HQ_REVIEW", hq).statusCode());
    HttpResponse<String> certified = move(membership, "MEMBER", hq);
    assertEquals(200, certified.statusCode(), certified.body());
    MimeMessage toSchool = awaitMail("teacher.lyon@example.org", 1);
    assertEquals("Adhésion ASPnet de " + school + " : membre (certifiée)", toSchool.getSubject());
    assertTrue(text(toSchool).contains("Numéro de certificat : ASPNET-FR-"), text(toSchool));

    // the focal point cannot hand the role to themselves
    HttpResponse<String> toSelf = post("/api/v1/invitations",
        Map.of("email", "Teacher.Lyon@example.org", "role", "SCHOOL_FOCAL_POINT", "school", String.valueOf(schoolId)), teacher);
    assertEquals(400, toSelf.statusCode(), toSelf.body());
    assertEquals("email", JSON.readTree(toSelf.body()).path("errors").get(0).path("field").asText());

    // the NC invites a colleague of the school: the invitation names the school
    HttpResponse<String> colleague = post("/api/v1/invitations",
        Map.of("email", "colleague.lyon@example.org", "role", "SCHOOL_STAFF", "school", String.valueOf(schoolId)), nc);
    assertEquals(201, colleague.statusCode(), colleague.body());
    assertEquals("ASPnet: you are invited as staff of " + school, awaitMail("colleague.lyon@example.org", 1).getSubject());

    assertTrue(text(toSchool).contains("http://localhost:" + platform.port + "/account"), "where to stop them: " + text(toSchool));

    // the NC stops membership notices: the next application tells her nothing
    assertEquals(400, platform.sendAs("PUT", "/api/v1/me/preferences", "{\"language\":\"xx\"}", nc).statusCode());
    assertEquals(400, platform.sendAs("PUT", "/api/v1/me/preferences", "{}", nc).statusCode());
    assertEquals(401, platform.sendAs("GET", "/api/v1/me/preferences", null, null).statusCode());
    HttpResponse<String> off = platform.sendAs("PUT", "/api/v1/me/preferences", "{\"membershipNotices\":false}", nc);
    assertEquals(200, off.statusCode(), off.body());
    assertEquals("{\"language\":\"en\",\"membershipNotices\":false}", off.body());
    String quiet = "École Silencieuse " + System.nanoTime();
    assertEquals(201, applyInLyon(quiet, "silence@example.org", null).statusCode());

    Thread.sleep(3000);
    assertEquals(2, mailTo("nadia.fr@example.org").size(), "the NC is not told of her own moves, nor after she said no more");
    assertEquals(1, mailTo("teacher.lyon@example.org").size(), "the applicant is not told of the application they made");
    assertEquals(1, mailTo("admin@aspnet.local").size(), "HQ is not told of its own certification");

    // a school abroad: each side of a partnership hears of the other's moves
    assertEquals(201, post("/api/v1/accounts",
        Map.of("email", "teacher.eldoret@example.org", "name", "Wanjiru Kamau", "password", "a long Kenyan password", "language", "en"),
        null).statusCode());
    String kenyan = JSON.readTree(platform.login("teacher.eldoret@example.org", "a long Kenyan password").body()).path("token").asText();
    String starehe = "Starehe High School " + System.nanoTime();
    HttpResponse<String> keApplied = platform.sendAs("POST", "/api/v1/applications", "{\"name\":\"" + starehe + "\",\"country\":\"KE\","
        + "\"city\":\"Eldoret\",\"address\":\"Uganda Road\",\"levels\":[\"SECONDARY\"],\"themes\":[\"ESD\"],"
        + "\"languages\":[\"en\"],\"email\":\"starehe@example.org\"}", kenyan);
    assertEquals(201, keApplied.statusCode(), keApplied.body());
    long keMembership = JSON.readTree(keApplied.body()).path("membershipId").asLong();
    long keSchool = JSON.readTree(keApplied.body()).path("schoolId").asLong();
    for (String to : List.of("UNDER_NATIONAL_REVIEW", "RECOMMENDED", "UNDER_HQ_REVIEW", "MEMBER")) {
      assertEquals(200, move(keMembership, to, hq).statusCode(), to);
    }
    awaitMail("teacher.eldoret@example.org", 1); // certified
    smtp.purgeEmailFromAllMailboxes();
    HttpResponse<String> proposed = post("/api/v1/partnerships",
        Map.of("proposer", schoolId, "partner", keSchool, "theme", "ESD", "message", "Shall we exchange on water?"), teacher);
    assertEquals(201, proposed.statusCode(), proposed.body());
    MimeMessage proposal = awaitMail("teacher.eldoret@example.org", 1);
    assertEquals("ASPnet: " + school + " proposes a partnership to " + starehe, proposal.getSubject());
    assertTrue(text(proposal).contains("(Lyon, France)"), text(proposal));
    long partnership = JSON.readTree(proposed.body()).path("id").asLong();
    HttpResponse<String> accepted = post("/api/v1/partnerships/" + partnership + "/transitions", Map.of("to", "ACCEPTED"), kenyan);
    assertEquals(200, accepted.statusCode(), accepted.body());
    assertEquals("ASPnet : " + starehe + " a accepté le partenariat", awaitMail("teacher.lyon@example.org", 1).getSubject());
    Thread.sleep(2000);
    assertEquals(1, mailTo("teacher.eldoret@example.org").size(), "not told of its own acceptance");
    assertEquals(1, mailTo("teacher.lyon@example.org").size(), "not told of its own proposal");
  }

  /** A French school that has been a member since {@code year} - 1, applied for by {@code token}'s holder (null: the public). */
  private static long memberSince(int year, String name, String email, String token) throws Exception {
    HttpResponse<String> applied = applyInLyon(name, email, token);
    assertEquals(201, applied.statusCode(), applied.body());
    long membership = JSON.readTree(applied.body()).path("membershipId").asLong();
    String hq = platform.adminToken();
    for (String to : List.of("UNDER_NATIONAL_REVIEW", "RECOMMENDED", "UNDER_HQ_REVIEW")) {
      assertEquals(200, move(membership, to, hq).statusCode(), to);
    }
    HttpResponse<String> certified = post("/api/v1/memberships/" + membership + "/transitions",
        Map.of("to", "MEMBER", "comment", "a member since before the platform", "certifiedOn", (year - 1) + "-01-15"), hq);
    assertEquals(200, certified.statusCode(), certified.body());
    return JSON.readTree(applied.body()).path("schoolId").asLong();
  }

  @Test
  @Order(5)
  void aNationalCoordinatorRemindsTheSchoolsThatHaveNotSentTheirAnnualReport() throws Exception {
    // the latest year whose report is past due (on 31 March of the next year)
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    int year = today.isAfter(java.time.LocalDate.of(today.getYear(), 3, 31)) ? today.getYear() - 1 : today.getYear() - 2;
    assertEquals(201, post("/api/v1/accounts",
        Map.of("email", "focal.reminded@example.org", "name", "Chloé Durand", "password", "a focal point's long password", "language", "fr"),
        null).statusCode());
    String focal = JSON.readTree(platform.login("focal.reminded@example.org", "a focal point's long password").body()).path("token").asText();
    String withPeople = "Lycée Rappelé " + System.nanoTime();
    memberSince(year, withPeople, "rappele@example.org", focal);
    String withoutPeople = "École Sans Compte " + System.nanoTime();
    memberSince(year, withoutPeople, "sans.compte@example.org", null);
    awaitMail("focal.reminded@example.org", 1); // told of the certification
    smtp.purgeEmailFromAllMailboxes();

    String nc = JSON.readTree(platform.login("nadia.fr@example.org", "her brand new password").body()).path("token").asText();
    JsonNode preview = JSON.readTree(platform.sendAs("GET", "/api/v1/annual-report-reminders?country=FR&year=" + year, null, nc).body());
    assertEquals("email", preview.path("delivery").asText(), preview.toString());
    assertEquals(2, preview.path("toRemind").asInt(), "the two schools that owe the year's report: " + preview);

    HttpResponse<String> reminded = post("/api/v1/annual-report-reminders", Map.of("country", "FR", "year", year), nc);
    assertEquals(200, reminded.statusCode(), reminded.body());
    JsonNode answer = JSON.readTree(reminded.body());
    assertEquals(2, answer.path("reminded").asInt(), reminded.body());
    assertEquals(0, answer.path("skipped").size(), reminded.body());

    // the focal point, in her language, with the portal where the report is written
    MimeMessage toFocal = awaitMail("focal.reminded@example.org", 1);
    assertEquals("ASPnet : le rapport annuel " + year + " de " + withPeople + " n'a pas été reçu", toFocal.getSubject());
    assertTrue(text(toFocal).contains("était attendu le 31 mars " + (year + 1)), text(toFocal));
    assertTrue(text(toFocal).contains("http://localhost:" + platform.port + "/portal?year=" + year), text(toFocal));
    assertTrue(text(toFocal).contains("Nadia Benali <nadia.fr@example.org>"), "who asked: " + text(toFocal));
    // a school without an account on the platform: its contact address, in France's language
    MimeMessage toContact = awaitMail("sans.compte@example.org", 1);
    assertTrue(toContact.getSubject().contains(withoutPeople), toContact.getSubject());
    assertTrue(text(toContact).startsWith("Bonjour,"), text(toContact));
    assertTrue(text(toContact).contains("demandez une invitation à votre coordinateur national"), text(toContact));

    // a second request right after (a double click, another coordinator) reminds nobody again
    HttpResponse<String> again = post("/api/v1/annual-report-reminders", Map.of("country", "fr", "year", year, "states", List.of("MISSING", "OPEN")), nc);
    assertEquals(200, again.statusCode(), again.body());
    JsonNode second = JSON.readTree(again.body());
    assertEquals(0, second.path("reminded").asInt(), again.body());
    assertEquals(2, second.path("skipped").size(), again.body());
    assertEquals("recentlyReminded", second.path("skipped").get(0).path("reason").asText(), again.body());
    assertFalse(second.path("skipped").get(0).path("remindedAt").asText().isEmpty(), again.body());
    Thread.sleep(2000);
    assertEquals(1, mailTo("focal.reminded@example.org").size());
    assertEquals(1, mailTo("sans.compte@example.org").size());

    // each request is in the country's audit log, with what it did
    JsonNode audit = JSON.readTree(platform.sendAs("GET", "/api/v1/audit?country=FR&action=annualReport.remind", null, nc).body()).path("items");
    assertEquals(2, audit.size(), audit.toString());
    assertEquals(2, audit.get(1).path("after").path("reminded").asInt(), audit.toString());

    // Germany's NC may not chase French schools; the public must sign in; a bad request is told field by field
    assertEquals(201, post("/api/v1/invitations", Map.of("email", "nc.de.reminders@example.org", "role", "NATIONAL_COORDINATOR", "country", "DE"),
        platform.adminToken()).statusCode());
    assertEquals(200, post("/api/v1/invitations/accept", Map.of("token", token(awaitMail("nc.de.reminders@example.org", 1), "accept-invitation"),
        "name", "Jonas Weber", "password", "a German coordinator's password"), null).statusCode());
    String ncDe = JSON.readTree(platform.login("nc.de.reminders@example.org", "a German coordinator's password").body()).path("token").asText();
    assertEquals(403, post("/api/v1/annual-report-reminders", Map.of("country", "FR", "year", year), ncDe).statusCode());
    HttpResponse<String> anonymous = post("/api/v1/annual-report-reminders", Map.of("country", "FR", "year", year), null);
    assertEquals(401, anonymous.statusCode());
    assertTrue(anonymous.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    HttpResponse<String> bad = post("/api/v1/annual-report-reminders", Map.of("country", "XX", "states", List.of("LATE")), nc,
        "Accept-Language", "fr");
    assertEquals(400, bad.statusCode(), bad.body());
    assertEquals(List.of("country", "year", "states"), fields(bad), bad.body());
    assertTrue(bad.body().contains("est obligatoire"), "in the request's language: " + bad.body());
    // a year out of range is the annual reports' own 400 (their range), in the request's language too
    HttpResponse<String> tooEarly = post("/api/v1/annual-report-reminders", Map.of("country", "FR", "year", 1999), nc, "Accept-Language", "fr");
    assertEquals(400, tooEarly.statusCode(), tooEarly.body());
    assertEquals(List.of("year"), fields(tooEarly), tooEarly.body());
    assertTrue(tooEarly.body().contains("doit être compris entre 2000 et"), "in the request's language: " + tooEarly.body());
    // with another mistake, the year's is in the same 400
    HttpResponse<String> both = post("/api/v1/annual-report-reminders", Map.of("country", "ZZ", "year", 1990), nc);
    assertEquals(List.of("country", "year"), fields(both), both.body());
    HttpResponse<String> lateAndFuture = platform.sendAs("GET", "/api/v1/annual-report-reminders?country=FR&year="
        + (java.time.Year.now().getValue() + 1) + "&states=LATE", null, nc);
    assertEquals(400, lateAndFuture.statusCode(), lateAndFuture.body());
    assertEquals(List.of("states", "year"), fields(lateAndFuture), lateAndFuture.body());
    HttpResponse<String> unknown = post("/api/v1/annual-report-reminders", Map.of("country", "FR", "year", year, "schools", List.of(1)), nc);
    assertEquals(400, unknown.statusCode(), unknown.body());
    assertTrue(fields(unknown).contains("schools"), unknown.body());

    // a contact address the mail bundle never sends to (a mailbox name that is not ASCII) is no
    // address: the school is left out, not recorded as reminded, and reminded once it is corrected
    String unreachable = "École Injoignable " + System.nanoTime();
    long unreachableId = memberSince(year, unreachable, "écoles@exaŭple.org", null);
    HttpResponse<String> notEmailable = post("/api/v1/annual-report-reminders", Map.of("country", "FR", "year", year), nc);
    assertEquals(200, notEmailable.statusCode(), notEmailable.body());
    assertEquals(0, JSON.readTree(notEmailable.body()).path("reminded").asInt(), notEmailable.body());
    assertEquals("addressNotEmailable", skippedReason(JSON.readTree(notEmailable.body()), unreachableId), notEmailable.body());
    String etag = platform.sendAs("GET", "/api/v1/schools/" + unreachableId, null, nc).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> corrected = platform.sendAs("PATCH", "/api/v1/schools/" + unreachableId, "{\"email\":\"injoignable@example.org\"}", nc,
        "If-Match", etag);
    assertEquals(200, corrected.statusCode(), corrected.body());
    JsonNode correctedPreview = JSON.readTree(platform.sendAs("GET", "/api/v1/annual-report-reminders?country=FR&year=" + year, null, nc).body());
    assertEquals(1, correctedPreview.path("toRemind").asInt(), "the corrected school, not one reminded this week: " + correctedPreview);
    assertEquals("", skippedReason(correctedPreview, unreachableId), correctedPreview.toString());
    assertEquals(1, JSON.readTree(post("/api/v1/annual-report-reminders", Map.of("country", "FR", "year", year), nc).body()).path("reminded").asInt());
    assertTrue(awaitMail("injoignable@example.org", 1).getSubject().contains(unreachable));
    assertFalse(JSON.readTree(platform.sendAs("GET", "/api/v1/mail", null, platform.adminToken()).body()).path("latest").toString()
        .contains("écoles@"), "nothing queued to the address that cannot be emailed");

    // a platform that sends no email says so, and reminds nobody
    Path cfg = platform.home.resolve("config/org.unesco.aspnet.mail.cfg");
    Files.writeString(cfg, Files.readString(cfg).replaceAll("(?m)^host=.*$", "host="));
    Installation.await("email turned off", Duration.ofSeconds(30), () -> JSON.readTree(platform.sendAs("GET",
        "/api/v1/annual-report-reminders?country=FR&year=" + year, null, nc).body()).path("delivery").asText().equals("manual"));
    HttpResponse<String> off = post("/api/v1/annual-report-reminders", Map.of("country", "FR", "year", year), nc);
    assertEquals(409, off.statusCode(), off.body());
    assertTrue(off.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    assertTrue(JSON.readTree(off.body()).path("detail").asText().contains("sends no email"), off.body());
    writeMailConfig("ASPnet France <aspnet@example.fr>");
  }

  @Test
  @Order(6)
  void remindersTurnedOnGoOutByThemselvesWithinSeconds() throws Exception {
    // settings under which today is a reminder day, whatever the date: the reminder before the next
    // due date (31 March) when it is at most 180 days away, else the one after the last (at most 186 days ago)
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    java.time.LocalDate next = java.time.LocalDate.of(today.getYear(), 3, 31);
    if (!next.isAfter(today)) {
      next = next.plusYears(1);
    }
    long until = java.time.temporal.ChronoUnit.DAYS.between(today, next);
    long since = java.time.temporal.ChronoUnit.DAYS.between(next.minusYears(1), today);
    boolean before = until <= 180;
    int year = (before ? next : next.minusYears(1)).getYear() - 1; // a year's report is due in the next year
    String settings = before ? "daysBeforeDue=180\ndaysAfterDue=0\n" : "daysBeforeDue=0\ndaysAfterDue=" + Math.min(since, 180) + "\n";
    String school = "École Rappelée Seule " + System.nanoTime();
    memberSince(year, school, "rappel.auto@example.org", null);
    smtp.purgeEmailFromAllMailboxes();

    Path reminders = platform.home.resolve("config/org.unesco.aspnet.notices.reminders.cfg");
    Files.writeString(reminders, settings);
    try {
      // within seconds of the change (the look after a change), not at the hourly look
      Installation.await("the automatic reminder", Duration.ofSeconds(15), () -> mailTo("rappel.auto@example.org").size() >= 1);
      MimeMessage reminder = mailTo("rappel.auto@example.org").get(0);
      assertTrue(reminder.getSubject().contains(school) && reminder.getSubject().contains(String.valueOf(year)), reminder.getSubject());
      // the platform's own audit entry for France, as the actor "system"
      JsonNode audit = JSON.readTree(platform.sendAs("GET", "/api/v1/audit?country=FR&action=annualReport.remind", null,
          platform.adminToken()).body()).path("items");
      assertTrue(audit.toString().contains("\"kind\":\"" + (before ? "BEFORE_DUE" : "AFTER_DUE") + "\""), audit.toString());
      // once per school, year and kind: a second change of the settings reminds nobody again
      Files.writeString(reminders, settings + "# looked at again\n");
      Thread.sleep(8000);
      assertEquals(1, mailTo("rappel.auto@example.org").size());
    } finally {
      Files.writeString(reminders, "daysBeforeDue=0\ndaysAfterDue=0\n");
    }
  }

  /** Why the school {@code id} was left out by a reminder (or its preview): its {@code reason}, empty when it was not. */
  private static String skippedReason(JsonNode outcome, long id) {
    for (JsonNode s : outcome.path("skipped")) {
      if (s.path("schoolId").asLong() == id) {
        return s.path("reason").asText();
      }
    }
    return "";
  }

  private static List<String> fields(HttpResponse<String> problem) throws Exception {
    List<String> fields = new java.util.ArrayList<>();
    JSON.readTree(problem.body()).path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }
}
