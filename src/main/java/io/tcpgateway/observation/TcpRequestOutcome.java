package io.tcpgateway.observation;

/**
 * How a request ended, as the {@code outcome} key of its observation says.
 */
public enum TcpRequestOutcome {

	/** Completed with at least one reply. */
	REPLIED("replied"),

	/** Completed without a reply. */
	NO_REPLY("no-reply"),

	/** Failed: the handler or flow threw, or said so. */
	ERROR("error"),

	/** Not complete within {@code tcp-gateway.handler.reply-timeout}. */
	TIMEOUT("timeout"),

	/** Its connection closed while it was open. */
	CLOSED("closed");

	private final String value;

	TcpRequestOutcome(String value) {
		this.value = value;
	}

	/**
	 * @return the key's value
	 */
	public String value() {
		return this.value;
	}

}
