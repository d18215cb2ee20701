package org.unesco.aspnet.ui;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The address of a {@link UiPage} under {@code /p/}: {@code @UiPagePath("hello")} on the component
 * sets the service property {@value #PROPERTY} and the page opens at {@code /p/hello}. Letters,
 * digits and hyphens.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface UiPagePath {
  String PREFIX_ = "aspnet.";

  /** The service property this annotation sets. */
  String PROPERTY = "aspnet.ui.page.path";

  String value();
}
