package io.tcpgateway.flow;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.test.TcpGatewayTest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies go from the connection's own outbound channel straight to the connection; while
 * the application intercepts the shared outbound channel, they go through it, so its
 * interceptors see each of them, in order, addressed to its connection.
 */
@TcpGatewayTest
class InterceptedRepliesTests {

	@Autowired
	private TcpTestClient client;

	@Autowired
	@Qualifier(TcpGatewayChannels.OUTBOUND)
	private DirectChannel outbound;

	@Test
	void anInterceptorAddedWhileRunningSeesEveryReplyUntilItIsRemoved() {
		List<String> seen = new CopyOnWriteArrayList<>();
		ChannelInterceptor recorder = new ChannelInterceptor() {

			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				seen.add(message.getHeaders().get(IpHeaders.CONNECTION_ID) + " "
						+ new String((byte[]) message.getPayload()));
				return message;
			}

		};
		String[] first = IntStream.range(0, 50).mapToObj(i -> "before-" + i).toArray(String[]::new);
		String[] tapped = IntStream.range(0, 200).mapToObj(i -> "tapped-" + i).toArray(String[]::new);
		String[] after = IntStream.range(0, 50).mapToObj(i -> "after-" + i).toArray(String[]::new);
		try (TcpTestConnection connection = this.client.connect()) {
			assertEchoedInOrder(connection.pipeline(first), first);
			assertThat(seen).isEmpty();

			this.outbound.addInterceptor(recorder);
			try {
				assertEchoedInOrder(connection.pipeline(tapped), tapped);
			}
			finally {
				this.outbound.removeInterceptor(recorder);
			}
			assertEchoedInOrder(connection.pipeline(after), after);
		}
		assertThat(seen).hasSize(tapped.length);
		String connectionId = seen.get(0).substring(0, seen.get(0).indexOf(' '));
		assertThat(seen).containsExactlyElementsOf(
				IntStream.range(0, tapped.length).mapToObj(i -> connectionId + " " + tapped[i]).toList());
	}

	private static void assertEchoedInOrder(TcpTestConnection connection, String[] sent) {
		for (String line : sent) {
			assertThat(connection.receiveString()).isEqualTo(line);
		}
	}

}
