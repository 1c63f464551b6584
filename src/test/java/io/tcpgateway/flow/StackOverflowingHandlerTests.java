package io.tcpgateway.flow;

import java.nio.charset.StandardCharsets;

import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client whose input makes the handler overflow its stack: the handler measures how
 * deep a request's brackets nest by recursion, as a naive parser would. That request
 * fails like any other, and the gateway goes on serving; each subclass runs the handler
 * on other threads.
 */
abstract class StackOverflowingHandlerTests {

	/** One event loop, which the bystander shares with the attacker. */
	static final String ONE_LOOP = "tcp-gateway.selector.event-loops=1";

	static final String ON_ERROR = "tcp-gateway.handler.on-error=reply";

	static final String ERROR_REPLY = "tcp-gateway.handler.error-reply=ERR failed";

	/** Room for {@link #TOO_DEEP} brackets. */
	static final String MAX_MESSAGE_SIZE = "tcp-gateway.max-message-size=2MB";

	/** Deeper than a default-sized thread stack can recurse (1 MB on Linux x64). */
	private static final int TOO_DEEP = 1_000_000;

	@Autowired
	private TcpTestClient client;

	@Test
	void theOverflowingRequestGetsTheErrorReplyAndEveryConnectionGoesOn() {
		try (TcpTestConnection attacker = this.client.connect(); TcpTestConnection bystander = this.client.connect()) {
			attacker.pipeline(nested(TOO_DEEP), nested(3));
			assertThat(attacker.receiveString()).isEqualTo("ERR failed");
			assertThat(attacker.receiveString()).isEqualTo("depth 3");
			assertThat(bystander.send(nested(2)).receiveString()).isEqualTo("depth 2");
		}
	}

	/**
	 * @return the handler, replying {@code depth N}
	 */
	static TcpMessageHandler nestedBrackets(boolean blocking) {
		return new TcpMessageHandler() {

			@Override
			public void handle(TcpRequest request, ReplySink replies) {
				replies.send(("depth " + depth(request.payload(), 0)).getBytes(StandardCharsets.US_ASCII));
			}

			@Override
			public boolean isBlocking() {
				return blocking;
			}

		};
	}

	private static String nested(int depth) {
		return "(".repeat(depth);
	}

	private static int depth(byte[] request, int at) {
		if (at == request.length || request[at] != '(') {
			return 0;
		}
		return 1 + depth(request, at + 1);
	}

}
