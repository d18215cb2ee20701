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

  static boolean isPrivate(InetAddress a) {
    byte[] b = a.getAddress();
    boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc; // fc00::/7
    boolean sharedV4 = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10, carrier NAT
    return a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
        || a.isMulticastAddress() || uniqueLocalV6 || sharedV4;
  }
}
