package io.tcpgateway.connection.nio;

import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interest changes on keys of real channels, registered with a real selector, which
 * another thread closes.
 */
class InterestTests {

	private Selector selector;

	private ServerSocketChannel server;

	private SocketChannel client;

	private SelectionKey key;

	@BeforeEach
	void register() throws Exception {
		this.selector = Selector.open();
		this.server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
		this.client = SocketChannel.open(this.server.getLocalAddress());
		this.client.configureBlocking(false);
		this.key = this.client.register(this.selector, SelectionKey.OP_READ);
	}

	@AfterEach
	void close() throws Exception {
		this.client.close();
		this.server.close();
		this.selector.close();
	}

	@Test
	void aValidKeyTakesTheWholeSet() {
		assertThat(Interest.set(this.key, SelectionKey.OP_READ | SelectionKey.OP_WRITE)).isTrue();
		assertThat(this.key.interestOps()).isEqualTo(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
		assertThat(Interest.set(this.key, 0)).isTrue();
		assertThat(this.key.interestOps()).isZero();
	}

	@Test
	void aKeyWhoseChannelAnotherThreadClosedTakesNothingAndNothingIsThrown() throws Exception {
		Thread closer = new Thread(() -> {
			try {
				this.client.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		closer.start();
		closer.join();
		assertThat(this.key.isValid()).isFalse();
		assertThat(Interest.set(this.key, SelectionKey.OP_READ)).isFalse();
	}

}
