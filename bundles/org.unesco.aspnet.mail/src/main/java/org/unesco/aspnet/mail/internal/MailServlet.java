package org.unesco.aspnet.mail.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * The operators' view of outgoing mail, for platform administrators only (it names recipients):
 * {@code GET /api/v1/mail} tells how mail leaves, what waits, was sent and was given up (the last
 * day), and the latest messages with their last error; {@code POST /api/v1/mail/test} {to} queues
 * a test message, so that a new SMTP setting can be tried from the console.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/mail", "/api/v1/mail/test"})
@OpenApiFragment("openapi/mail.json")
public final class MailServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final int LATEST = 50;

  /** The body of a test. */
  public record Test(String to) {}

  private final transient OutboxService outbox;
  private final transient Authorizer authorizer;
  private final transient AuditLog audit;

  @Activate
  public MailServlet(@Reference OutboxService outbox, @Reference Authorizer authorizer, @Reference AuditLog audit) {
    this.outbox = outbox;
    this.authorizer = authorizer;
    this.audit = audit;
  }

  @Override
  protected java.util.Set<String> methodsAt(HttpServletRequest request) {
    return "/api/v1/mail".equals(request.getServletPath()) ? java.util.Set.of("GET", "HEAD", "OPTIONS")
        : java.util.Set.of("POST", "OPTIONS");
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    authorizer.require(principal(request), Action.MANAGE_PLATFORM, Target.everything());
    onlyParameters(request, java.util.List.of(), "");
    Map<String, Object> body = new LinkedHashMap<>(outbox.settings().describe());
    body.put("lastDay", outbox.database().read(c -> OutboxStore.counts(c, Instant.now().minus(Duration.ofDays(1)))));
    body.put("latest", outbox.database().read(c -> OutboxStore.latest(c, LATEST)));
    Json.privateToReader(response);
    Json.write(response, 200, body);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = principal(request);
    authorizer.require(me, Action.MANAGE_PLATFORM, Target.everything());
    Test test = Json.read(request, Test.class);
    if (test.to() == null || test.to().isBlank()) {
      throw ProblemException.validation("to", "is required");
    }
    try {
      SmtpSender.deliverable(test.to()); // what the sender would refuse is refused here, at once
    } catch (SmtpSender.Failure e) {
      throw ProblemException.validation("to", "is not an email address this platform can send to: " + e.getMessage());
    }
    if (!outbox.delivers()) {
      throw ProblemException.conflict(
          "No mail server is configured: set host (and port, security, username, password, from) in config/org.unesco.aspnet.mail.cfg first");
    }
    String to = test.to().strip();
    long id = outbox.database().inTransaction(c -> {
      long queued = outbox.enqueued(c, new MailOutbox.Message(to, "ASPnet Platform: test message",
          "This is a test message from the ASPnet Platform at " + outbox.publicUrl() + ".\n\n"
              + "It was asked for by " + me.email() + ". If it reached you, email from the platform works.\n", "mail.test"));
      audit.record(c, me, "mail.test", "mail", String.valueOf(queued), null, null, Map.of("to", to));
      return queued;
    });
    Json.write(response, 202, Map.of("id", id, "status", "queued"));
  }
}
