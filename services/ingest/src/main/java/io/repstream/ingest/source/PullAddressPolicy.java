package io.repstream.ingest.source;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which hosts ingest may connect out to when it pulls a stream. Whoever can write the roster (the file or the
 * HTTP API) chooses the URL, so without this check ingest could be made to fetch from the machine itself,
 * the private network or a cloud metadata endpoint (server-side request forgery). By default every address a
 * pulled URL's host resolves to must be a public unicast one. Streams ingest receives (udp input, RTSP
 * listen mode) bind a local address rather than connect out, so they are not checked.
 */
public final class PullAddressPolicy {
  /** 100.64.0.0/10, shared address space behind carrier-grade NAT: private in all but name. */
  private static final int CGNAT_FIRST_OCTET = 100;
  private static final int CGNAT_SECOND_OCTET_MASK = 0xC0;
  private static final int CGNAT_SECOND_OCTET = 64;
  /** fc00::/7, IPv6 unique local addresses, which InetAddress does not classify. */
  private static final int ULA_MASK = 0xFE;
  private static final int ULA_PREFIX = 0xFC;

  private final boolean allowPrivate;

  /** {@code allowPrivate}: accept loopback, private and link-local hosts too (ingest.url.allow-private-addresses). */
  public PullAddressPolicy(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /**
   * Refuses {@code url} with a message naming it and the reason if it pulls from an address this policy does
   * not allow. {@code listen}: the roster entry waits for the camera to push (RTSP listen mode).
   */
  public void check(StreamUrl url, boolean listen) {
    if (allowPrivate || !url.isNetwork() || listen || url.scheme().equals("udp")) {
      return;
    }
    String host = hostOf(url);
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("stream url '" + url + "': host " + host + " does not resolve, so it cannot be"
          + " checked against private addresses");
    }
    for (InetAddress a : addresses) {
      Optional<String> reason = refusal(a);
      if (reason.isPresent()) {
        throw new IllegalArgumentException("stream url '" + url + "': host " + host + " resolves to " + a.getHostAddress()
            + " (" + reason.get() + " address), which ingest does not pull from unless"
            + " ingest.url.allow-private-addresses=true");
      }
    }
  }

  private static String hostOf(StreamUrl url) {
    String host = URI.create(url.input()).getHost();
    if (host == null) {
      throw new IllegalArgumentException("stream url '" + url + "' has no host");
    }
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** Why {@code a} is not a public unicast address, or empty if it is one. */
  static Optional<String> refusal(InetAddress a) {
    byte[] b = a.getAddress();
    if (a.isAnyLocalAddress() || (a instanceof Inet4Address && b[0] == 0)) {
      return Optional.of("unspecified");
    }
    if (a.isLoopbackAddress()) {
      return Optional.of("loopback");
    }
    if (a.isLinkLocalAddress()) {
      return Optional.of("link-local (this includes cloud metadata endpoints)");
    }
    if (a.isSiteLocalAddress()) {
      return Optional.of("private");
    }
    if (a instanceof Inet4Address && (b[0] & 0xFF) == CGNAT_FIRST_OCTET && (b[1] & CGNAT_SECOND_OCTET_MASK) == CGNAT_SECOND_OCTET) {
      return Optional.of("private (carrier-grade NAT)");
    }
    if (a instanceof Inet6Address && (b[0] & ULA_MASK) == ULA_PREFIX) {
      return Optional.of("private (IPv6 unique local)");
    }
    if (a.isMulticastAddress()) {
      return Optional.of("multicast");
    }
    return Optional.empty();
  }
}
