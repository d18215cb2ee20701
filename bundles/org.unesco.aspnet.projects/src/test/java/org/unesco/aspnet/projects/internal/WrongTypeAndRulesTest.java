package org.unesco.aspnet.projects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.projects.Campaign;
import org.unesco.aspnet.projects.CampaignInput;
import org.unesco.aspnet.projects.CampaignKind;
import org.unesco.aspnet.projects.Submission;
import org.unesco.aspnet.projects.SubmissionInput;
import org.unesco.aspnet.projects.SubmissionStatus;
import org.unesco.aspnet.security.internal.PolicyAuthorizer;
import org.unesco.aspnet.web.ApiServlet;

/**
 * A campaign's body, a join and a decision with a field of the wrong type are answered with one
 * 400 that lists that field and what the store's rules say of the others, as the store would say
 * it once the types are right; nothing is written. Someone who may not act (the public, another
 * country's NC) is told the wrong types only, as before. The servlet reads the bodies over a real
 * store and database, and what they name is read back afterwards.
 */
class WrongTypeAndRulesTest {
  private static final Principal HQ = person("hq", Grant.global(Role.HQ_OFFICER));
  private static final Principal NC_FR = person("nc-fr", Grant.country(Role.NATIONAL_COORDINATOR, "FR"));
  private static final Principal NC_DE = person("nc-de", Grant.country(Role.NATIONAL_COORDINATOR, "DE"));
  private static final Principal STAFF_PARIS = person("staff", Grant.school(Role.SCHOOL_STAFF, "FR", "1"));
  private static final long PARIS = 1; // a member in France (CampaignStoreTest.Directory)

  private final CampaignModules modules = new CampaignModules();
  private final List<String> audited = new java.util.concurrent.CopyOnWriteArrayList<>();
  private CampaignStore store;
  private CampaignsServlet servlet;

  private static Principal person(String id, Grant... grants) {
    return new Principal(id, id + "@example.org", id, "en", List.of(grants));
  }

  @BeforeEach
  void start() {
    AuditLog audit = (c, who, action, entity, id, country, before, after) -> audited.add(action);
    store = new CampaignStore(new TestDatabase(), new PolicyAuthorizer(), audit, new CampaignStoreTest.Directory(),
        CampaignStoreTest.COUNTRIES, modules);
    servlet = new CampaignsServlet(store, null, CampaignStoreTest.COUNTRIES, store);
  }

  @AfterEach
  void stop() {
    modules.deactivate();
  }

  /**
   * A request to {@code /api/v1/campaigns{path}} with {@code json} (single quotes for double) as its
   * body, from {@code who}, in {@code lang} (null: none stated), with {@code ifMatch} (or none).
   */
  private static HttpServletRequest request(String method, String path, String json, Principal who, String lang, String ifMatch) {
    ByteArrayInputStream bytes = new ByteArrayInputStream(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    ServletInputStream in = new ServletInputStream() {
      @Override
      public int read() {
        return bytes.read();
      }

      @Override
      public boolean isFinished() {
        return bytes.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {}
    };
    return (HttpServletRequest) Proxy.newProxyInstance(WrongTypeAndRulesTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
          case "getContentType" -> "application/json";
          case "getInputStream" -> in;
          case "getPathInfo" -> path;
          case "getRequestURI" -> "/api/v1/campaigns" + path;
          case "getMethod" -> method;
          case "getParameter" -> args[0].equals("lang") ? lang : null;
          case "getQueryString" -> lang == null ? null : "lang=" + lang;
          case "getParameterMap" -> Map.of();
          case "getHeader" -> args[0].equals("If-Match") ? ifMatch : null;
          case "getAttribute" -> args[0].equals(ApiServlet.PRINCIPAL_ATTRIBUTE) ? who : null;
          case "getLocale" -> lang == null ? Locale.ENGLISH : Locale.forLanguageTag(lang);
          default -> null;
        });
  }

  private interface Call {
    void run() throws Exception;
  }

  private static List<FieldError> refused(Call call) {
    ProblemException p = assertThrows(ProblemException.class, call::run);
    assertEquals(400, p.status(), p.getMessage());
    assertEquals("https://aspnet.unesco.org/problems/validation", p.type());
    return p.errors();
  }

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  private List<FieldError> post(String path, String json, Principal who, String lang) {
    return refused(() -> servlet.doPost(request("POST", path, json, who, lang, null), null));
  }

  private List<FieldError> patch(long campaign, String json, Principal who, int revision) {
    return refused(() -> servlet.doPatch(request("PATCH", "/" + campaign, json, who, null, "\"" + revision + "\""), null));
  }

  private Campaign created(String country, String title) {
    return store.create(HQ, new CampaignInput(CampaignKind.CAMPAIGN, null, country, Map.of("en", title), null, null,
        false, null, true));
  }

  @Test
  void aCampaignToCreateTellsAWrongTypeWithTheOtherFieldsErrors() {
    String body = "{'kind':'CAMPAIGN','title':{'en':'Gardens'},'open':'yes',"
        + "'phases':[{'key':' ','starts':'2026-03-01','ends':'2026-02-01'}]}";
    List<FieldError> errors = post("/", body, HQ, "fr");
    assertEquals(List.of("open", "phases[0].key", "phases[0].ends"), fields(errors), "the wrong type, then the rules of the rest");
    assertEquals("must be true or false", errors.get(0).message(), "translated when the problem is written");
    assertEquals("est obligatoire", errors.get(1).message(), "in the language the request states");
    assertEquals("ne doit pas précéder le début", errors.get(2).message());
    // a kind that is none, with no title: both; no "kind is required" for the kind it names
    assertEquals(List.of("kind", "title"), fields(post("/", "{'kind':'FESTIVAL','open':true}", HQ, null)));
    // a national campaign's own rule: its countries are its country's
    assertEquals(List.of("membersOnly", "countries"), fields(post("/",
        "{'kind':'PROJECT','country':'fr','title':{'fr':'Jardins'},'membersOnly':1,'countries':['DE']}", NC_FR, null)));
    // a country that is none is wrong whoever sends it, as it was with the types right
    assertEquals(List.of("open", "country"), fields(post("/", "{'kind':'PROJECT','country':'Z1','open':'no'}", NC_FR, null)));
    // who may not create learns the types only: the public, an NC for a global campaign or another country's
    assertEquals(List.of("open"), fields(post("/", "{'kind':'CAMPAIGN','open':'yes'}", Principal.anonymous(), null)));
    assertEquals(List.of("open"), fields(post("/", "{'kind':'CAMPAIGN','open':'yes'}", NC_FR, null)));
    assertEquals(List.of("open"), fields(post("/", "{'kind':'PROJECT','country':'FR','open':'yes'}", NC_DE, null)));
    assertEquals(List.of(), store.campaigns(HQ, null, null, 10, null).items(), "nothing was created");
    assertEquals(List.of(), audited);
  }

  @Test
  void aCampaignsEditTellsAWrongTypeWithTheOtherFieldsErrors() {
    Campaign global = created(null, "Gardens");
    List<FieldError> errors = patch(global.id(), "{'open':'no','title':{'fr':' '},'kind':'PROJECT'}", HQ, global.revision());
    assertEquals(List.of("open", "kind", "title.fr"), fields(errors));
    assertEquals("cannot be changed", errors.get(1).message());
    // the title merged onto the stored one, as the write merges it: removing the only language is refused
    assertEquals(List.of("open", "title"), fields(patch(global.id(), "{'open':'no','title':{'en':null}}", HQ, global.revision())));
    // who may not edit it learns the types only, as for a campaign that is not there
    assertEquals(List.of("open"), fields(patch(global.id(), "{'open':'no','title':{'fr':' '}}", NC_FR, global.revision())));
    assertEquals(List.of("open"), fields(patch(global.id(), "{'open':'no','title':{'fr':' '}}", Principal.anonymous(),
        global.revision())));
    assertEquals(List.of("open"), fields(patch(999, "{'open':'no','title':{'fr':' '}}", HQ, 1)));
    // France's NC edits France's campaign: its countries stay France's
    Campaign national = created("FR", "Jardins");
    assertEquals(List.of("membersOnly", "countries"), fields(patch(national.id(), "{'membersOnly':'no','countries':['DE']}",
        NC_FR, national.revision())));
    assertEquals(global, store.campaign(HQ, global.id()), "nothing was changed");
    assertEquals(national, store.campaign(HQ, national.id()));
    assertEquals(List.of("campaign.create", "campaign.create"), audited);
  }

  @Test
  void thePublicIsToldToSignInNotToSendIfMatch() {
    // 401 before 428, as an annual report's PUT answers: preconditions are for who may make the change
    Campaign global = created(null, "Gardens");
    for (String ifMatch : new String[] {null, "*", "\"" + global.revision() + "\""}) {
      ProblemException p = assertThrows(ProblemException.class,
          () -> servlet.doPatch(request("PATCH", "/" + global.id(), "{'open':false}", Principal.anonymous(), null, ifMatch), null));
      assertEquals(401, p.status(), ifMatch);
    }
    ProblemException p = assertThrows(ProblemException.class,
        () -> servlet.doPatch(request("PATCH", "/" + global.id(), "{'open':false}", HQ, null, null), null));
    assertEquals(428, p.status(), "who may edit is asked for If-Match");
    assertEquals(global, store.campaign(HQ, global.id()), "nothing was changed");
  }

  @Test
  void aJoinTellsAMisspeltMemberWithTheMissingSchool() {
    long campaign = created(null, "Gardens").id();
    assertEquals(List.of("schoolId", "school"), fields(post("/" + campaign + "/participants", "{'schoolId':1}", STAFF_PARIS, null)));
    assertEquals(List.of("school", "note"), fields(post("/" + campaign + "/participants", "{'school':'1','note':2}", STAFF_PARIS,
        null)), "a wrong type and an unknown member");
    assertEquals(List.of(), store.participants(HQ, campaign, null, 10, null).items(), "nobody joined");
  }

  @Test
  void aDecisionTellsAWrongTypeWithTheOtherFieldsErrors() {
    long campaign = created(null, "Gardens").id();
    store.join(HQ, campaign, PARIS);
    Submission pending = store.submit(STAFF_PARIS, campaign, new SubmissionInput(PARIS, LocalDate.now().minusDays(1), null,
        "We planted a garden", 12, 2, Map.of(), List.of()));
    String path = "/" + campaign + "/submissions/" + pending.id() + "/decision";
    String tooLong = "x".repeat(CampaignForm.COMMENT_MAX + 1);
    assertEquals(List.of("decision", "comment"), fields(post(path, "{'decision':'MAYBE','comment':'" + tooLong + "'}", NC_FR, null)));
    // PENDING is no decision: a value of the wrong kind as MAYBE is, told in the body's order
    assertEquals(List.of("decision", "comment"), fields(post(path, "{'decision':'PENDING','comment':5}", NC_FR, null)));
    // a comment of the wrong type is not also "required to reject"
    assertEquals(List.of("comment"), fields(post(path, "{'decision':'REJECTED','comment':['why']}", NC_FR, null)));
    // who may not decide learns the types only: Germany's NC does not see it, the school does not moderate itself
    for (Principal who : List.of(NC_DE, STAFF_PARIS, Principal.anonymous())) {
      assertEquals(List.of("decision"), fields(post(path, "{'decision':'MAYBE','comment':'" + tooLong + "'}", who, null)),
          who.accountId());
    }
    assertEquals(List.of("decision"), fields(post("/" + campaign + "/submissions/999/decision",
        "{'decision':'MAYBE','comment':'" + tooLong + "'}", NC_FR, null)), "a submission that is not there");
    // a decision is one of two, not of the three statuses; its messages in the request's language
    assertEquals("'MAYBE' is not one of APPROVED, REJECTED", post(path, "{'decision':'MAYBE'}", NC_FR, null).get(0).message());
    assertEquals("debe ser APPROVED o REJECTED", post(path, "{}", NC_FR, "es").get(0).message());
    assertEquals("es obligatorio para rechazar: diga a la escuela por qué",
        post(path, "{'decision':'REJECTED'}", NC_FR, "es").get(0).message());
    assertEquals("debe tener como máximo 2000 caracteres",
        post(path, "{'decision':'APPROVED','comment':'" + tooLong + "'}", NC_FR, "es").get(0).message());
    Submission after = store.submission(HQ, campaign, pending.id());
    assertEquals(SubmissionStatus.PENDING, after.status(), "nothing was decided");
    assertEquals(pending.revision(), after.revision());
    assertEquals(List.of("campaign.create", "campaign.join", "submission.create"), audited);
  }
}
