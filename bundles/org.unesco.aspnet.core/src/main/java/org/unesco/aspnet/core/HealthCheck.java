package org.unesco.aspnet.core;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something whose state decides whether the platform is healthy: the database, a national
 * profile, a campaign module. Register one as an OSGi service; {@code GET /api/v1/health} lists
 * every registered check. A check must answer fast (it runs on every health request) and never
 * throw; a check that throws is reported {@link Status#DOWN}.
 */
@ConsumerType
public interface HealthCheck {

  /** How bad it is. The platform is UP only when every check is UP. */
  enum Status {
    UP,
    /** Works, but something optional (a plugin) is failing; the platform still serves. */
    DEGRADED,
    /** A required part does not work; health answers 503. */
    DOWN
  }

  /** The state now and a sentence an operator can act on. */
  record Result(Status status, String detail) {
    public static Result up() {
      return new Result(Status.UP, null);
    }

    public static Result degraded(String detail) {
      return new Result(Status.DEGRADED, detail);
    }

    public static Result down(String detail) {
      return new Result(Status.DOWN, detail);
    }
  }

  /** Name shown in the health document, e.g. {@code database}. */
  String name();

  Result check();
}
