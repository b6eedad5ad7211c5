package io.repstream.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free TCP ports on the loopback interface, for nodes whose ports are not configured. */
final class LoopbackPorts {
  private LoopbackPorts() {}

  /**
   * {@code count} different free ports. All are held open until the last is found: asked one at a time, the system
   * may hand out a port it has just released again, and a node given the same port for two listeners cannot start.
   */
  static List<Integer> free(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        s.setReuseAddress(true);
        ports.add(s.getLocalPort());
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("no " + count + " free TCP ports for an embedded Kafka node", e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // Closing a listening socket that accepted nothing has nothing to flush; the port is free either way.
        }
      }
    }
  }
}
