package io.tcpgateway.connection;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpConnectionContext;
import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.HttpMethod;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableMessageHistory;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.history.MessageHistory;
import org.springframework.integration.http.dsl.Http;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.support.MutableMessage;
import org.springframework.integration.support.management.observation.MessageReceiverContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.ChannelInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Whatever Spring Integration component an application puts first in its flow from
 * {@value TcpGatewayChannels#REQUESTS} sees a frame as before its headers were made on
 * read: the standard TCP headers of the frame's client, immutable, with an id and
 * timestamp that stay the same however often and wherever they are read; and a
 * {@link TcpMessageHandler} gets the same connection.
 */
class FrameHeadersInFlowsTests {

	@ParameterizedTest
	@ValueSource(classes = { TransformerFirst.class, RouterFirst.class, FilterFirst.class, SplitterFirst.class,
			ExecutorChannelFirst.class, WireTapFirst.class })
	void theFirstComponentSeesTheFramesHeaders(Class<? extends Recording> flow) throws Exception {
		try (RunningGateway gateway = RunningGateway.start(flow);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			BlockingQueue<Message<?>> requests = intercepted(gateway);
			long sent = System.currentTimeMillis();
			assertThat(client.echoes("hello")).isTrue();

			Message<?> request = requests.poll(10, TimeUnit.SECONDS);
			Message<?> seen = gateway.context().getBean(Seen.class).next();
			assertTcpHeaders(seen, gateway, client);
			// the message the channel's interceptor saw, read again: one id, one time
			assertThat(seen.getHeaders().getId()).isEqualTo(request.getHeaders().getId());
			assertThat(seen.getHeaders().getTimestamp()).isEqualTo(request.getHeaders().getTimestamp())
				.isBetween(sent, System.currentTimeMillis());
		}
	}

	@Test
	void anHttpCallFirstSendsTheHeadersAndKeepsThemForTheReply() throws Exception {
		BlockingQueue<String> connectionIds = new LinkedBlockingQueue<>();
		HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		backend.createContext("/", (exchange) -> {
			connectionIds.add(String.valueOf(exchange.getRequestHeaders().getFirst(IpHeaders.CONNECTION_ID)));
			byte[] body = exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		backend.start();
		try (RunningGateway gateway = RunningGateway.start(HttpCallFirst.class,
				"frames.backend=http://127.0.0.1:" + backend.getAddress().getPort() + "/");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.echoes("hello")).isTrue();

			Message<?> reply = gateway.context().getBean(Seen.class).next();
			assertTcpHeaders(reply, gateway, client);
			assertThat(connectionIds.poll(10, TimeUnit.SECONDS))
				.isEqualTo(reply.getHeaders().get(IpHeaders.CONNECTION_ID));
		}
		finally {
			backend.stop(0);
		}
	}

	@Test
	void messageHistoryListsTheGatewaysChannelsAndTheFlows() throws Exception {
		try (RunningGateway gateway = RunningGateway.start(HistoryOn.class);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.echoes("hello")).isTrue();

			Message<?> seen = gateway.context().getBean(Seen.class).next();
			assertTcpHeaders(seen, gateway, client);
			MessageHistory history = MessageHistory.read(seen);
			assertThat(history).extracting((component) -> component.get("name"))
				.contains("tcpGatewayInbound", TcpGatewayChannels.REQUESTS);
			// the inbound adapter, which takes Spring Integration's own way to record
			// itself
			assertThat(history).extracting((component) -> component.get("type"))
				.contains("ip:tcp-inbound-channel-adapter");
		}
	}

	@Test
	void observedComponentsSeeTheFramesHeaders() throws Exception {
		try (RunningGateway gateway = RunningGateway.start(Observed.class,
				"spring.integration.management.observation-patterns=*");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.echoes("hello")).isTrue();

			// an observed channel hands on a MutableMessage (Spring Integration's own
			// way,
			// for the tracing headers): the flow's headers are mutable then, as ever
			Message<?> seen = gateway.context().getBean(Seen.class).next();
			assertThat(seen).isInstanceOf(MutableMessage.class);
			assertTcpHeaderValues(seen, gateway, client);
			// the flow's transformer observed the frame, headers and all (the gateway's
			// own
			// adapter and channels are not observed: the request is the root of its
			// trace)
			BlockingQueue<Observation.Context> contexts = gateway.context().getBean(Observed.Contexts.class).received;
			MessageReceiverContext received = await().atMost(Duration.ofSeconds(10))
				.until(() -> contexts.stream()
					.map(MessageReceiverContext.class::cast)
					.filter((context) -> "handler".equals(context.getHandlerType()))
					.findFirst()
					.orElse(null), Objects::nonNull);
			MessageHeaders headers = received.getCarrier().getHeaders();
			assertThat(headers.get(IpHeaders.CONNECTION_ID)).isIn(gateway.connectionFactory().getOpenConnectionIds());
			assertThat(headers.get(IpHeaders.IP_ADDRESS)).isEqualTo("127.0.0.1");
			assertThat(headers.get(IpHeaders.REMOTE_PORT)).isEqualTo(client.socket().getLocalPort());
			assertThat(headers.getId()).isNotNull();
			assertThat(headers.getTimestamp()).isPositive();
		}
	}

	@Test
	void aHandlerGetsTheFramesConnection() throws Exception {
		try (RunningGateway gateway = RunningGateway.start(HandlerFirst.class);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.echoes("hello")).isTrue();

			TcpConnectionContext connection = gateway.context().getBean(HandlerFirst.Recorder.class).connections
				.poll(10, TimeUnit.SECONDS);
			assertThat(connection).isNotNull();
			assertThat(connection.id()).isIn(gateway.connectionFactory().getOpenConnectionIds());
			assertThat(connection.remoteAddress())
				.isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), client.socket().getLocalPort()));
		}
	}

	private static void assertTcpHeaders(Message<?> message, RunningGateway gateway, TcpTestConnection client)
			throws Exception {
		assertTcpHeaderValues(message, gateway, client);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> message.getHeaders().put(IpHeaders.CONNECTION_ID, "another"));
	}

	private static void assertTcpHeaderValues(Message<?> message, RunningGateway gateway, TcpTestConnection client)
			throws Exception {
		assertThat(message).isNotNull();
		MessageHeaders headers = message.getHeaders();
		assertThat(headers.get(IpHeaders.CONNECTION_ID)).isIn(gateway.connectionFactory().getOpenConnectionIds());
		assertThat(headers.get(IpHeaders.IP_ADDRESS)).isEqualTo("127.0.0.1");
		assertThat(headers.get(IpHeaders.HOSTNAME)).isEqualTo("127.0.0.1");
		assertThat(headers.get(IpHeaders.REMOTE_PORT)).isEqualTo(client.socket().getLocalPort());
		assertThat(headers.get(IpHeaders.LOCAL_ADDRESS)).isEqualTo(InetAddress.getByName("127.0.0.1"));
		assertThat(headers.getReplyChannel()).isNotNull();
		UUID id = headers.getId();
		Long timestamp = headers.getTimestamp();
		assertThat(id).isNotNull();
		assertThat(timestamp).isPositive();
		assertThat(message.getHeaders().getId()).isEqualTo(id);
		assertThat(message.getHeaders().getTimestamp()).isEqualTo(timestamp);
	}

	private static BlockingQueue<Message<?>> intercepted(RunningGateway gateway) {
		BlockingQueue<Message<?>> requests = new LinkedBlockingQueue<>();
		gateway.context()
			.getBean(TcpGatewayChannels.REQUESTS, DirectChannel.class)
			.addInterceptor(new ChannelInterceptor() {

				@Override
				public Message<?> preSend(Message<?> message, MessageChannel channel) {
					requests.add(message);
					return message;
				}

			});
		return requests;
	}

	/** The messages the flow's first component was given. */
	static final class Seen {

		private final BlockingQueue<Message<?>> messages = new LinkedBlockingQueue<>();

		Message<?> next() throws InterruptedException {
			return this.messages.poll(10, TimeUnit.SECONDS);
		}

		void record(Message<?> message) {
			this.messages.add(message);
		}

		Object payloadOf(Message<?> message) {
			record(message);
			return message.getPayload();
		}

	}

	/**
	 * Beans for {@link RunningGateway}: not annotated, so no component scan finds them.
	 */
	abstract static class Recording {

		@Bean
		Seen seen() {
			return new Seen();
		}

	}

	static class TransformerFirst extends Recording {

		@Bean
		IntegrationFlow frames(Seen seen) {
			return IntegrationFlow.from(TcpGatewayChannels.REQUESTS).transform(Message.class, seen::payloadOf).get();
		}

	}

	static class RouterFirst extends Recording {

		@Bean
		IntegrationFlow frames(Seen seen) {
			return IntegrationFlow.from(TcpGatewayChannels.REQUESTS).route(Message.class, (message) -> {
				seen.record(message);
				return "echo";
			}, (mapping) -> mapping.subFlowMapping("echo",
					(echo) -> echo.transform(Message.class, Message::getPayload)))
				.get();
		}

	}

	static class FilterFirst extends Recording {

		@Bean
		IntegrationFlow frames(Seen seen) {
			return IntegrationFlow.from(TcpGatewayChannels.REQUESTS).filter(Message.class, (message) -> {
				seen.record(message);
				return true;
			}).get();
		}

	}

	static class SplitterFirst extends Recording {

		@Bean
		IntegrationFlow frames(Seen seen) {
			return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
				.split(Message.class, (message) -> List.of(seen.payloadOf(message)))
				.get();
		}

	}

	static class ExecutorChannelFirst extends Recording {

		@Bean
		IntegrationFlow frames(Seen seen) {
			return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
				.channel((channels) -> channels.executor(new SimpleAsyncTaskExecutor("frames-")))
				.transform(Message.class, seen::payloadOf)
				.get();
		}

	}

	static class WireTapFirst extends Recording {

		@Bean
		IntegrationFlow frames(Seen seen) {
			return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
				.wireTap((tap) -> tap.handle(seen::record))
				.transform(Message.class, Message::getPayload)
				.get();
		}

	}

	static class HttpCallFirst extends Recording {

		@Bean
		IntegrationFlow frames(Seen seen, Environment environment) {
			return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
				.handle(Http.outboundGateway(environment.getRequiredProperty("frames.backend"))
					.httpMethod(HttpMethod.POST)
					.mappedRequestHeaders(IpHeaders.CONNECTION_ID)
					.expectedResponseType(byte[].class))
				.transform(Message.class, seen::payloadOf)
				.get();
		}

	}

	@EnableMessageHistory
	static class HistoryOn extends TransformerFirst {

	}

	static class Observed extends TransformerFirst {

		@Bean
		Contexts receivedContexts() {
			return new Contexts();
		}

		/** Keeps the contexts of the inbound adapter's observations. */
		static final class Contexts implements ObservationHandler<MessageReceiverContext> {

			final BlockingQueue<Observation.Context> received = new LinkedBlockingQueue<>();

			@Override
			public void onStart(MessageReceiverContext context) {
				this.received.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof MessageReceiverContext;
			}

		}

	}

	static class HandlerFirst {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		static final class Recorder implements TcpMessageHandler {

			final BlockingQueue<TcpConnectionContext> connections = new LinkedBlockingQueue<>();

			@Override
			public void handle(TcpRequest request, ReplySink replies) {
				this.connections.add(request.connection());
				replies.send(request.payload());
			}

		}

	}

}
