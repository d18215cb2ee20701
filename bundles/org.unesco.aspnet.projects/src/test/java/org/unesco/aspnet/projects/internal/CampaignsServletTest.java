package org.unesco.aspnet.projects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.projects.CampaignService;

/**
 * Query values of the campaign endpoints: a country in any case is read as its code, an unknown
 * one is a 400 naming {@code country} on every endpoint, and {@code per} is {@code school} or a 400.
 */
class CampaignsServletTest {
  /** Thrown by the fake service once a request got through the checks, with what it was given. */
  private static final class Reached extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String method;
    final List<Object> args;

    Reached(String method, Object[] args) {
      super(method, null, false, false);
      this.method = method;
      this.args = Arrays.asList(args);
    }
  }

  private final CampaignService service = (CampaignService) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {CampaignService.class}, (proxy, method, args) -> {
        throw new Reached(method.getName(), args);
      });
  private final CountryService countries = (CountryService) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {CountryService.class}, (proxy, method, args) -> {
        if (method.getName().equals("exists")) {
          return Set.of("FR", "DE").contains(args[0]);
        }
        throw new UnsupportedOperationException(method.getName());
      });
  private final CampaignsServlet servlet = new CampaignsServlet(service, null, countries, null);

  private static HttpServletRequest get(String path, Map<String, String> parameters) {
    return (HttpServletRequest) Proxy.newProxyInstance(CampaignsServletTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getPathInfo" -> path;
          case "getParameter" -> parameters.get((String) args[0]);
          case "getParameterMap" -> parameters.entrySet().stream()
              .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> new String[] {e.getValue()}));
          case "getQueryString" -> parameters.isEmpty() ? null : parameters.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining("&"));
          case "getMethod" -> "GET";
          default -> null;
        });
  }

  private Reached reached(String path, Map<String, String> parameters) {
    return assertThrows(Reached.class, () -> servlet.doGet(get(path, parameters), null));
  }

  private List<FieldError> refused(String path, Map<String, String> parameters) {
    ProblemException e = assertThrows(ProblemException.class, () -> servlet.doGet(get(path, parameters), null));
    assertEquals(400, e.status(), path + " " + parameters);
    return e.errors();
  }

  @Test
  void anUnknownCountryIsRefusedOnEveryEndpointAndLowerCaseIsItsCode() {
    for (String path : List.of("/", "/1/participants", "/1/submissions")) {
      List<FieldError> errors = refused(path, Map.of("country", "ZZ"));
      assertEquals(List.of("country"), errors.stream().map(FieldError::field).toList(), path);
      assertEquals(List.of("country"), refused(path, Map.of("country", "FRA")).stream().map(FieldError::field).toList());
      Reached r = reached(path, Map.of("country", "fr"));
      int at = switch (r.method) {
        case "campaigns" -> 1;
        case "participants" -> 2;
        default -> 3;
      };
      assertEquals("FR", r.args.get(at), path + ": fr is FR");
    }
    assertEquals("DE", reached("/", Map.of("country", "DE")).args.get(1));
  }

  @Test
  void perIsSchoolOrNothing() {
    assertEquals(List.of("per"), refused("/1/summary", Map.of("per", "foo")).stream().map(FieldError::field).toList());
    assertEquals(true, reached("/1/summary", Map.of("per", "school")).args.get(3));
    assertEquals(false, reached("/1/summary", Map.of()).args.get(3));
    // the summary is the campaign's as a whole: a country would be a filter it does not apply
    assertEquals(List.of("country"), refused("/1/summary", Map.of("country", "FR")).stream().map(FieldError::field).toList());
  }
}
