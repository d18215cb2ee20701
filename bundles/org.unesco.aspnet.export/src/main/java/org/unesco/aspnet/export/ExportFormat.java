package org.unesco.aspnet.export;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The format key of an {@link Exporter} or a {@link TableReader}: sets the service property
 * {@value #PROPERTY}, e.g. {@code @ExportFormat("xlsx")}. Lower case letters and digits.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ExportFormat {
  String PREFIX_ = "aspnet.";

  /** The service property this annotation sets. */
  String PROPERTY = "aspnet.export.format";

  String value();
}
