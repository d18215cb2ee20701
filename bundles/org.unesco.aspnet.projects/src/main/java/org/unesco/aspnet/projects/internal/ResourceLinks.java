package org.unesco.aspnet.projects.internal;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource's address as coordinators paste it from a browser's address bar, checked and written
 * one way: a domain in any script (kept as typed), a path or query with characters a browser shows
 * unencoded ({@code |}, {@code {}}, Arabic), but no user name before the host ({@code
 * https://www.unesco.org@evil.example} is evil.example), no port out of range, no space or invisible
 * character. The scheme and the host are written in lower case and a default port is dropped, so
 * that the same link pasted twice is seen as the same (RFC 3986, 6.2.2-6.2.3); the path, query and
 * fragment stay as given.
 */
final class ResourceLinks {
  private static final Pattern PARTS = Pattern.compile("(?i)(https?)://([^/?#]*)(.*)", Pattern.DOTALL);
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]]+)(?::(\\d{1,5}))?");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  /** What java.net.URI refuses in a path, query or fragment though browsers show it as is. */
  private static final String TO_ENCODE = " \"<>\\^`{|}";

  private ResourceLinks() {}

  /** The address as stored, or null when it is not an http(s) address a reader can open. */
  static String normalized(String given) {
    if (given == null || given.length() > CampaignForm.URL_MAX) {
      return null;
    }
    for (int i = 0; i < given.length(); i++) {
      char ch = given.charAt(i);
      if (Character.isWhitespace(ch) || Character.isISOControl(ch) || Character.getType(ch) == Character.FORMAT
          || Character.isSpaceChar(ch)) {
        return null;
      }
    }
    Matcher parts = PARTS.matcher(given);
    if (!parts.matches()) {
      return null;
    }
    String scheme = parts.group(1).toLowerCase(Locale.ROOT);
    Matcher hostPort = HOST_PORT.matcher(parts.group(2));
    if (!hostPort.matches()) {
      return null; // empty, a user name (@), or more than one port
    }
    String host = hostPort.group(1).toLowerCase(Locale.ROOT);
    if (host.contains("@") || !(host.startsWith("[") ? literal(host) : domain(host))) {
      return null;
    }
    String port = hostPort.group(2);
    if (port != null) {
      int n = Integer.parseInt(port);
      if (n < 1 || n > 65535) {
        return null;
      }
      port = (scheme.equals("https") && n == 443) || (scheme.equals("http") && n == 80) ? null : String.valueOf(n);
    }
    String rest = parts.group(3);
    try {
      new URI("http://h" + encoded(rest)); // the path, query and fragment are well formed
    } catch (URISyntaxException e) {
      return null;
    }
    String url = scheme + "://" + host + (port == null ? "" : ":" + port) + rest;
    return url.length() > CampaignForm.URL_MAX ? null : url;
  }

  /** A domain name of two labels at least (a link for teachers everywhere, not an intranet's host), in any script. */
  private static boolean domain(String host) {
    String ascii;
    try {
      ascii = IDN.toASCII(host.endsWith(".") ? host.substring(0, host.length() - 1) : host, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2 || ascii.length() > 253) {
      return false;
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return !labels[labels.length - 1].matches("\\d+"); // 10.0.0.1 is an address, below
  }

  /** An IPv6 literal ({@code [2001:db8::1]}); a dotted IPv4 address is refused with the intranet hosts. */
  private static boolean literal(String host) {
    try {
      return new URI("http://" + host + "/").getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** {@code rest} with the characters URI refuses, and those beyond ASCII, percent-encoded (for the check only). */
  private static String encoded(String rest) {
    StringBuilder out = new StringBuilder(rest.length() + 16);
    for (int i = 0; i < rest.length(); ) {
      int cp = rest.codePointAt(i);
      if (cp < 0x80 && TO_ENCODE.indexOf(cp) < 0) {
        out.append((char) cp);
      } else {
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(String.format("%02X", b & 0xff));
        }
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }
}
