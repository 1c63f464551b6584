package io.tcpgateway.bench.netty;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * Echoes back every line a client sends, ended with CR LF: the plain Netty baseline for
 * the gateway.
 *
 * <p>
 * NIO transport and Netty's default event loop sizes; the frame limit (64 KiB) and the
 * accept backlog (1000) match the gateway's defaults.
 */
public final class NettyEchoServer implements AutoCloseable {

	static final int MAX_FRAME_LENGTH = 65536;

	static final int BACKLOG = 1000;

	private final EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

	private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());

	private final Channel channel;

	private NettyEchoServer(int port) throws InterruptedException {
		this.channel = new ServerBootstrap().group(this.acceptor, this.workers)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_BACKLOG, BACKLOG)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {

				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline().addLast(new LineBasedFrameDecoder(MAX_FRAME_LENGTH), new LineEchoHandler());
				}

			})
			.bind(port)
			.sync()
			.channel();
	}

	/** Start a server on the given port, 0 for any free port. */
	public static NettyEchoServer start(int port) throws InterruptedException {
		return new NettyEchoServer(port);
	}

	public int port() {
		return ((InetSocketAddress) this.channel.localAddress()).getPort();
	}

	@Override
	public void close() {
		this.channel.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
		this.acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		this.workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
	}

	/** {@code netty-echo [--port P]}: serve until the process is stopped. */
	public static void main(String[] args) throws InterruptedException {
		int port = (args.length == 2 && args[0].equals("--port")) ? Integer.parseInt(args[1]) : 9000;
		NettyEchoServer server = start(port);
		Runtime.getRuntime().addShutdownHook(new Thread(server::close, "netty-echo-shutdown"));
		System.out.println("netty echo server listening on port " + server.port());
		server.channel.closeFuture().sync();
	}

}
