package org.unesco.aspnet.export.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code GET /api/v1/exports} (the datasets and formats) and {@code GET
 * /api/v1/exports/{dataset}.{format}?<filters>} (the file, streamed as it is read).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/exports", "/api/v1/exports/*"})
@OpenApiFragment("openapi/export.json")
public final class ExportsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  private final transient Exports exports;

  @Activate
  public ExportsServlet(@Reference Exports exports) {
    this.exports = exports;
  }

  @Override
  protected List<String> alsoProduces() {
    return exports.mediaTypes();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String info = request.getPathInfo();
    if (info == null || info.equals("/")) {
      response.setHeader("Cache-Control", "no-cache");
      Json.write(response, 200, exports.catalogue());
      return;
    }
    String name = info.substring(1);
    int dot = name.lastIndexOf('.');
    if (dot <= 0 || name.indexOf('/') >= 0) {
      throw ProblemException.notFound("Ask for /api/v1/exports/{dataset}.{format}, e.g. /api/v1/exports/schools.csv");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    request.getParameterMap().forEach((k, v) -> parameters.put(k, v.length == 0 ? "" : v[0]));
    try {
      exports.export(principal(request), name.substring(0, dot), name.substring(dot + 1), parameters, (exporter, fileName) -> {
        if (refuses(request, exporter.mediaType())) {
          throw notAcceptable(name + " is " + exporter.mediaType().split(";", 2)[0] + ", which the request refuses: "
              + request.getHeader("Accept"));
        }
        response.setStatus(200);
        response.setContentType(exporter.mediaType());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        response.setHeader("Cache-Control", "private, no-store");
        response.setBufferSize(1 << 16);
        return response.getOutputStream();
      });
    } catch (ProblemException p) {
      if (response.isCommitted()) {
        // Half a file is out: break the connection so the client cannot take it for a whole one.
        throw new IOException("export failed after the first bytes: " + p.getMessage(), p);
      }
      response.setHeader("Content-Disposition", null);
      throw p;
    }
  }
}
