package org.unesco.aspnet.demo.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.core.HealthCheck;

/**
 * {@code demo} in {@code GET /api/v1/health} while the demo network loads: DEGRADED until its
 * schools and accounts are in (a newcomer signing in as a demo account before that is told the
 * password is wrong), UP after. Enabled by {@link DemoData} only when the demo is on: without it the
 * health document does not mention a demo.
 */
@Component(enabled = false, service = HealthCheck.class)
public final class DemoHealth implements HealthCheck {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public Result check() {
    CompletableFuture<List<Long>> schools = DemoData.schools();
    if (!schools.isDone()) {
      return Result.degraded("The demo network is loading (about 20 s after a first start): its accounts sign in"
          + " once the log says \"Demo data loaded\"");
    }
    if (schools.isCompletedExceptionally()) {
      return Result.degraded("The demo data could not be loaded: see the log");
    }
    return Result.up();
  }
}
