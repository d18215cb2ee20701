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
 * one way: a domain in any script, a path or query with characters a browser shows unencoded
 * ({@code |}, {@code {}}, Arabic), but no user name before the host ({@code
 * https://www.unesco.org@evil.example} is evil.example), no character in the domain that looks like
 * a slash (U+2215 and its kind: {@code www.unesco.org∕en.evil.example} is evil.example too), no IP
 * address, no port out of range, no space or invisible character. The scheme and the domain are
 * written one way (lower case, NFKC: fullwidth letters and ideographic full stops as their plain
 * forms, no final dot), a default port is dropped and an empty path is {@code /}, so that the same
 * link pasted twice is seen as the same (RFC 3986, 6.2.2-6.2.3); the path, query and fragment stay
 * as given. Two domains that differ only by their IDNA form ({@code xn--...} and its letters) are
 * the same link as well: {@link #sameLink}.
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
    String host = plainHost(hostPort.group(1));
    if (host == null || host.startsWith("[") || !domain(host)) {
      return null; // a user name, a slash look-alike, an IPv6 or IPv4 address, not a domain
    }
    String port = hostPort.group(2);
    if (port != null) {
      int n = Integer.parseInt(port);
      if (n < 1 || n > 65535) {
        return null;
      }
      port = (scheme.equals("https") && n == 443) || (scheme.equals("http") && n == 80) ? null : String.valueOf(n);
    }
    String rest = parts.group(3).isEmpty() || "?#".indexOf(parts.group(3).charAt(0)) >= 0 ? "/" + parts.group(3) : parts.group(3);
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

  /**
   * The host written one way (NFKC, lower case, the dots of other scripts as dots, no final dot), or
   * null when it holds what is no part of a domain name: a user name, or a character that looks
   * like a slash (a browser would show it as part of the name and open another site).
   */
  private static String plainHost(String given) {
    String host = java.text.Normalizer.normalize(given, java.text.Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
        .replace('\u3002', '.').replace('\uff61', '.');
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    for (int i = 0; i < host.length(); ) {
      int cp = host.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '.' || cp == '-' || cp == '[' || cp == ']' || cp == ':' || Character.isLetterOrDigit(cp)) {
        continue;
      }
      int type = Character.getType(cp);
      boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
      // a mark, except those drawn over the letter before it (U+0334-U+0338: a stroke or a slash)
      if (!mark || (cp >= 0x0334 && cp <= 0x0338) || (cp >= 0x20D2 && cp <= 0x20D3) || (cp >= 0x20E5 && cp <= 0x20E6)) {
        return null;
      }
    }
    return host;
  }

  /**
   * Whether two stored addresses open the same page: the same, or the same but for the IDNA form
   * of the domain ({@code xn--exaple-rmb.org} and {@code exaŭple.org}).
   */
  static boolean sameLink(String a, String b) {
    return a.equals(b) || asciiDomain(a).equals(asciiDomain(b));
  }

  private static String asciiDomain(String url) {
    Matcher parts = PARTS.matcher(url);
    if (!parts.matches()) {
      return url;
    }
    String authority = parts.group(2);
    int colon = authority.lastIndexOf(':');
    String host = colon < 0 ? authority : authority.substring(0, colon);
    try {
      host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return url;
    }
    return parts.group(1) + "://" + host + (colon < 0 ? "" : authority.substring(colon)) + parts.group(3);
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
