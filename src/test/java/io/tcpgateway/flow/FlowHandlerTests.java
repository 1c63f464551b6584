package io.tcpgateway.flow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.Meters;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * An application's integration flow as the handler: its replies, however many and
 * whenever they come, go back to the connection in request order; a request it never
 * answers stops holding back the next after the reply timeout; a failure follows the
 * on-error policy; and it can push to any connection.
 */
class FlowHandlerTests {

	@Test
	void flowRepliesReplaceTheEchoWithTheIpHeadersOfTheFrame() {
		try (RunningGateway gateway = RunningGateway.start(HeaderFlow.class);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			String reply = client.send("hello").receiveString();
			int clientPort = client.socket().getLocalPort();
			assertThat(reply).startsWith(
					"hello from 127.0.0.1:" + clientPort + " on 127.0.0.1:" + clientPort + ":" + gateway.port());
			assertThat(gateway.context().getBeansOfType(EchoHandler.class)).hasSize(1);
		}
	}

	@Test
	void oneSeveralAndLaterRepliesArriveInRequestOrder() {
		try (RunningGateway gateway = RunningGateway.start(ScriptedFlow.class);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("LATER first", "NOW second", "SPLIT a,b,c", "NONE", "LATER third", "NOW fourth");
			assertThat(List.of(client.receiveString(), client.receiveString(), client.receiveString(),
					client.receiveString(), client.receiveString(), client.receiveString(), client.receiveString()))
				.containsExactly("first", "second", "a", "b", "c", "third", "fourth");
		}
	}

	@Test
	void requestNeverAnsweredStopsHoldingBackTheNextAfterTheReplyTimeout() {
		try (RunningGateway gateway = RunningGateway.start(ScriptedFlow.class,
				"tcp-gateway.handler.reply-timeout=500ms");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("DROP", "NOW after");
			assertThat(client.receiveString()).isEqualTo("after");
			MeterRegistry meters = gateway.context().getBean(MeterRegistry.class);
			// counted once the sweep that let the next reply go has finished
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(Meters.count(meters, GatewayMeters.REPLY_TIMEOUTS)).isEqualTo(1));
		}
	}

	@Test
	void timedOutRequestGetsTheErrorReplyWhenOnErrorIsReply() {
		try (RunningGateway gateway = RunningGateway.start(ScriptedFlow.class,
				"tcp-gateway.handler.reply-timeout=300ms", "tcp-gateway.handler.on-error=reply",
				"tcp-gateway.handler.error-reply=TIMEOUT");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("DROP", "NOW after");
			assertThat(client.receiveString()).isEqualTo("TIMEOUT");
			assertThat(client.receiveString()).isEqualTo("after");
		}
	}

	@Test
	void failingFlowClosesOnlyItsConnection() {
		try (RunningGateway gateway = RunningGateway.start(ScriptedFlow.class);
				TcpTestConnection failing = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection bystander = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			failing.send("FAIL");
			assertThat(failing.awaitClosed()).isTrue();
			assertThat(bystander.send("NOW still here").receiveString()).isEqualTo("still here");
		}
	}

	@Test
	void flowFailingLaterOnAnotherThreadGetsTheErrorReplyWhenOnErrorIsReply() {
		try (RunningGateway gateway = RunningGateway.start(ScriptedFlow.class, "tcp-gateway.handler.on-error=reply");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("FAIL_LATER", "NOW next");
			assertThat(client.receiveString()).isEqualTo("ERROR");
			assertThat(client.receiveString()).isEqualTo("next");
		}
	}

	@Test
	void flowFailingWithAnErrorGetsTheErrorReplyWhenOnErrorIsReply() {
		try (RunningGateway gateway = RunningGateway.start(ScriptedFlow.class, "tcp-gateway.handler.on-error=reply");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("ASSERT", "NOW next");
			assertThat(client.receiveString()).isEqualTo("ERROR");
			assertThat(client.receiveString()).isEqualTo("next");
		}
	}

	@Test
	void flowPushesToAConnectionThroughTheOutboundChannel() {
		try (RunningGateway gateway = RunningGateway.start(ScriptedFlow.class);
				TcpTestConnection target = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection sender = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			String targetId = target.send("ID").receiveString();
			sender.send("PUSH " + targetId + " hello there");
			assertThat(target.receiveString()).isEqualTo("hello there");
			assertThat(sender.receiveString()).isEqualTo("pushed");
		}
	}

	@Test
	void applicationWithAHandlerAndAFlowFailsToStartNamingBoth() {
		assertThatException().isThrownBy(() -> RunningGateway.start(HandlerAndFlow.class))
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("'upperCase'")
				.hasStackTraceContaining("[commands]")
				.hasStackTraceContaining(TcpGatewayChannels.REQUESTS));
	}

	/** Answers with the frame and where it came from, from the headers. */
	static class HeaderFlow {

		@Bean
		IntegrationFlow whereFrom() {
			return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
				.transform(Transformers.objectToString())
				.<String>handle((payload, headers) -> payload + " from " + headers.get(IpHeaders.IP_ADDRESS) + ":"
						+ headers.get(IpHeaders.REMOTE_PORT) + " on " + headers.get(IpHeaders.CONNECTION_ID))
				.get();
		}

	}

	/**
	 * Replies as each frame's first word says: at once, later from another thread,
	 * several (a splitter), none, never, by failing now or later or with an error, or by
	 * pushing.
	 */
	static class ScriptedFlow {

		@Bean(destroyMethod = "shutdownNow")
		ScheduledExecutorService later() {
			return Executors.newSingleThreadScheduledExecutor();
		}

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService elsewhere() {
			return Executors.newSingleThreadExecutor();
		}

		@Bean
		IntegrationFlow scripted(ScheduledExecutorService later, ExecutorService elsewhere,
				@Qualifier(TcpGatewayChannels.OUTBOUND) MessageChannel outbound) {
			return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
				.transform(Transformers.objectToString())
				.<String, String>route(
						(payload) -> payload.split(" ",
								2)[0],
						(mapping) -> mapping
							.subFlowMapping("NOW",
									(flow) -> flow.<String, String>transform((payload) -> payload.substring(4)))
							.subFlowMapping("LATER", (flow) -> flow.<String>handle((payload, headers) -> {
								MessageChannel replies = (MessageChannel) headers.getReplyChannel();
								later.schedule(
										() -> replies.send(MessageBuilder.withPayload(payload.substring(6)).build()),
										100, TimeUnit.MILLISECONDS);
								return null;
							}))
							.subFlowMapping("SPLIT",
									(flow) -> flow.<String, String>transform((payload) -> payload.substring(6))
										.splitWith((splitter) -> splitter.delimiters(",")))
							.subFlowMapping("NONE", (flow) -> flow.channel(TcpGatewayChannels.NO_REPLY))
							.subFlowMapping("DROP", (flow) -> flow.<String>filter((payload) -> false))
							.subFlowMapping("FAIL", (flow) -> flow.<String>handle((payload, headers) -> {
								throw new IllegalStateException("failed on purpose");
							}))
							.subFlowMapping("ASSERT", (flow) -> flow.<String>handle((payload, headers) -> {
								throw new AssertionError("unreachable, reached on purpose");
							}))
							.subFlowMapping("FAIL_LATER",
									(flow) -> flow.channel((channel) -> channel.executor(elsewhere))
										.<String>handle((payload, headers) -> {
											throw new IllegalStateException("failed on purpose, later");
										}))
							.subFlowMapping("ID",
									(flow) -> flow
										.<String>handle((payload, headers) -> headers.get(IpHeaders.CONNECTION_ID)))
							.subFlowMapping("PUSH", (flow) -> flow.<String>handle((payload, headers) -> {
								String[] words = payload.split(" ", 3);
								outbound.send(MessageBuilder.withPayload(words[2].getBytes(StandardCharsets.UTF_8))
									.setHeader(IpHeaders.CONNECTION_ID, words[1])
									.build());
								return "pushed";
							})))
				.get();
		}

	}

	/** Both seams at once: the gateway refuses to guess. */
	static class HandlerAndFlow {

		@Bean
		TcpMessageHandler commands() {
			return (request, replies) -> replies.send("from the handler");
		}

		@Bean
		IntegrationFlow upperCase() {
			return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
				.transform(Transformers.objectToString())
				.<String, String>transform(String::toUpperCase)
				.get();
		}

	}

}
