package io.wharf.server.control;

import io.wharf.server.data.PassivePortPool;
import java.net.InetAddress;

/**
 * What sessions of one listener share: its name, its passive port pool and the address its PASV replies advertise.
 *
 * @param name       the listener's configured name, for logs
 * @param pool       the listener's passive ports
 * @param advertised the IPv4 address for 227 replies, or null to advertise the control connection's local address
 */
public record ListenerContext(String name, PassivePortPool pool, InetAddress advertised) {
}
