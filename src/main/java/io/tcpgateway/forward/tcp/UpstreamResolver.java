package io.tcpgateway.forward.tcp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns an upstream's host into the addresses it stands for: each address is an upstream
 * of its own (a headless service's name stands for its pods). DNS unless the context
 * holds a bean of this type.
 */
@FunctionalInterface
interface UpstreamResolver {

	/** The system resolver. */
	UpstreamResolver DNS = (host) -> List.of(InetAddress.getAllByName(host));

	/**
	 * @param host a name or an address literal
	 * @return its addresses, at least one
	 * @throws UnknownHostException when it has none
	 */
	List<InetAddress> resolve(String host) throws UnknownHostException;

}
