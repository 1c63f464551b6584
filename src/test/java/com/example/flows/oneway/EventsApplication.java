package com.example.flows.oneway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tcpgateway.handler.TcpGatewayChannels;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;

/**
 * Devices report events one way ({@code EVENT ...}, no answer expected) and may ask how
 * many have arrived ({@code COUNT}). The events go to a broker; the flow says they get no
 * reply, so a {@code COUNT} after them is answered at once.
 */
@SpringBootApplication
public class EventsApplication {

	public static void main(String[] args) {
		SpringApplication.run(EventsApplication.class, args);
	}

	@Bean
	Broker broker() {
		return new Broker();
	}

	@Bean
	IntegrationFlow events(Broker broker) {
		return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
			.transform(Transformers.objectToString())
			.<String, Boolean>route((line) -> line.startsWith("EVENT "),
					(mapping) -> mapping.subFlowMapping(true, (flow) -> flow.<String>handle((line, headers) -> {
						broker.publish(line.substring(6));
						return line;
					}).channel(TcpGatewayChannels.NO_REPLY))
						.subFlowMapping(false,
								(flow) -> flow.<String, String>transform((line) -> "events: " + broker.count())))
			.get();
	}

	/** Stands in for a message broker's outbound adapter (Kafka, AMQP, JMS). */
	public static class Broker {

		private final List<String> published = new CopyOnWriteArrayList<>();

		void publish(String event) {
			this.published.add(event);
		}

		int count() {
			return this.published.size();
		}

		public List<String> published() {
			return this.published;
		}

	}

}
