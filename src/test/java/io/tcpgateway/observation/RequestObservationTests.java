package io.tcpgateway.observation;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each request is one {@code tcp.gateway.request} observation, a span of its own trace
 * with the tracer of the application, current while its handler runs, however it ends.
 */
class RequestObservationTests {

	private static final String REQUEST_SPAN = "tcp request";

	@Test
	void eachRequestIsOneSpanWithItsKeys() {
		try (RunningGateway gateway = RunningGateway.start(LoopHandler.class, TracedGateway.SAMPLED,
				TracedGateway.OWN_TRACER);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("REPLY hello").receiveString()).isEqualTo("hello");
			assertThat(client.send("REPLY again").receiveString()).isEqualTo("again");
			List<SimpleSpan> spans = TracedGateway.awaitSpans(gateway, REQUEST_SPAN, 2);
			String connectionId = gateway.connectionFactory().getOpenConnectionIds().get(0);
			SimpleSpan first = spans.get(0);
			assertThat(first.getTags()).containsAllEntriesOf(Map.of("framing", "crlf", "handler", "handler", "outcome",
					"replied", "tcp.connection.id", connectionId, "client.address", "127.0.0.1", "client.port",
					Integer.toString(client.socket().getLocalPort()), "tcp.request.bytes", "11", "tcp.reply.bytes",
					"5"));
			// one trace per request, not children of their connection
			assertThat(spans.get(1).getTraceId()).isNotEqualTo(first.getTraceId());
			assertThat(spans).allSatisfy((span) -> assertThat(span.getParentId()).isEmpty());
			// current on the event loop while the handler ran
			assertThat(spanIds(gateway.context().getBean(ScriptedHandler.class).current))
				.containsExactlyElementsOf(spans.stream().map(SimpleSpan::getSpanId).toList());
		}
	}

	@Test
	void requestOnTheHandlerPoolAndAnsweredLaterFromAnotherThreadIsCurrentThere() {
		try (RunningGateway gateway = RunningGateway.start(PoolHandler.class, TracedGateway.SAMPLED,
				TracedGateway.OWN_TRACER);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("ASYNC later").receiveString()).isEqualTo("later");
			SimpleSpan span = TracedGateway.awaitSpans(gateway, REQUEST_SPAN, 1).get(0);
			assertThat(span.getTags()).containsEntry("outcome", "replied").containsEntry("tcp.reply.bytes", "5");
			ScriptedHandler handler = gateway.context().getBean(ScriptedHandler.class);
			// on the pool's thread in handle, then on the handler's own in its scope
			assertThat(spanIds(handler.current)).containsExactly(span.getSpanId(), span.getSpanId());
			assertThat(handler.threads).doesNotHaveDuplicates().hasSize(2);
		}
	}

	@Test
	void requestWithoutReplyFailedTimedOutOrClosedSaysSo() throws IOException {
		try (RunningGateway gateway = RunningGateway.start(LoopHandler.class, TracedGateway.SAMPLED,
				TracedGateway.OWN_TRACER, "tcp-gateway.handler.reply-timeout=2s", "tcp-gateway.handler.on-error=reply");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("NONE", "FAIL", "HANG", "REPLY after");
			assertThat(client.receiveString()).isEqualTo("ERROR");
			assertThat(client.receiveString()).isEqualTo("ERROR");
			assertThat(client.receiveString()).isEqualTo("after");
			List<SimpleSpan> spans = TracedGateway.awaitSpans(gateway, REQUEST_SPAN, 4);
			assertThat(spans).extracting((span) -> span.getTags().get("outcome"))
				.containsExactlyInAnyOrder("no-reply", "error", "timeout", "replied");
			SimpleSpan failed = spans.stream()
				.filter((span) -> "error".equals(span.getTags().get("outcome")))
				.findFirst()
				.orElseThrow();
			assertThat(failed.getError()).hasMessage("failed on purpose");
			try (TcpTestConnection closing = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				closing.send("HANG");
				ScriptedHandler handler = gateway.context().getBean(ScriptedHandler.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> handler.threads.size() == 5);
				// reset, not half-closed: a half-closed connection would stay open for
				// the
				// reply, until the timeout
				closing.socket().setSoLinger(true, 0);
			}
			List<SimpleSpan> all = TracedGateway.awaitSpans(gateway, REQUEST_SPAN, 5);
			assertThat(all).as(() -> all.stream().map(SimpleSpan::getTags).toList().toString())
				.filteredOn((span) -> "closed".equals(span.getTags().get("outcome")))
				.hasSize(1);
		}
	}

	private static List<String> spanIds(BlockingQueue<Span> spans) {
		return spans.stream().map((span) -> span.context().spanId()).toList();
	}

	/**
	 * Answers {@code REPLY text} with the text, {@code NONE} with nothing, {@code FAIL}
	 * by throwing, {@code ASYNC text} later from a thread of its own, {@code HANG} never;
	 * notes the current span and thread of each call.
	 */
	static class ScriptedHandler implements TcpMessageHandler {

		final BlockingQueue<Span> current = new LinkedBlockingQueue<>();

		final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

		private final SimpleTracer tracer;

		private final boolean blocking;

		private final ExecutorService elsewhere = Executors.newSingleThreadExecutor();

		ScriptedHandler(SimpleTracer tracer, boolean blocking) {
			this.tracer = tracer;
			this.blocking = blocking;
		}

		@Override
		public void handle(TcpRequest request, ReplySink replies) {
			noteCurrent();
			String[] command = request.asString().split(" ", 2);
			switch (command[0]) {
				case "REPLY" -> replies.send(command[1]);
				case "NONE" -> {
				}
				case "FAIL" -> throw new IllegalStateException("failed on purpose");
				case "ASYNC" -> {
					replies.async();
					this.elsewhere.execute(() -> {
						try (Observation.Scope scope = request.observation().openScope()) {
							noteCurrent();
							replies.send(command[1]).complete();
						}
					});
				}
				case "HANG" -> replies.async();
				default -> throw new IllegalArgumentException(command[0]);
			}
		}

		private void noteCurrent() {
			SimpleSpan span = this.tracer.currentSpan();
			if (span != null) {
				this.current.add(span);
			}
			this.threads.add(Thread.currentThread().getName());
		}

		@Override
		public boolean isBlocking() {
			return this.blocking;
		}

		void shutdown() throws InterruptedException {
			this.elsewhere.shutdownNow();
			this.elsewhere.awaitTermination(10, TimeUnit.SECONDS);
		}

	}

	@Import(TracedGateway.Tracing.class)
	static class LoopHandler {

		@Bean(destroyMethod = "shutdown")
		ScriptedHandler scriptedHandler(SimpleTracer simpleTracer) {
			return new ScriptedHandler(simpleTracer, false);
		}

	}

	@Import(TracedGateway.Tracing.class)
	static class PoolHandler {

		@Bean(destroyMethod = "shutdown")
		ScriptedHandler scriptedHandler(SimpleTracer simpleTracer) {
			return new ScriptedHandler(simpleTracer, true);
		}

	}

}
