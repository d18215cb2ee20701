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
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      return "must name a port from 1 to 65535, or none";
    }
    if (!org.unesco.aspnet.core.PlainText.oneLine(url)) {
      return "must be one line, without control or text-direction characters";
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
   * An address no webhook goes to. IPv4: this host, the private, link-local, carrier-NAT,
   * protocol, documentation, benchmarking and reserved ranges, and multicast. IPv6: anything but
   * global unicast (2000::/3), which leaves out loopback, link-local, unique-local, the
   * IPv4-mapped, -translated and -compatible forms and the local-use NAT64 prefix; within it,
   * Teredo (2001::/32), documentation (2001:db8::/32) and 6to4 (2002::/16), which carry or stand
   * for other addresses. NAT64's well-known 64:ff9b::/96, which an IPv6-only network uses to
   * reach IPv4 receivers, is judged by the IPv4 address inside it.
   */
  static boolean isPrivate(InetAddress a) {
    byte[] b = a.getAddress();
    if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
      return true;
    }
    if (b.length == 4) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      int third = b[2] & 0xff;
      return first == 0 // 0.0.0.0/8, "this network"
          || (first == 100 && (second & 0xc0) == 64) // 100.64.0.0/10, carrier NAT
          || (first == 192 && second == 0 && (third == 0 || third == 2)) // 192.0.0.0/24 protocol, 192.0.2.0/24 documentation
          || (first == 192 && second == 88 && third == 99) // 192.88.99.0/24, the old 6to4 relays
          || (first == 198 && (second & 0xfe) == 18) // 198.18.0.0/15, benchmarking
          || (first == 198 && second == 51 && third == 100) // 198.51.100.0/24, documentation
          || (first == 203 && second == 0 && third == 113) // 203.0.113.0/24, documentation
          || first >= 240; // 240.0.0.0/4 and the broadcast address
    }
    if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zeros(b, 4, 12)) {
      try {
        return isPrivate(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16))); // NAT64
      } catch (java.net.UnknownHostException never) { // four bytes are always an address
        return true;
      }
    }
    boolean globalUnicast = (b[0] & 0xe0) == 0x20;
    boolean teredo = b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0;
    boolean documentation = b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
    boolean sixToFour = b[0] == 0x20 && b[1] == 0x02;
    boolean benchmarking = b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0x02 && b[4] == 0 && b[5] == 0; // 2001:2::/48
    boolean moreDocumentation = (b[0] & 0xff) == 0x3f && (b[1] & 0xf0) == 0xf0; // 3fff::/20
    return !globalUnicast || teredo || documentation || sixToFour || benchmarking || moreDocumentation;
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
