package io.tcpgateway.forward.tcp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import brave.handler.MutableSpan;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;
import io.tcpgateway.observation.TcpGatewayObservations;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.CollectedSpans;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge's observations turned into spans by Brave, against a real upstream: an
 * exchange per request in shared mode, the child of the observation current where the
 * bridge was called; a connection per client in per-connection mode, the child of the
 * client's connection.
 */
@Timeout(60)
class ForwardTcpObservationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final String EXCHANGE = "tcp.gateway.forward.exchange";

	private static final String CONNECTION = "tcp.gateway.forward.connection";

	/** The core's observation of a request, by its span name. */
	private static final String REQUEST = "tcp request";

	/** The core's observation of a client's connection, by its span name. */
	private static final String CLIENT = "tcp connection";

	private static RunningGateway gateway(ScriptedUpstream upstream, String mode, String... more) {
		List<String> properties = new ArrayList<>(List.of(CollectedSpans.PROPERTIES, "tcp-gateway.framing=crlf",
				"tcp-gateway.forward.tcp.host=127.0.0.1", "tcp-gateway.forward.tcp.port=" + upstream.port(),
				"tcp-gateway.forward.tcp.framing=length-header-2", "tcp-gateway.forward.tcp.mode=" + mode,
				"tcp-gateway.forward.tcp.pool-size=1",
				// no active checks, which would take scripted answers
				"tcp-gateway.forward.tcp.health-check.interval=0"));
		properties.addAll(List.of(more));
		RunningGateway gateway = RunningGateway.start(CollectedSpans.Configuration.class,
				properties.toArray(String[]::new));
		if (mode.equals("shared")) {
			UpstreamClient client = gateway.context().getBean(UpstreamClient.class);
			await().atMost(WAIT).until(() -> client.openConnections() == 1);
		}
		return gateway;
	}

	private static CollectedSpans spans(RunningGateway gateway) {
		return gateway.context().getBean(CollectedSpans.class);
	}

	@Test
	void eachSharedExchangeIsASpanWithItsUpstreamModeAndOutcome() {
		try (ScriptedUpstream upstream = ScriptedUpstream.start(ScriptedUpstream.echo());
				RunningGateway gateway = gateway(upstream, "shared");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("up:hello");
			CollectedSpans spans = spans(gateway);
			await().atMost(WAIT).until(() -> !spans.named(EXCHANGE).isEmpty());
			MutableSpan exchange = spans.named(EXCHANGE).get(0);
			assertThat(exchange.tags()).containsEntry("upstream", "127.0.0.1:" + upstream.port())
				.containsEntry("mode", "shared")
				.containsEntry("outcome", "success")
				.containsKeys("upstream.connection.id", "client.connection.id");
			assertThat(exchange.error()).isNull();
			assertChildOfRequest(spans, exchange);
		}
	}

	@Test
	void aSharedExchangeWithoutReplyInTimeEndsAsATimeoutWithItsError() {
		ScriptedUpstream.Script silent = (peer, frame) -> {
		};
		try (ScriptedUpstream upstream = ScriptedUpstream.start(silent);
				RunningGateway gateway = gateway(upstream, "shared", "tcp-gateway.forward.tcp.reply-timeout=300ms",
						"tcp-gateway.handler.on-error=reply", "tcp-gateway.handler.error-reply=ERR");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("quiet").receiveString()).isEqualTo("ERR");
			CollectedSpans spans = spans(gateway);
			await().atMost(WAIT).until(() -> !spans.named(EXCHANGE).isEmpty());
			MutableSpan exchange = spans.named(EXCHANGE).get(0);
			assertThat(exchange.tags()).containsEntry("outcome", "timeout");
			assertThat(exchange.error()).isNotNull();
		}
	}

	@Test
	void aSharedExchangeIsTheChildOfTheObservationCurrentWhenTheBridgeIsCalled() throws Exception {
		try (ScriptedUpstream upstream = ScriptedUpstream.start(ScriptedUpstream.echo());
				RunningGateway gateway = gateway(upstream, "shared");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			// a real client connection, for the request's context
			assertThat(client.send("first").receiveString()).isEqualTo("up:first");
			Connection connection = gateway.context().getBean(ConnectionRegistry.class).live().iterator().next();
			TcpMessageHandler bridge = gateway.context()
				.getBean(ForwardTcpAutoConfiguration.HANDLER_BEAN, TcpMessageHandler.class);
			ObservationRegistry registry = gateway.context().getBean(TcpGatewayObservations.class).registry();
			CapturedReply reply = new CapturedReply();
			Observation parent = Observation.start("test.parent", registry);
			try (Observation.Scope scope = parent.openScope()) {
				bridge.handle(new TcpRequest("second".getBytes(StandardCharsets.UTF_8), connection.context()), reply);
			}
			assertThat(reply.done.get(20, TimeUnit.SECONDS)).isEqualTo("up:second");
			parent.stop();
			CollectedSpans spans = spans(gateway);
			await().atMost(WAIT).until(() -> !spans.named("test.parent").isEmpty());
			MutableSpan parentSpan = spans.named("test.parent").get(0);
			await().atMost(WAIT).until(() -> !spans.inTrace(parentSpan.traceId(), EXCHANGE).isEmpty());
			MutableSpan exchange = spans.inTrace(parentSpan.traceId(), EXCHANGE).get(0);
			assertThat(exchange.parentId()).isEqualTo(parentSpan.id());
			assertThat(exchange.tags()).containsEntry("outcome", "success");
		}
	}

	@Test
	void eachClientsUpstreamConnectionIsASpanFromOpenToClose() {
		try (ScriptedUpstream upstream = ScriptedUpstream.start(ScriptedUpstream.echo());
				RunningGateway gateway = gateway(upstream, "per-connection")) {
			try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				assertThat(client.send("hello").receiveString()).isEqualTo("up:hello");
				assertThat(spans(gateway).named(CONNECTION)).isEmpty();
			}
			CollectedSpans spans = spans(gateway);
			await().atMost(WAIT).until(() -> !spans.named(CONNECTION).isEmpty());
			MutableSpan connection = spans.named(CONNECTION).get(0);
			assertThat(connection.tags()).containsEntry("upstream", "127.0.0.1:" + upstream.port())
				.containsEntry("mode", "per-connection")
				.containsEntry("outcome", "client-closed")
				.containsKeys("upstream.connection.id", "client.connection.id");
			assertThat(spans.named(EXCHANGE)).isEmpty();
		}
	}

	@Test
	void aClientsUpstreamConnectionSpanIsTheChildOfTheClientsConnectionSpan() {
		try (ScriptedUpstream upstream = ScriptedUpstream.start(ScriptedUpstream.echo());
				RunningGateway gateway = gateway(upstream, "per-connection")) {
			try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				assertThat(client.send("hello").receiveString()).isEqualTo("up:hello");
			}
			assertChildOfClientConnection(spans(gateway));
		}
	}

	/**
	 * Under client-hash with the PROXY protocol the first frame asks for the upstream
	 * connection, inside that frame's request: the connection is still not its child.
	 */
	@Test
	void aClientsUpstreamConnectionOpenedByItsFirstFrameIsNotTheChildOfThatRequest() {
		try (ScriptedUpstream upstream = ScriptedUpstream.start(ScriptedUpstream.echo());
				RunningGateway gateway = gateway(upstream, "per-connection",
						"tcp-gateway.forward.tcp.balance=client-hash", "tcp-gateway.proxy-protocol.mode=v1",
						"tcp-gateway.proxy-protocol.trusted-proxies=127.0.0.0/8")) {
			try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				client.sendRaw(
						"PROXY TCP4 203.0.113.7 10.0.0.1 56324 9000\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(client.receiveString()).isEqualTo("up:hello");
			}
			assertChildOfClientConnection(spans(gateway));
		}
	}

	@Test
	void anUpstreamThatClosesEndsItsClientsConnectionSpanAsUpstreamClosed() {
		ScriptedUpstream.Script closing = (peer, frame) -> peer.close();
		try (ScriptedUpstream upstream = ScriptedUpstream.start(closing);
				RunningGateway gateway = gateway(upstream, "per-connection");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.send("bye");
			assertThat(client.awaitClosed()).isTrue();
			CollectedSpans spans = spans(gateway);
			await().atMost(WAIT).until(() -> !spans.named(CONNECTION).isEmpty());
			assertThat(spans.named(CONNECTION).get(0).tags()).containsEntry("outcome", "upstream-closed");
		}
	}

	/**
	 * Where the core observes its requests, the exchange is the child of the request it
	 * forwards.
	 */
	private static void assertChildOfRequest(CollectedSpans spans, MutableSpan exchange) {
		await().atMost(Duration.ofSeconds(10)).until(() -> !spans.inTrace(exchange.traceId(), REQUEST).isEmpty());
		MutableSpan request = spans.inTrace(exchange.traceId(), REQUEST).get(0);
		assertThat(request.tags()).containsEntry("handler", "forward-tcp");
		assertThat(exchange.parentId()).isEqualTo(request.id());
	}

	/**
	 * In per-connection mode, the one client's upstream connection is the child of the
	 * client's connection, in its trace, and no request's (the client's request is
	 * observed too).
	 */
	private static void assertChildOfClientConnection(CollectedSpans spans) {
		await().atMost(WAIT)
			.until(() -> !spans.named(CONNECTION).isEmpty() && !spans.named(CLIENT).isEmpty()
					&& !spans.named(REQUEST).isEmpty());
		MutableSpan upstreamConnection = spans.named(CONNECTION).get(0);
		MutableSpan clientConnection = spans.named(CLIENT).get(0);
		assertThat(upstreamConnection.parentId()).isEqualTo(clientConnection.id());
		assertThat(upstreamConnection.traceId()).isEqualTo(clientConnection.traceId());
		assertThat(upstreamConnection.tags()).containsEntry("client.connection.id",
				clientConnection.tags().get("tcp.connection.id"));
		assertThat(spans.named(REQUEST)).extracting(MutableSpan::id).doesNotContain(upstreamConnection.parentId());
		assertThat(spans.inTrace(upstreamConnection.traceId(), REQUEST)).isEmpty();
	}

	/** The reply the bridge gives a request handed to it directly. */
	private static final class CapturedReply implements ReplySink {

		private final CompletableFuture<String> done = new CompletableFuture<>();

		private volatile byte[] reply;

		@Override
		public ReplySink send(byte[] reply) {
			this.reply = reply;
			return this;
		}

		@Override
		public ReplySink async() {
			return this;
		}

		@Override
		public void complete() {
			this.done.complete((this.reply != null) ? new String(this.reply, StandardCharsets.UTF_8) : null);
		}

		@Override
		public void fail(Throwable cause) {
			this.done.completeExceptionally(cause);
		}

	}

}
