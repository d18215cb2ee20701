package org.unesco.aspnet.membership.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.membership.MembershipService;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code GET /api/v1/certificates/{number}}: anyone checks a membership certificate; {@code
 * /{number}/qr.svg}: the QR code a printed certificate carries, the address of that check.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/certificates/*")
@OpenApiFragment("openapi/membership.json")
public final class CertificatesServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  /** A certificate number as the platform writes them (ASPNET-FR-2026-000123), in any case. */
  private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9-]{1,40}");

  private final transient MembershipService memberships;

  @Activate
  public CertificatesServlet(@Reference MembershipService memberships) {
    this.memberships = memberships;
  }

  @Override
  protected Set<String> methodsAt(HttpServletRequest request) {
    List<String> path = Requests.segments(request);
    return path.size() == 1 || path.size() == 2 && path.get(1).equals("qr.svg") ? Set.of("GET") : Set.of();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = Requests.segments(request);
    if (path.size() == 2) {
      qrCode(request, response, path.get(0));
      return;
    }
    // a status can change any day: a verifier must not be shown yesterday's answer
    response.setHeader("Cache-Control", "no-store");
    Json.write(response, 200, memberships.certificate(Requests.actor(request), path.get(0)));
  }

  /**
   * The QR code of {@code /certificates/{number}} on this site as the browser reached it (behind a
   * proxy, as its X-Forwarded headers say when Jetty is told to trust them). It tells nothing about
   * the certificate, so it is drawn for any number written as the platform writes them, without
   * reading the database. Only the browser keeps it: the address comes from the request's Host,
   * which a shared cache does not key on, so one request with a forged Host would otherwise put
   * another site's address on every certificate printed that day.
   */
  private static void qrCode(HttpServletRequest request, HttpServletResponse response, String number) throws IOException {
    if (!NUMBER.matcher(number).matches()) {
      throw Requests.noSuchPath(request);
    }
    String host = request.getServerName();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]"; // an IPv6 address
    }
    int port = request.getServerPort();
    boolean usual = port <= 0 || port == 80 && "http".equals(request.getScheme()) || port == 443 && "https".equals(request.getScheme());
    String address = request.getScheme() + "://" + host + (usual ? "" : ":" + port) + "/certificates/"
        + number.toUpperCase(Locale.ROOT);
    response.setHeader("Cache-Control", "private, max-age=86400");
    Json.send(response, 200, "image/svg+xml;charset=utf-8",
        CertificateCodes.svg(address, address).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected List<String> alsoProduces() {
    return List.of("image/svg+xml");
  }
}
