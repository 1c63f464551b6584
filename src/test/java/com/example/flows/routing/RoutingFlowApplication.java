package com.example.flows.routing;

import java.util.Locale;

import io.tcpgateway.handler.TcpGatewayChannels;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;

/**
 * A line protocol written as an integration flow: a transformer turns each frame into
 * text, a router sends it to the sub-flow of its command.
 */
@SpringBootApplication
public class RoutingFlowApplication {

	public static void main(String[] args) {
		SpringApplication.run(RoutingFlowApplication.class, args);
	}

	/**
	 * {@code UPPER text} answers {@code TEXT}, {@code REVERSE text} answers {@code txet},
	 * anything else an error line.
	 */
	@Bean
	IntegrationFlow commands() {
		return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
			.transform(Transformers.objectToString())
			.<String, String>route((line) -> line.split(" ", 2)[0],
					(mapping) -> mapping
						.subFlowMapping("UPPER",
								(flow) -> flow
									.<String, String>transform((line) -> argument(line).toUpperCase(Locale.ROOT)))
						.subFlowMapping("REVERSE",
								(flow) -> flow.<String, String>transform(
										(line) -> new StringBuilder(argument(line)).reverse().toString()))
						.defaultSubFlowMapping(
								(flow) -> flow.<String, String>transform((line) -> "ERR unknown command: " + line)))
			.get();
	}

	private static String argument(String line) {
		int space = line.indexOf(' ');
		return (space < 0) ? "" : line.substring(space + 1);
	}

}
