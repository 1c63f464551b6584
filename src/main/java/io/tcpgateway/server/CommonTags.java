package io.tcpgateway.server;

import io.tcpgateway.connection.EnumNames;

/**
 * The tags every meter of the gateway carries, the core's and each feature's alike, so a
 * dashboard can join them. Given as key-value pairs rather than Micrometer's
 * {@code Tags}: Micrometer is optional, and each room that counts makes its own
 * {@code Tags.of(CommonTags.of(properties))}.
 */
public final class CommonTags {

	/** Tag: the I/O mode. */
	public static final String IO_MODE = "io.mode";

	/** Tag: the framing. */
	public static final String FRAMING = "framing";

	private CommonTags() {
	}

	/**
	 * @return the I/O mode and the framing, as alternating keys and values
	 */
	public static String[] of(TcpGatewayProperties properties) {
		return new String[] { IO_MODE, EnumNames.kebabCase(properties.getIoMode()), FRAMING,
				properties.getFraming().value() };
	}

}
