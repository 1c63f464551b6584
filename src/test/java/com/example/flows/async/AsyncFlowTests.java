package com.example.flows.async;

import java.util.stream.IntStream;

import io.tcpgateway.test.TcpGatewayTest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand pipelined requests worked on eight at a time, in random time, answered in
 * request order.
 */
@TcpGatewayTest
class AsyncFlowTests {

	@Autowired
	private TcpTestClient client;

	@Autowired
	private AsyncFlowApplication.Lookups lookups;

	@Test
	void thousandPipelinedRequestsAreAnsweredInRequestOrder() {
		String[] keys = IntStream.rangeClosed(1, 1000).mapToObj((i) -> "key-" + i).toArray(String[]::new);
		try (TcpTestConnection connection = this.client.connect()) {
			connection.pipeline(keys);
			for (String key : keys) {
				assertThat(connection.receiveString()).isEqualTo("value of " + key);
			}
		}
		assertThat(this.lookups.mostAtOnce()).isGreaterThan(1);
	}

}
