package io.tcpgateway.bench.netty;

import java.io.File;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

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
import io.netty.handler.ssl.SslContext;

/**
 * Echoes back every line a client sends, ended with CR LF: the plain Netty baseline for
 * the gateway.
 *
 * <p>
 * NIO transport and Netty's default event loop sizes; the frame limit (64 KiB) and the
 * accept backlog (1000) match the gateway's defaults. With a TLS context, an
 * {@code SslHandler} first in each pipeline, as the gateway's TLS listener decrypts
 * before it frames.
 */
public final class NettyEchoServer implements AutoCloseable {

	static final int MAX_FRAME_LENGTH = 65536;

	static final int BACKLOG = 1000;

	private final EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

	private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());

	private final Channel channel;

	private NettyEchoServer(int port, SslContext tls) throws InterruptedException {
		this.channel = new ServerBootstrap().group(this.acceptor, this.workers)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_BACKLOG, BACKLOG)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {

				@Override
				protected void initChannel(SocketChannel channel) {
					if (tls != null) {
						channel.pipeline().addLast(tls.newHandler(channel.alloc()));
					}
					channel.pipeline().addLast(new LineBasedFrameDecoder(MAX_FRAME_LENGTH), new LineEchoHandler());
				}

			})
			.bind(port)
			.sync()
			.channel();
	}

	/** Start a server on the given port, 0 for any free port. */
	public static NettyEchoServer start(int port) throws InterruptedException {
		return new NettyEchoServer(port, null);
	}

	/**
	 * Start a TLS server (TLS 1.3, TLS_AES_128_GCM_SHA256, P-256) on the given port, 0
	 * for any free port.
	 * @param certificate PEM certificate chain
	 * @param privateKey PEM private key, PKCS#8
	 * @param provider {@code jdk} (the JDK's engine) or {@code openssl} (BoringSSL)
	 */
	public static NettyEchoServer startTls(int port, File certificate, File privateKey, String provider)
			throws InterruptedException, SSLException {
		return new NettyEchoServer(port, NettyTls.serverContext(certificate, privateKey, provider));
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

	/**
	 * {@code netty-echo [--port P] [--tls-cert F --tls-key F [--tls-provider jdk|openssl]]}:
	 * serve until the process is stopped.
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>(Map.of("--port", "9000", "--tls-provider", "jdk"));
		for (int i = 0; i < args.length; i += 2) {
			if (!List.of("--port", "--tls-cert", "--tls-key", "--tls-provider").contains(args[i])
					|| i + 1 >= args.length) {
				throw new IllegalArgumentException(
						"usage: netty-echo [--port P] [--tls-cert F --tls-key F [--tls-provider jdk|openssl]]");
			}
			options.put(args[i], args[i + 1]);
		}
		int port = Integer.parseInt(options.get("--port"));
		String certificate = options.get("--tls-cert");
		String key = options.get("--tls-key");
		if ((certificate == null) != (key == null)) {
			throw new IllegalArgumentException("--tls-cert and --tls-key go together");
		}
		NettyEchoServer server = (certificate != null)
				? startTls(port, new File(certificate), new File(key), options.get("--tls-provider")) : start(port);
		Runtime.getRuntime().addShutdownHook(new Thread(server::close, "netty-echo-shutdown"));
		System.out.println("netty echo server listening on port " + server.port()
				+ ((certificate != null) ? " with TLS (" + options.get("--tls-provider") + ")" : ""));
		server.channel.closeFuture().sync();
	}

}
