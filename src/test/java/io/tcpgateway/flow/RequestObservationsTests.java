package io.tcpgateway.flow;

import java.time.Duration;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.observation.TcpGatewayObservations;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each request's observation starts a trace of its own, whatever the thread that decoded
 * it has current: a scope an application left open on an I/O thread does not make the
 * requests that follow its children.
 */
class RequestObservationsTests {

	@Test
	void aRequestsObservationHasNoParentWhateverIsCurrent() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		RequestObservations observations = new RequestObservations(TcpGatewayObservations.of(registry), null,
				"handler");
		try (RunningGateway gateway = RunningGateway.start();
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			ConnectionRegistry connections = gateway.context().getBean(ConnectionRegistry.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> connections.live().stream().anyMatch((live) -> live.context() != null));
			GatewayConnectionContext context = (GatewayConnectionContext) connections.live()
				.iterator()
				.next()
				.context();
			Observation leaked = Observation.start("leaked", registry);
			Observation request;
			try (Observation.Scope scope = leaked.openScope()) {
				request = observations.start(context, 4);
			}
			assertThat(request).isNotNull();
			assertThat(request.getContext().getParentObservation()).isNull();
			request.stop();
			leaked.stop();
		}
	}

}
