package org.unesco.aspnet.export;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The name of a {@link Dataset}: sets the service property {@value #PROPERTY}, e.g. {@code
 * @ExportDataset("participations")}. Lower case letters, digits and hyphens.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ExportDataset {
  String PREFIX_ = "aspnet.";

  /** The service property this annotation sets. */
  String PROPERTY = "aspnet.export.dataset";

  String value();
}
