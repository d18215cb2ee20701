package org.unesco.aspnet.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.unesco.aspnet.core.ProblemException;

/**
 * The platform's optimistic locking on the wire: a resource's revision number is its {@code
 * ETag} ({@code "7"}), and an update sends it back in {@code If-Match}.
 */
public final class Revisions {
  /**
   * What Jetty's gzip handler appends to the ETag of a compressed answer ({@code "7--gzip"}); a
   * client that read the school compressed sends it back so, and it names the same revision.
   */
  private static final String GZIP_SUFFIX = "--gzip";

  private Revisions() {}

  /** The ETag of a revision. */
  public static String etag(int revision) {
    return "\"" + revision + "\"";
  }

  /**
   * The revision the client read, from If-Match.
   *
   * @throws ProblemException 428 without If-Match or with {@code *}, 412 for a value that is no ETag
   *     of ours
   */
  public static int expected(HttpServletRequest request) {
    Integer revision = expectedIfPresent(request);
    if (revision == null) {
      throw ProblemException.preconditionRequired("Send If-Match with the ETag of what you read");
    }
    return revision;
  }

  /** A revision as {@link #etag} writes it: ASCII digits without a sign or a leading zero. */
  private static final java.util.regex.Pattern CANONICAL = java.util.regex.Pattern.compile("0|[1-9][0-9]{0,9}");

  /** As {@link #expected}, but null without If-Match, for a create-or-replace. */
  public static Integer expectedIfPresent(HttpServletRequest request) {
    String ifMatch = request.getHeader("If-Match");
    if (ifMatch == null || ifMatch.isBlank()) {
      return null;
    }
    if (ifMatch.strip().equals("*")) {
      // RFC 9110 lets "*" match any current revision, which is exactly the lost update that
      // If-Match is required here to prevent: the client must say which revision it read.
      throw ProblemException.preconditionRequired("If-Match: * is not accepted here: send the ETag of what you read");
    }
    if (ifMatch.indexOf(',') >= 0) {
      // RFC 9110 allows a list; a resource here has one revision, and the client read one
      throw ProblemException.preconditionFailed("If-Match " + ifMatch + " names several ETags: send the one ETag you read");
    }
    // W/ is taken off: the ETag names a revision, the same whatever proxy marked it weak on the
    // way (nginx does when it compresses), so the weak form still says which revision was read.
    String tag = ifMatch.replace("W/", "").replace("\"", "").strip();
    if (tag.endsWith(GZIP_SUFFIX)) {
      tag = tag.substring(0, tag.length() - GZIP_SUFFIX.length());
    }
    // compared as the text it is (RFC 9110): "05" or "+5" is no ETag this platform writes, not "5"
    try {
      if (CANONICAL.matcher(tag).matches()) {
        return Integer.parseInt(tag);
      }
    } catch (NumberFormatException beyondAnInt) {
      // below
    }
    throw ProblemException.preconditionFailed("If-Match " + ifMatch + " is not an ETag of this resource");
  }

  /**
   * Adds the ETag of {@code revision} to the response and, when the request's If-None-Match names
   * it, answers 304.
   *
   * @return true when the 304 was sent: the caller writes no body
   * @since 1.10
   */
  public static boolean sendNotModified(HttpServletRequest request, HttpServletResponse response, int revision) {
    String etag = etag(revision);
    response.addHeader("ETag", etag); // added, not set: a set searches every header (Json.send)
    if (notModified(request, etag)) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return true;
    }
    return false;
  }

  /**
   * Whether the request's If-None-Match names {@code etag} (one of a list, weak or strong, with or
   * without the suffix of a compressed answer, or {@code *}): the client has it, a 304 will do.
   *
   * @since 1.3
   */
  public static boolean notModified(HttpServletRequest request, String etag) {
    String ifNoneMatch = request.getHeader("If-None-Match");
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.strip().replace("W/", "").replace(GZIP_SUFFIX, "");
      if (t.equals(etag) || t.equals("*")) {
        return true;
      }
    }
    return false;
  }
}
