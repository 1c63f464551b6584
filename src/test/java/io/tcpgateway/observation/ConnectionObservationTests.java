package io.tcpgateway.observation;

import java.util.List;

import io.micrometer.common.KeyValues;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each connection is one {@code tcp.gateway.connection} observation, open to close; its
 * requests are traces of their own that share its connection id; the application's
 * conventions replace the gateway's.
 */
class ConnectionObservationTests {

	@Test
	void connectionIsOneSpanFromOpenToCloseAndItsRequestsShareItsIdNotItsTrace() {
		try (RunningGateway gateway = RunningGateway.start(TracedGateway.Tracing.class, TracedGateway.SAMPLED,
				TracedGateway.OWN_TRACER)) {
			String connectionId;
			int clientPort;
			try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				assertThat(client.send("hello").receiveString()).isEqualTo("hello");
				connectionId = gateway.connectionFactory().getOpenConnectionIds().get(0);
				clientPort = client.socket().getLocalPort();
			}
			SimpleSpan connection = TracedGateway.awaitSpans(gateway, "tcp connection", 1).get(0);
			assertThat(connection.getTags()).containsEntry("framing", "crlf")
				.containsEntry("reason", "client")
				.containsEntry("tcp.connection.id", connectionId)
				.containsEntry("client.address", "127.0.0.1")
				.containsEntry("client.port", Integer.toString(clientPort));
			assertThat(connection.getParentId()).isEmpty();
			SimpleSpan request = TracedGateway.awaitSpans(gateway, "tcp request", 1).get(0);
			assertThat(request.getTags()).containsEntry("tcp.connection.id", connectionId)
				.containsEntry("handler", "echo");
			assertThat(request.getTraceId()).isNotEqualTo(connection.getTraceId());
		}
	}

	@Test
	void applicationConventionsReplaceTheGatewaysOwn() {
		try (RunningGateway gateway = RunningGateway.start(Conventions.class, TracedGateway.SAMPLED,
				TracedGateway.OWN_TRACER)) {
			try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				assertThat(client.send("hello").receiveString()).isEqualTo("hello");
			}
			List<SimpleSpan> requests = TracedGateway.awaitSpans(gateway, "device command", 1);
			assertThat(requests.get(0).getTags()).containsEntry("device.protocol", "crlf").doesNotContainKey("outcome");
			assertThat(TracedGateway.awaitSpans(gateway, "device link", 1)).hasSize(1);
		}
	}

	@Import(TracedGateway.Tracing.class)
	static class Conventions {

		@Bean
		TcpRequestObservationConvention deviceCommands() {
			return new TcpRequestObservationConvention() {

				@Override
				public String getName() {
					return "device.command";
				}

				@Override
				public String getContextualName(TcpRequestObservationContext context) {
					return "device command";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(TcpRequestObservationContext context) {
					return KeyValues.of("device.protocol", context.getFraming());
				}

			};
		}

		@Bean
		TcpConnectionObservationConvention deviceLinks() {
			return new TcpConnectionObservationConvention() {

				@Override
				public String getName() {
					return "device.link";
				}

				@Override
				public String getContextualName(TcpConnectionObservationContext context) {
					return "device link";
				}

			};
		}

	}

}
