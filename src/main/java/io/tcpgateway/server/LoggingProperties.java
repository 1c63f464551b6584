package io.tcpgateway.server;

import org.springframework.util.unit.DataSize;

/**
 * The access log and the wire log.
 */
public final class LoggingProperties {

	private LoggingProperties() {
	}

	/**
	 * One INFO line per closed connection on logger {@code io.tcpgateway.access}.
	 */
	public static class AccessLog {

		/** Log each closed connection: client, duration, bytes, messages and why. */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Hex dumps of each read and write, on logger {@code io.tcpgateway.wire} at TRACE.
	 */
	public static class WireLog {

		/** The most bytes shown of one read or write. */
		private DataSize maxBytes = DataSize.ofBytes(256);

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

	}

}
