package org.unesco.aspnet.apidocs.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/** Serves the page's script and Swagger UI (the bundle's {@code apidocs/} folder) at {@value #PATH}. */
@Component(service = ApiReferenceFiles.class)
@HttpWhiteboardResource(pattern = ApiReferenceFiles.PATH + "/*", prefix = "/apidocs")
public final class ApiReferenceFiles {
  static final String PATH = "/api-reference";
}
