package org.unesco.aspnet.web;

import jakarta.servlet.http.HttpServletRequest;
import org.unesco.aspnet.core.ProblemException;

/**
 * The platform's optimistic locking on the wire: a resource's revision number is its {@code
 * ETag} ({@code "7"}), and an update sends it back in {@code If-Match}.
 */
public final class Revisions {
  private Revisions() {}

  /** The ETag of a revision. */
  public static String etag(int revision) {
    return "\"" + revision + "\"";
  }

  /**
   * The revision the client read, from If-Match.
   *
   * @throws ProblemException 428 without If-Match, 412 for a value that is no ETag of ours
   */
  public static int expected(HttpServletRequest request) {
    Integer revision = expectedIfPresent(request);
    if (revision == null) {
      throw ProblemException.preconditionRequired("Send If-Match with the ETag of what you read");
    }
    return revision;
  }

  /** As {@link #expected}, but null without If-Match, for a create-or-replace. */
  public static Integer expectedIfPresent(HttpServletRequest request) {
    String ifMatch = request.getHeader("If-Match");
    if (ifMatch == null || ifMatch.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(ifMatch.replace("W/", "").replace("\"", "").strip());
    } catch (NumberFormatException e) {
      throw ProblemException.preconditionFailed("If-Match " + ifMatch + " is not an ETag of this resource");
    }
  }
}
