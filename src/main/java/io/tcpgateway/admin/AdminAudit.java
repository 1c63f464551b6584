package io.tcpgateway.admin;

import java.security.Principal;
import java.util.Map;

import io.tcpgateway.logging.LogSafe;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.endpoint.SecurityContext;

/**
 * One INFO line per admin action on logger {@value #LOGGER_NAME}: who, what, on which
 * connection or logger, how many bytes and with which outcome, never a payload. Every
 * value is quoted and escaped ({@link LogSafe#quote}), so that a user name, connection id
 * or logger name cannot forge a line or a field.
 */
final class AdminAudit {

	static final String LOGGER_NAME = "io.tcpgateway.audit";

	/** Longest value written, so that a huge argument cannot flood the log. */
	private static final int MAX_VALUE_LENGTH = 256;

	private static final Log logger = LogFactory.getLog(LOGGER_NAME);

	private AdminAudit() {
	}

	static void push(SecurityContext security, String id, int bytes, int status) {
		log(security, "push", "connection=" + quote(id) + " bytes=" + bytes + " status=" + status);
	}

	static void close(SecurityContext security, String id, int status) {
		log(security, "close", "connection=" + quote(id) + " status=" + status);
	}

	/**
	 * A write or delete to another endpoint, such as a change of a logger's level.
	 */
	static void write(SecurityContext security, String endpoint, String operation, Map<String, Object> arguments) {
		StringBuilder details = new StringBuilder("endpoint=").append(quote(endpoint));
		arguments.forEach((name, value) -> details.append(' ')
			.append(LogSafe.escape(name))
			.append('=')
			.append((value != null) ? quote(value.toString()) : "-"));
		log(security, operation, details.toString());
	}

	private static void log(SecurityContext security, String action, String details) {
		if (logger.isInfoEnabled()) {
			logger.info("user=" + user(security) + " action=" + action + " " + details);
		}
	}

	private static String user(SecurityContext security) {
		Principal principal = (security != null) ? security.getPrincipal() : null;
		return (principal != null) ? quote(principal.getName()) : "-";
	}

	private static String quote(String value) {
		return LogSafe.quote(value, MAX_VALUE_LENGTH);
	}

}
