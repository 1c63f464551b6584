package io.tcpgateway.connection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.observation.Observation;
import io.tcpgateway.framing.FrameDecodingException;
import io.tcpgateway.limits.RateLimitedLog;
import io.tcpgateway.logging.LogSafe;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one way client misbehaviour is reported, in both I/O modes: a WARN line naming the
 * client and the problem, counted by reason, and the reason the connection closes for.
 *
 * <p>
 * A flood of bad clients must not flood the log: each kind of problem logs at most one
 * line a minute, with the number of connections it stands for; the others are logged at
 * DEBUG. What a client sent is escaped, so it cannot forge a line of its own.
 */
public final class ClientErrors {

	private static final Log logger = LogFactory.getLog(ClientErrors.class);

	private final ConnectionMetrics metrics;

	private final Map<String, RateLimitedLog> warnings = new ConcurrentHashMap<>();

	ClientErrors(ConnectionMetrics metrics) {
		this.metrics = metrics;
	}

	/** The client broke the framing. */
	public CloseReason frameRejected(Connection connection, FrameDecodingException ex) {
		closing("frame-" + ex.getReason(), connection, ex.getMessage());
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
			closing("truncated", connection,
					ex.getMessage() + " inside a frame (" + bufferedBytes + " bytes of an incomplete frame received)");
			this.metrics.frameError(FrameDecodingException.Reason.TRUNCATED);
			return CloseReason.DECODE_ERROR;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Closing connection from " + LogSafe.escape(connection.remoteAddress())
					+ " after a read failed: " + LogSafe.escape(ex));
		}
		return CloseReason.CLIENT;
	}

	/** The TLS handshake or a record failed. */
	public CloseReason tlsFailed(Connection connection, Exception ex) {
		closing("tls", connection, "TLS failed: " + ex.getMessage());
		return CloseReason.TLS;
	}

	/** The PROXY header is missing, broken, late or from an untrusted peer. */
	public CloseReason proxyRejected(Connection connection, String problem) {
		closing("proxy", connection, problem);
		return CloseReason.PROXY;
	}

	/**
	 * Report a connection closed for another problem of its client's (too slow to read
	 * its replies, a handshake or header not in time), one line a minute per kind.
	 * @param kind what the problem is, for its own limit of lines
	 * @param problem the problem, with the limit it broke
	 */
	public void closing(String kind, Connection connection, String problem) {
		String line = "Closing connection from " + LogSafe.escape(connection.remoteAddress()) + ": "
				+ LogSafe.escape(problem);
		long count = this.warnings.computeIfAbsent(kind, (key) -> new RateLimitedLog(logger)).count();
		if (count == 0 && !logger.isDebugEnabled()) {
			return;
		}
		// the connection's trace is current while a line is written, so that it carries
		// it; only then, as most lines of a flood are not written
		try (Observation.Scope scope = ConnectionObservations.openScope(connection.session().observation())) {
			if (count > 0) {
				logger.warn(RateLimitedLog.line(line, count));
			}
			else {
				logger.debug(line);
			}
		}
	}

}
