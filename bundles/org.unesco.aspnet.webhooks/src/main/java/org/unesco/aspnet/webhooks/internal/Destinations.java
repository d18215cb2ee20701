package org.unesco.aspnet.webhooks.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a webhook may send: an absolute HTTPS address without credentials in it, whose host is
 * not an address of the platform's own network. Otherwise a coordinator could make the platform
 * post to its own database port, a cloud's metadata address (169.254.169.254) or a machine behind
 * the firewall. Checked when a subscription is made and again before every delivery, since a
 * name may come to point elsewhere.
 */
final class Destinations {
  static final int URL_MAX = 2000;

  private Destinations() {}

  /** Why {@code url} is refused, or null when it will do. */
  static String problem(String url, boolean allowHttp, boolean allowPrivate) {
    if (url == null || url.isBlank()) {
      return "is required";
    }
    if (url.length() > URL_MAX) {
      return "must be at most " + URL_MAX + " characters";
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return "is not an address (" + e.getReason() + ")";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
      return allowHttp ? "must start with https:// or http://" : "must start with https:// (the events are not for anyone on the way)";
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      return "must name a host";
    }
    if (uri.getRawUserInfo() != null) {
      return "must not carry a user name or password: they would show in logs; check the signature instead";
    }
    if (uri.getRawFragment() != null) {
      return "must not have a #fragment";
    }
    return allowPrivate ? null : privateHost(uri.getHost());
  }

  /** Why the host is refused as one of the platform's own network, or null. */
  static String privateHost(String host) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (UnknownHostException e) {
      return "names a host that cannot be found (" + host + ")";
    }
    for (InetAddress a : addresses) {
      if (isPrivate(a)) {
        return "points into the platform's own network (" + a.getHostAddress() + "): webhooks go to public addresses only";
      }
    }
    return null;
  }

  /**
   * An address no webhook goes to: this host, the private, link-local, carrier-NAT, benchmark and
   * reserved ranges, multicast, and IPv6 forms that carry such an IPv4 address inside (NAT64's
   * 64:ff9b::/96, 6to4's 2002::/16, the old IPv4-compatible ::/96; IPv4-mapped ones Java reads as
   * IPv4 already).
   */
  static boolean isPrivate(InetAddress a) {
    byte[] b = a.getAddress();
    if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
      return true;
    }
    if (b.length == 4) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 // 0.0.0.0/8, "this network"
          || (first == 100 && (second & 0xc0) == 64) // 100.64.0.0/10, carrier NAT
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24, protocol assignments
          || (first == 198 && (second & 0xfe) == 18) // 198.18.0.0/15, benchmarking
          || first >= 240; // 240.0.0.0/4 and the broadcast address
    }
    if ((b[0] & 0xfe) == 0xfc) { // fc00::/7, unique local
      return true;
    }
    byte[] inside = null;
    if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zeros(b, 4, 12)) {
      inside = java.util.Arrays.copyOfRange(b, 12, 16); // NAT64
    } else if (b[0] == 0x20 && b[1] == 0x02) {
      inside = java.util.Arrays.copyOfRange(b, 2, 6); // 6to4
    } else if (zeros(b, 0, 12)) {
      inside = java.util.Arrays.copyOfRange(b, 12, 16); // IPv4-compatible
    }
    try {
      return inside != null && isPrivate(InetAddress.getByAddress(inside));
    } catch (java.net.UnknownHostException never) { // four bytes are always an address
      return true;
    }
  }

  private static boolean zeros(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
