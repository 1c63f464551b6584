package io.tcpgateway.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address range in CIDR notation, such as {@code 10.0.0.0/8} or
 * {@code fd00::/8}; an address alone is a range of one.
 */
public final class CidrRange {

	private final byte[] network;

	private final int prefixLength;

	private final String text;

	private CidrRange(byte[] network, int prefixLength, String text) {
		this.network = network;
		this.prefixLength = prefixLength;
		this.text = text;
	}

	/**
	 * @param text {@code address/prefix} or an address, numeric only
	 * @throws IllegalArgumentException when it is not one
	 */
	public static CidrRange parse(String text) {
		String[] parts = text.trim().split("/", 2);
		try {
			if (!parts[0].matches("[0-9a-fA-F:.]+")) {
				throw new UnknownHostException(parts[0]);
			}
			byte[] network = InetAddress.getByName(parts[0]).getAddress();
			int prefix = (parts.length == 2) ? Integer.parseInt(parts[1]) : network.length * 8;
			if (prefix < 0 || prefix > network.length * 8) {
				throw new IllegalArgumentException("prefix length out of range in " + text);
			}
			return new CidrRange(network, prefix, text.trim());
		}
		catch (UnknownHostException | NumberFormatException ex) {
			throw new IllegalArgumentException("not an address range in CIDR notation: " + text);
		}
	}

	boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			return false;
		}
		int fullBytes = this.prefixLength / 8;
		for (int i = 0; i < fullBytes; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int remainingBits = this.prefixLength % 8;
		if (remainingBits == 0) {
			return true;
		}
		int mask = (0xff << (8 - remainingBits)) & 0xff;
		return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
