package io.tcpgateway.server;

import java.net.BindException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a TCP listener that could not start, naming the port and the property to
 * change.
 */
class TcpListenerStartupFailureAnalyzer extends AbstractFailureAnalyzer<TcpListenerStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TcpListenerStartupException cause) {
		if (cause.getCause() instanceof BindException) {
			return new FailureAnalysis(
					"TCP gateway failed to start: port " + cause.getPort() + " is already in use (tcp-gateway.port).",
					"Stop the process that is listening on port " + cause.getPort()
							+ " or set tcp-gateway.port to another port (0 picks a free one).",
					cause);
		}
		return new FailureAnalysis(cause.getMessage(),
				"Check tcp-gateway.port and tcp-gateway.host; the bind address must belong to this machine.", cause);
	}

}
