package org.unesco.aspnet.example.faultyprofile;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * A component that fails to start, on request: only once its configuration
 * ({@code config/org.unesco.aspnet.example.failing.cfg}) exists, so that a test can see what the
 * platform says of a plugin whose component fails, and what it says once it no longer does.
 */
@Component(service = FailingComponent.class, immediate = true, configurationPid = "org.unesco.aspnet.example.failing",
    configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class FailingComponent {
  @Activate
  public FailingComponent() {
    throw new IllegalStateException("this component fails on purpose");
  }
}
