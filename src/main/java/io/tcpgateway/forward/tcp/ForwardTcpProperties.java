package io.tcpgateway.forward.tcp;

import java.time.Duration;

import io.tcpgateway.framing.Framing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * A bridge to an upstream TCP service, under {@code tcp-gateway.forward.tcp.*}: on when
 * {@code host} is set, and only then bound and checked.
 */
@ConfigurationProperties("tcp-gateway.forward.tcp")
@Validated
public class ForwardTcpProperties implements Validator {

	/** Host of the upstream service; setting it turns the bridge on. */
	private String host;

	/** TCP port of the upstream service. */
	private int port;

	/**
	 * How the upstream delimits messages; the same as {@code tcp-gateway.framing} when
	 * not set.
	 */
	private Framing framing;

	/** How long one attempt to connect to the upstream may take. */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * per-connection: each client gets its own upstream connection, frames go both ways
	 * as they come; shared: pool-size upstream connections carry every client's requests,
	 * one reply each.
	 */
	private ForwardTcpMode mode = ForwardTcpMode.PER_CONNECTION;

	/** Upstream connections shared by all clients in shared mode. */
	private int poolSize = 4;

	/**
	 * How long a request waits for its reply in shared mode before it fails (see
	 * handler.on-error).
	 */
	private Duration replyTimeout = Duration.ofSeconds(10);

	/**
	 * Threads that read and decode the upstream's frames besides its one selector thread;
	 * each upstream frame still arriving holds one.
	 */
	private int threads = 8;

	/** Put the tcpGatewayForward health component in the readiness group. */
	private boolean readiness;

	/** TLS to the upstream. */
	@NestedConfigurationProperty
	private final ForwardTcpSslProperties ssl = new ForwardTcpSslProperties();

	@Override
	public boolean supports(Class<?> type) {
		return ForwardTcpProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		ForwardTcpProperties tcp = (ForwardTcpProperties) target;
		if (tcp.getHost() == null) {
			return;
		}
		if (tcp.getHost().isBlank()) {
			errors.rejectValue("host", "required", "must not be blank");
		}
		if (tcp.getPort() < 1 || tcp.getPort() > 65535) {
			errors.rejectValue("port", "range", "must be between 1 and 65535");
		}
		if (tcp.getMode() == null) {
			errors.rejectValue("mode", "required", "must be per-connection or shared");
		}
		if (tcp.getPoolSize() < 1) {
			errors.rejectValue("pool-size", "min", "must be at least 1");
		}
		if (tcp.getThreads() < 1) {
			errors.rejectValue("threads", "min", "must be at least 1");
		}
		checkPositive(errors, "connect-timeout", tcp.getConnectTimeout());
		checkPositive(errors, "reply-timeout", tcp.getReplyTimeout());
		tcp.getSsl().validate(errors);
	}

	private static void checkPositive(Errors errors, String field, Duration duration) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			errors.rejectValue(field, "positive", "must be positive");
		}
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public Framing getFraming() {
		return this.framing;
	}

	public void setFraming(Framing framing) {
		this.framing = framing;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public ForwardTcpMode getMode() {
		return this.mode;
	}

	public void setMode(ForwardTcpMode mode) {
		this.mode = mode;
	}

	public int getPoolSize() {
		return this.poolSize;
	}

	public void setPoolSize(int poolSize) {
		this.poolSize = poolSize;
	}

	public Duration getReplyTimeout() {
		return this.replyTimeout;
	}

	public void setReplyTimeout(Duration replyTimeout) {
		this.replyTimeout = replyTimeout;
	}

	public int getThreads() {
		return this.threads;
	}

	public void setThreads(int threads) {
		this.threads = threads;
	}

	public boolean isReadiness() {
		return this.readiness;
	}

	public void setReadiness(boolean readiness) {
		this.readiness = readiness;
	}

	public ForwardTcpSslProperties getSsl() {
		return this.ssl;
	}

}
