package io.tcpgateway.cluster;

import io.tcpgateway.handler.TcpMessageHandler;

import org.springframework.context.annotation.Bean;

/**
 * A handler for the cluster tests: {@code bind K} binds the key K to the connection and
 * answers {@code bound K}; anything else is echoed. Not annotated, so that the
 * application's component scan of the test classes does not find it; a child gateway gets
 * it through {@code --spring.main.sources}.
 */
public class KeyBindingHandler {

	@Bean
	TcpMessageHandler bindingHandler() {
		return (request, replies) -> {
			String text = request.asString();
			if (text.startsWith("bind ")) {
				request.connection().bind(text.substring(5));
				replies.send("bound " + text.substring(5));
			}
			else {
				replies.send(text);
			}
		};
	}

}
