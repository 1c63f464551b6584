package io.tcpgateway.forward.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.server.DurationChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * A bridge to upstream TCP services, under {@code tcp-gateway.forward.tcp.*}: on when
 * {@code host} or {@code upstreams} is set, and only then bound and checked.
 */
@ConfigurationProperties("tcp-gateway.forward.tcp")
@Validated
public class ForwardTcpProperties implements Validator {

	/**
	 * Host of the upstream service, when there is one; setting it (or upstreams) turns
	 * the bridge on.
	 */
	private String host;

	/** TCP port of the upstream service given by host. */
	private int port;

	/**
	 * Upstream instances as host:port, instead of host and port; a name stands for every
	 * address it resolves to.
	 */
	private List<String> upstreams = new ArrayList<>();

	/** Upstream instances as host:port, used only while no other upstream is up. */
	private List<String> backupUpstreams = new ArrayList<>();

	/**
	 * How a new client picks its upstream in per-connection mode: round-robin,
	 * least-connections or client-hash.
	 */
	private Balance balance = Balance.ROUND_ROBIN;

	/** Upstreams a client's connection is tried on before the client is closed. */
	private int connectAttempts = 3;

	/** How often upstream names are resolved again. */
	private Duration resolveInterval = Duration.ofSeconds(30);

	/**
	 * How long an upstream that comes up takes to get its full share of new clients; 0
	 * for at once.
	 */
	private Duration slowStart = Duration.ZERO;

	/** Active health checks of each upstream. */
	@NestedConfigurationProperty
	private final UpstreamHealthCheckProperties healthCheck = new UpstreamHealthCheckProperties();

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
		if (tcp.getHost() == null && tcp.getUpstreams().isEmpty()) {
			return;
		}
		if (tcp.getHost() != null && !tcp.getUpstreams().isEmpty()) {
			errors.rejectValue("host", "exclusive", "set either tcp-gateway.forward.tcp.host (with port) or "
					+ "tcp-gateway.forward.tcp.upstreams, not both");
		}
		else if (tcp.getHost() != null) {
			validateHost(tcp, errors);
		}
		else if (tcp.getPort() != 0) {
			errors.rejectValue("port", "exclusive",
					"goes with tcp-gateway.forward.tcp.host; with upstreams, each names its port");
		}
		checkEntries(errors, "upstreams", tcp.getUpstreams());
		checkEntries(errors, "backup-upstreams", tcp.getBackupUpstreams());
		if (tcp.getMode() == null) {
			errors.rejectValue("mode", "required", "must be per-connection or shared");
		}
		if (tcp.getBalance() == null) {
			errors.rejectValue("balance", "required", "must be round-robin, least-connections or client-hash");
		}
		if (tcp.getPoolSize() < 1) {
			errors.rejectValue("pool-size", "min", "must be at least 1");
		}
		if (tcp.getThreads() < 1) {
			errors.rejectValue("threads", "min", "must be at least 1");
		}
		if (tcp.getConnectAttempts() < 1) {
			errors.rejectValue("connect-attempts", "min", "must be at least 1");
		}
		DurationChecks.positive(errors, "connect-timeout", tcp.getConnectTimeout());
		DurationChecks.positive(errors, "reply-timeout", tcp.getReplyTimeout());
		tcp.getSsl().validate(errors);
		DurationChecks.positive(errors, "resolve-interval", tcp.getResolveInterval());
		DurationChecks.notNegative(errors, "slow-start", tcp.getSlowStart());
		tcp.getHealthCheck().validate(errors);
	}

	private static void validateHost(ForwardTcpProperties tcp, Errors errors) {
		if (tcp.getHost().isBlank()) {
			errors.rejectValue("host", "required", "must not be blank");
		}
		if (tcp.getPort() < 1 || tcp.getPort() > 65535) {
			errors.rejectValue("port", "range", "must be between 1 and 65535");
		}
	}

	private static void checkEntries(Errors errors, String field, List<String> entries) {
		for (String entry : entries) {
			try {
				UpstreamAddress.parse(entry);
			}
			catch (IllegalArgumentException ex) {
				errors.rejectValue(field, "format", ex.getMessage());
				return;
			}
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

	public List<String> getUpstreams() {
		return this.upstreams;
	}

	public void setUpstreams(List<String> upstreams) {
		this.upstreams = upstreams;
	}

	public List<String> getBackupUpstreams() {
		return this.backupUpstreams;
	}

	public void setBackupUpstreams(List<String> backupUpstreams) {
		this.backupUpstreams = backupUpstreams;
	}

	public Balance getBalance() {
		return this.balance;
	}

	public void setBalance(Balance balance) {
		this.balance = balance;
	}

	public int getConnectAttempts() {
		return this.connectAttempts;
	}

	public void setConnectAttempts(int connectAttempts) {
		this.connectAttempts = connectAttempts;
	}

	public Duration getResolveInterval() {
		return this.resolveInterval;
	}

	public void setResolveInterval(Duration resolveInterval) {
		this.resolveInterval = resolveInterval;
	}

	public Duration getSlowStart() {
		return this.slowStart;
	}

	public void setSlowStart(Duration slowStart) {
		this.slowStart = slowStart;
	}

	public UpstreamHealthCheckProperties getHealthCheck() {
		return this.healthCheck;
	}

}
