package org.unesco.aspnet.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.web.ApiServlet;

/**
 * A body with a field of the wrong type is answered with one 400 that lists that field and every
 * other field's mistake, as a school's form is, and before anything is read or written: the
 * servlets here have no store, no hasher and no audit log, and the requests never reach them.
 */
class WrongTypeAndRulesTest {
  private static final Principal HQ = new Principal("hq", "hq@example.org", "HQ", "en", List.of(Grant.global(Role.HQ_OFFICER)));

  /** A POST to {@code path} with {@code json} (single quotes for double) as its body, from {@code who}, in {@code lang}. */
  private static HttpServletRequest post(String path, String json, Principal who, String lang) {
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
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getContentType" -> "application/json";
          case "getInputStream" -> in;
          case "getServletPath", "getRequestURI" -> path;
          case "getMethod" -> "POST";
          case "getParameter" -> args[0].equals("lang") ? lang : null;
          case "getQueryString" -> lang == null ? null : "lang=" + lang;
          case "getAttribute" -> args[0].equals(ApiServlet.PRINCIPAL_ATTRIBUTE) ? who : null;
          case "getLocale" -> lang == null ? Locale.ENGLISH : Locale.forLanguageTag(lang);
          case "getRemoteAddr" -> "192.0.2.1";
          default -> null;
        });
  }

  private interface Post {
    void to(HttpServletRequest request) throws Exception;
  }

  private static List<FieldError> refused(Post servlet, HttpServletRequest request) {
    ProblemException p = assertThrows(ProblemException.class, () -> servlet.to(request));
    assertEquals(400, p.status());
    assertEquals("https://aspnet.unesco.org/problems/validation", p.type());
    return p.errors();
  }

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void aRegistrationTellsAWrongTypeWithTheOtherFieldsErrors() {
    AccountsServlet accounts = new AccountsServlet(null, null, null, null, null);
    List<FieldError> errors = refused(r -> accounts.doPost(r, null),
        post("/api/v1/accounts", "{'email':'not-an-email','name':42,'password':'short','language':'xx'}", Principal.anonymous(), "fr"));
    assertEquals(List.of("name", "email", "password", "language"), fields(errors), "the wrong type, then the rules of the rest");
    assertEquals("must be a string", errors.get(0).message(), "translated when the problem is written");
    assertEquals("n'est pas une adresse électronique", errors.get(1).message(), "in the language the request states");
    assertEquals("doit compter au moins 12 caractères", errors.get(2).message());
    // a member that is no field of a registration, and the required ones it stands for
    assertEquals(List.of("mail", "email", "name", "password"), fields(refused(r -> accounts.doPost(r, null),
        post("/api/v1/accounts", "{'mail':'a@example.org'}", Principal.anonymous(), null))));
  }

  @Test
  void anInvitationTellsAWrongTypeWithTheOtherFieldsErrors() {
    OneTimeLinksServlet links = new OneTimeLinksServlet(null, null, new PolicyAuthorizer(), null, null);
    assertEquals(List.of("email", "country"), fields(refused(r -> links.doPost(r, null), post("/api/v1/invitations",
        "{'email':5,'role':'NATIONAL_COORDINATOR','country':'france'}", HQ, null))));
    assertEquals(List.of("role", "email"), fields(refused(r -> links.doPost(r, null), post("/api/v1/invitations",
        "{'email':'nobody','role':'KING'}", HQ, null))), "an unknown role is told with the email");
    List<FieldError> school = refused(r -> links.doPost(r, null), post("/api/v1/invitations",
        "{'email':'t@example.org','role':'SCHOOL_STAFF','school':'12','campaign':[7]}", HQ, "fr"));
    assertEquals(List.of("campaign", "school"), fields(school), "the school is unknown (no directory)");
    assertEquals("n'est pas un établissement connu", school.get(1).message());
    // a school or campaign of the wrong type is told what an id is, as a badly written one is
    List<FieldError> wrong = refused(r -> links.doPost(r, null), post("/api/v1/invitations",
        "{'email':5,'role':'X','school':true,'campaign':{}}", HQ, null));
    assertEquals(List.of("email", "role", "school", "campaign"), fields(wrong));
    assertEquals(SecurityMessages.get(null, "schoolId"), wrong.get(2).message());
    assertEquals(SecurityMessages.get(null, "campaignId"), wrong.get(3).message());
    assertEquals(SecurityMessages.get("fr", "schoolId"), refused(r -> links.doPost(r, null), post("/api/v1/invitations",
        "{'email':'t@example.org','role':'SCHOOL_STAFF','school':[7]}", HQ, "fr")).get(0).message(), "in the request's language");
    assertEquals(List.of("email"), fields(refused(r -> links.doPost(r, null), post("/api/v1/invitations",
        "{'email':'nc\u200b@example.org','role':'NATIONAL_COORDINATOR','country':'FR'}", HQ, null))),
        "a zero-width space would invite a look-alike of another account");
  }

  @Test
  void aResetAndItsAcceptanceTellAWrongTypeWithTheOtherFieldsErrors() {
    OneTimeLinksServlet links = new OneTimeLinksServlet(null, null, new PolicyAuthorizer(), null, null);
    assertEquals(List.of("mail", "email"), fields(refused(r -> links.doPost(r, null), post("/api/v1/password-resets",
        "{'mail':'a@example.org'}", HQ, null))));
    assertEquals(List.of("token", "password"), fields(refused(r -> links.doPost(r, null), post("/api/v1/password-resets/accept",
        "{'token':1,'password':'short'}", Principal.anonymous(), null))));
    assertEquals(List.of("name", "token"), fields(refused(r -> links.doPost(r, null), post("/api/v1/invitations/accept",
        "{'name':1,'password':'a long enough password'}", Principal.anonymous(), null))));
  }

  @Test
  void aSignInAndATokenRequestTellAWrongTypeWithTheOtherFieldsErrors() {
    AuthServlet auth = new AuthServlet(null);
    List<FieldError> signIn = refused(r -> auth.doPost(r, null), post("/api/v1/auth/login", "{'email':['a'],'password':''}",
        Principal.anonymous(), "es"));
    assertEquals(List.of("email", "password"), fields(signIn));
    assertEquals("es un dato obligatorio", signIn.get(1).message());
    TokensServlet tokens = new TokensServlet(null, null);
    assertEquals(List.of("days", "name"), fields(refused(r -> tokens.doPost(r, null), post("/api/v1/tokens",
        "{'name':' ','days':'ninety'}", HQ, null))));
    assertEquals(List.of("name", "days"), fields(refused(r -> tokens.doPost(r, null), post("/api/v1/tokens",
        "{'name':' ','days':366}", HQ, null))), "both rules at once when the types are right");
  }
}
