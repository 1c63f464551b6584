package io.tcpgateway.connection;

import io.tcpgateway.framing.FrameDecodingException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one way client misbehaviour is reported, in both I/O modes: one WARN line naming
 * the client and the problem, counted by reason, and the reason the connection closes
 * for.
 */
public final class ClientErrors {

	private static final Log logger = LogFactory.getLog(ClientErrors.class);

	private final ConnectionMetrics metrics;

	ClientErrors(ConnectionMetrics metrics) {
		this.metrics = metrics;
	}

	/** The client broke the framing. */
	public CloseReason frameRejected(Connection connection, FrameDecodingException ex) {
		logger.warn("Closing connection from " + connection.remoteAddress() + ": " + ex.getMessage());
		this.metrics.frameError(ex.getReason());
		return (ex.getReason() == FrameDecodingException.Reason.OVERSIZE) ? CloseReason.OVERSIZE
				: CloseReason.DECODE_ERROR;
	}

	/**
	 * A read failed (a reset, most often): a client leaving between frames is normal, one
	 * leaving inside a frame is reported.
	 * @param bufferedBytes bytes of an incomplete frame received so far
	 */
	public CloseReason readFailed(Connection connection, Exception ex, int bufferedBytes) {
		if (bufferedBytes > 0) {
			logger.warn("Closing connection from " + connection.remoteAddress() + ": " + ex.getMessage()
					+ " inside a frame (" + bufferedBytes + " bytes of an incomplete frame received)");
			this.metrics.frameError(FrameDecodingException.Reason.TRUNCATED);
			return CloseReason.DECODE_ERROR;
		}
		logger.debug("Closing connection from " + connection.remoteAddress() + " after a read failed: " + ex);
		return CloseReason.CLIENT;
	}

	/** The TLS handshake or a record failed. */
	public CloseReason tlsFailed(Connection connection, Exception ex) {
		logger.warn("Closing connection from " + connection.remoteAddress() + ": TLS failed: " + ex.getMessage());
		return CloseReason.TLS;
	}

	/** The PROXY header is missing, broken, late or from an untrusted peer. */
	public CloseReason proxyRejected(Connection connection, String problem) {
		logger.warn("Closing connection from " + connection.remoteAddress() + ": " + problem);
		return CloseReason.PROXY;
	}

}
