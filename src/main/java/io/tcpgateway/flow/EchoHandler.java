package io.tcpgateway.flow;

import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;

/**
 * Echoes back any received frame, byte for byte: the handler used when the application
 * defines none.
 */
public class EchoHandler implements TcpMessageHandler {

	@Override
	public void handle(TcpRequest request, ReplySink replies) {
		replies.send(request.payload());
	}

	@Override
	public boolean isBlocking() {
		return false;
	}

}
