package org.unesco.aspnet.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names the OpenAPI 3.1 fragment (a JSON file inside the bundle) that documents the endpoints of
 * the annotated servlet component. The platform merges the {@code paths}, {@code tags} and {@code
 * components} of every registered fragment into {@code GET /api/v1/openapi.json}; the fragment
 * leaves when its bundle does.
 *
 * <pre>{@code @OpenApiFragment("openapi/hello.json")}</pre>
 *
 * Sets the service property {@value #PROPERTY}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface OpenApiFragment {
  String PREFIX_ = "aspnet.";

  /** The service property this annotation sets. */
  String PROPERTY = "aspnet.open.api.fragment";

  /** Path of the fragment inside the bundle, e.g. {@code openapi/hello.json}. */
  String value();
}
