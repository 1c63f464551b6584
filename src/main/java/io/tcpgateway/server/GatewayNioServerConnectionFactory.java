package io.tcpgateway.server;

import java.io.IOException;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;

import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;

/**
 * The NIO server factory, stopped quietly, that can stop accepting before it stops serving.
 */
class GatewayNioServerConnectionFactory extends TcpNioServerConnectionFactory implements DrainableServer {

	private volatile Selector selector;

	GatewayNioServerConnectionFactory(int port) {
		super(port);
	}

	@Override
	protected void doAccept(Selector selectorForNewSocket, ServerSocketChannel server, long now) {
		this.selector = selectorForNewSocket;
		super.doAccept(selectorForNewSocket, server, now);
	}

	@Override
	public void stopAccepting() {
		ServerSocketChannel serverChannel = getServerChannel();
		if (serverChannel == null) {
			return;
		}
		try {
			serverChannel.close();
		}
		catch (IOException ex) {
			logger.debug("Closing the listening socket failed: " + ex);
		}
		Selector selectorToWake = this.selector;
		if (selectorToWake != null) {
			// a registered channel is only really closed once its selector has run again
			selectorToWake.wakeup();
		}
	}

	@Override
	public void stop() {
		// Mark the factory inactive before its selector is closed, so the select loop takes the
		// ClosedSelectorException for the normal stop it is (the stock stop logs it at ERROR).
		setActive(false);
		super.stop();
	}

}
