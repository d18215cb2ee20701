package org.unesco.aspnet.security.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.PlainText;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.persistence.PersistenceException;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code POST /api/v1/accounts}: a school's focal point registers. The account has no role until
 * its school's application gives it one. {@code GET} lists accounts for HQ and administrators
 * ({@link ManagedAccountsServlet#list}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/accounts")
@OpenApiFragment("openapi/security.json")
public final class AccountsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$");
  static final Set<String> LANGUAGES = Set.of("en", "fr", "es", "ar", "ru", "zh", "de", "pt");
  static final int MIN_PASSWORD = 12;
  static final int MAX_PASSWORD = 200;

  /** The body of a registration. */
  public record Registration(String email, String name, String password, String language) {}

  private final transient SecurityStore store;
  private final transient Authentication authentication;
  private final transient AuditLog audit;
  private final transient Logger log;
  private final transient org.unesco.aspnet.core.Authorizer authorizer;

  @Activate
  public AccountsServlet(@Reference SecurityStore store, @Reference Authentication authentication, @Reference AuditLog audit,
      @Reference(service = LoggerFactory.class) Logger log, @Reference org.unesco.aspnet.core.Authorizer authorizer) {
    this.store = store;
    this.authorizer = authorizer;
    this.authentication = authentication;
    this.audit = audit;
    this.log = log;
  }

  static final int HASH_WAIT_SECONDS = 30;
  /** One registration's password hashed at a time on this node ({@link #hashOneAtATime}). */
  private final transient java.util.concurrent.Semaphore registrationHashing = new java.util.concurrent.Semaphore(1, true);

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ManagedAccountsServlet.list(request, response, store, authorizer);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    java.util.Locale stated = statedLanguage(request);
    // a field of the wrong type is told with every other field's error
    Registration r = Json.read(request, Registration.class,
        rest -> require(validate(rest, stated != null ? stated.getLanguage() : rest.language())));
    require(validate(r, stated != null ? stated.getLanguage() : r.language()));
    String language = r.language() == null ? "en" : r.language();
    Authentication.Attempt attempt = authentication.addressAttempt(request.getRemoteAddr(), stated != null ? stated.getLanguage() : language);
    boolean made = false;
    boolean busy = false; // a 429 for the load (no turn to hash) is no failed attempt of the address
    String id;
    try {
      String hash;
      try {
        hash = hashOneAtATime(r.password());
      } catch (ProblemException noTurn) {
        busy = true;
        throw noTurn;
      }
      Principal anonymous = principal(request);
      id = store.database().inTransaction(c -> {
        String created = store.createAccount(c, r.email(), r.name().strip(), language, hash);
        audit.record(c, anonymous, "account.register", "account", created, null, null,
            Map.of("email", SecurityStore.normaliseEmail(r.email()), "name", r.name().strip()));
        return created;
      });
      made = true;
    } catch (PersistenceException e) {
      if (e.isDuplicateKey()) { // a failed attempt of the address, as a wrong password is
        // on the email box, in the person's words: sign in, or have the password reset (there is
        // no self-service reset: an NC or HQ makes the link)
        String message = SecurityMessages.get(stated != null ? stated.getLanguage() : language, "emailTaken");
        throw new ProblemException(409, ProblemException.TYPE_BASE + "conflict", "Conflict",
            "An account with this email exists already; sign in or ask for a new password",
            List.of(new org.unesco.aspnet.core.FieldError("email", message)), Map.of());
      }
      throw e;
    } finally {
      try {
        authentication.end(attempt, made || busy); // an account made is no failed attempt, nor a turn not given; anything else is one
      } catch (RuntimeException notEnded) {
        // the answer stands (201: the account exists; its retry would say "email taken"); the
        // attempt left in flight counts as failed after a minute (LoginThrottle.IN_FLIGHT_LIMIT)
        log.warn("A registration's throttle attempt could not be ended (answered all the same; it counts as failed after a minute): {}",
            String.valueOf(notEnded));
      }
    }
    response.setHeader("Location", "/api/v1/me");
    Json.write(response, 201, Map.of("id", id, "email", SecurityStore.normaliseEmail(r.email())));
  }

  /**
   * Hashes a registration's password when no other registration's is being hashed on this node:
   * each hash takes a core for a fraction of a second (PBKDF2), and forty registrations sent at once
   * took both cores, so that a sign-in waited 10 s. One at a time, a burst is served in turn and
   * sign-ins keep a core; a registration that waited {@value #HASH_WAIT_SECONDS} s gets 429.
   */
  private String hashOneAtATime(String password) {
    boolean acquired;
    try {
      acquired = registrationHashing.tryAcquire(HASH_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw new ProblemException(429, ProblemException.TYPE_BASE + "too-many-attempts", "Too many attempts",
          "Many accounts are being registered at this moment; try again in a few seconds", List.of(), Map.of("retryAfter", 5));
    }
    try {
      return authentication.hasher().hash(password);
    } finally {
      registrationHashing.release();
    }
  }

  /**
   * What is wrong with a new password, or null when it will do: the one rule for registrations,
   * invitations and resets. Lengths count characters (code points), not UTF-16 units, so an emoji
   * or a CJK extension character is one character, as the person typing it sees it. In {@code lang}.
   */
  static String passwordProblem(String password, String lang) {
    // counted as it is hashed: "é" typed as e and an accent is one character
    String normalised = password == null ? null : PasswordHasher.normalised(password);
    int characters = normalised == null ? 0 : normalised.codePointCount(0, normalised.length());
    if (characters < MIN_PASSWORD) {
      return SecurityMessages.get(lang, "passwordMin", String.valueOf(MIN_PASSWORD));
    }
    if (characters > MAX_PASSWORD) {
      return SecurityMessages.get(lang, "passwordMax", String.valueOf(MAX_PASSWORD));
    }
    if (PlainText.showsNothing(password)) {
      // twelve spaces are twelve characters, and the first thing a guesser tries after "password"
      return SecurityMessages.get(lang, "passwordBlank");
    }
    return null;
  }

  /**
   * Whether {@code email} will do for a new account or an invitation: the address pattern holds on
   * its normalised form (the one stored), and nothing invisible or blank is inside it. A zero-width
   * space (U+200B), a joiner (U+200D), a byte order mark (U+FEFF), a word joiner (U+2060), a control
   * character or a space would make an account that reads as another's; spaces at either end are
   * trimmed, as before.
   */
  static boolean isEmail(String email) {
    if (email == null || email.length() > Authentication.EMAIL_MAX) {
      return false;
    }
    String normalised = SecurityStore.normaliseEmail(email);
    return email.strip().codePoints().noneMatch(AccountsServlet::unseen)
        && normalised.codePoints().noneMatch(AccountsServlet::unseen)
        && normalised.length() <= Authentication.EMAIL_MAX // NFKC may lengthen it: the column holds 254
        && EMAIL.matcher(normalised).matches();
  }

  /**
   * A character that shows as nothing or as a blank: format (Cf), control (Cc), whitespace and
   * spaces, and those that {@link PlainText#blankLooking} are though their category says letter or symbol.
   */
  private static boolean unseen(int c) {
    int type = Character.getType(c);
    return type == Character.FORMAT || type == Character.CONTROL || Character.isWhitespace(c) || Character.isSpaceChar(c)
        || PlainText.blankLooking(c);
  }


  /** A 400 with {@code errors} (field by field), if there are any. */
  static void require(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
  }

  /** PlainText.oneLine: names go into the emails the platform sends for their owner. */
  static boolean oneLine(String text) {
    return org.unesco.aspnet.core.PlainText.oneLine(text);
  }

  /** Every error of a registration at once, in {@code lang}. */
  static List<FieldError> validate(Registration r, String lang) {
    List<FieldError> errors = new ArrayList<>();
    if (r.email() == null || r.email().isBlank()) {
      errors.add(new FieldError("email", SecurityMessages.get(lang, "required")));
    } else if (!isEmail(r.email())) {
      errors.add(new FieldError("email", SecurityMessages.get(lang, "email")));
    }
    if (r.name() == null || r.name().isBlank()) {
      errors.add(new FieldError("name", SecurityMessages.get(lang, "required")));
    } else if (r.name().codePointCount(0, r.name().length()) > 200) {
      errors.add(new FieldError("name", SecurityMessages.get(lang, "nameMax", "200")));
    } else if (!oneLine(r.name())) {
      // a name goes into the emails the platform sends for its owner (an invitation): lines of one's
      // own there, or text turned round, would read as the platform's words
      errors.add(new FieldError("name", SecurityMessages.get(lang, "oneLine")));
    }
    String password = passwordProblem(r.password(), lang);
    if (password != null) {
      errors.add(new FieldError("password", password));
    }
    if (r.language() != null && !LANGUAGES.contains(r.language())) {
      errors.add(new FieldError("language", SecurityMessages.get(lang, "oneOf", String.join(", ", LANGUAGES.stream().sorted().toList()))));
    }
    return errors;
  }
}
