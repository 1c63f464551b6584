package io.tcpgateway.server;

import java.io.IOException;
import java.net.ServerSocket;

import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * The blocking server factory, able to stop accepting before it stops serving.
 */
class GatewayNetServerConnectionFactory extends TcpNetServerConnectionFactory implements DrainableServer {

	GatewayNetServerConnectionFactory(int port) {
		super(port);
	}

	@Override
	public void stopAccepting() {
		ServerSocket serverSocket = getServerSocket();
		if (serverSocket == null) {
			return;
		}
		try {
			serverSocket.close();
		}
		catch (IOException ex) {
			logger.debug("Closing the listening socket failed: " + ex);
		}
	}

}
