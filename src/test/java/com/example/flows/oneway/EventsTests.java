package com.example.flows.oneway;

import io.tcpgateway.test.TcpGatewayTest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-way frames reach the broker and hold back nothing: the reply timeout is set longer
 * than the test client waits for a reply, so only the flow's "no reply" lets the
 * {@code COUNT} through.
 */
@TcpGatewayTest(properties = "tcp-gateway.handler.reply-timeout=60s")
class EventsTests {

	@Autowired
	private TcpTestClient client;

	@Autowired
	private EventsApplication.Broker broker;

	@Test
	void eventsGetNoReplyAndHoldBackNoLaterReply() {
		try (TcpTestConnection connection = this.client.connect()) {
			connection.pipeline("EVENT door open", "EVENT door closed", "EVENT alarm", "COUNT");
			assertThat(connection.receiveString()).isEqualTo("events: 3");
		}
		assertThat(this.broker.published()).containsExactly("door open", "door closed", "alarm");
	}

}
