package org.unesco.aspnet.membership.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.ConfigValues;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.Application;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.MembershipService;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code POST /api/v1/applications}: a school applies; 201 with the school and its membership. The
 * public applies at most {@code perHourPerAddress} times an hour from one address (429 beyond).
 */
@Component(service = Servlet.class, configurationPid = "org.unesco.aspnet.membership.applications")
@Designate(ocd = ApplicationsServlet.Config.class)
@HttpWhiteboardServletPattern("/api/v1/applications")
@OpenApiFragment("openapi/membership.json")
public final class ApplicationsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  static final String CONFIRM = "confirmDuplicate";

  @ObjectClassDefinition(name = "ASPnet applications", description = "Applications sent by the public")
  public @interface Config {
    @AttributeDefinition(description = "How many applications the public may send from one address in an hour"
        + " (signed-in coordinators are not counted)", min = "1")
    int perHourPerAddress() default 20;
  }

  private final transient ApplicationThrottle throttle = new ApplicationThrottle();
  private final transient ConfigValues values;
  private volatile int perHour;

  private final transient MembershipService memberships;
  private final transient CountryService countries;

  /** The national rules, checked with the rest when a field has the wrong type (SchoolForm). */
  private final transient NationalProfiles profiles;

  @Activate
  public ApplicationsServlet(@Reference MembershipService memberships, @Reference CountryService countries,
      @Reference NationalProfiles profiles, Config config, @Reference(service = LoggerFactory.class) Logger log) {
    this.memberships = memberships;
    this.countries = countries;
    this.profiles = profiles;
    this.values = new ConfigValues("org.unesco.aspnet.membership.applications", log::warn);
    modified(config);
  }

  @Modified
  void modified(Config config) {
    perHour = values.get("perHourPerAddress", config::perHourPerAddress, n -> n >= 1, "a whole number from 1",
        perHour == 0 ? ConfigValues.defaultOf(Config.class, "perHourPerAddress", Integer.class) : perHour);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    org.unesco.aspnet.core.Principal actor = Requests.actor(request);
    if (actor.isAnonymous()) {
      long wait = throttle.wait(request.getRemoteAddr(), perHour, System.currentTimeMillis());
      if (wait > 0) {
        throw new ProblemException(429, ProblemException.TYPE_BASE + "too-many-attempts", "Too many applications",
            LifecycleMessages.get(actor.language(), "tooManyApplications", String.valueOf(perHour)), List.of(),
            Map.of("retryAfter", wait));
      }
    }
    // a string refused in one field is told with what the form says of the others
    ObjectNode body = Json.read(request, ObjectNode.class, rest -> SchoolForm.check(rest, Set.of(CONFIRM), countries::exists,
        actor.language(), nationalRules(actor)));
    JsonNode confirm = body.get(CONFIRM); // true, false or null: SchoolForm checks it with the rest
    SchoolInput school = SchoolForm.read(body, Set.of(CONFIRM), countries::exists, actor.language(), nationalRules(actor));
    Application application = memberships.apply(actor, school, confirm != null && confirm.asBoolean());
    if (actor.isAnonymous()) {
      throttle.taken(request.getRemoteAddr(), System.currentTimeMillis());
    }
    response.setHeader("Location", "/api/v1/schools/" + application.schoolId());
    Json.write(response, 201, application);
  }

  private java.util.function.Function<SchoolInput, java.util.List<org.unesco.aspnet.core.FieldError>> nationalRules(
      org.unesco.aspnet.core.Principal actor) {
    return input -> profiles.check(profiles.withUnitCode(input), java.util.Map.of(), actor.language()).errors();
  }
}
