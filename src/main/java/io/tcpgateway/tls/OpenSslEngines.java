package io.tcpgateway.tls;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.ReferenceCountUtil;

import org.springframework.boot.ssl.SslBundle;

/**
 * Server engines from Netty's OpenSSL binding; the one class that names Netty, loaded
 * only when {@code tcp-gateway.ssl.provider} is {@code openssl}, so a host without Netty
 * never loads it.
 *
 * <p>
 * {@link SslProvider#OPENSSL_REFCNT}: no garbage collector can free an OpenSSL engine
 * that was not shut down (its context's native callbacks keep it reachable), so every
 * engine is {@linkplain #release released} when its connection closes, whatever path the
 * close takes, and the context, which each of its engines holds a reference to, is
 * {@linkplain #close released} when a renewed bundle replaces it: it goes when the last
 * connection that uses it does.
 */
final class OpenSslEngines implements ServerEngines {

	/** Engines made and not yet freed, over every context: what a leak would grow. */
	static final AtomicInteger LIVE_ENGINES = new AtomicInteger();

	private final SslContext context;

	private OpenSslEngines(SslContext context) {
		this.context = context;
	}

	/**
	 * @throws IllegalStateException when OpenSSL is not available, naming why
	 */
	static void requireAvailable() {
		if (!OpenSsl.isAvailable()) {
			Throwable cause = OpenSsl.unavailabilityCause();
			throw new IllegalStateException("OpenSSL is not available: "
					+ ((cause != null) ? cause.getClass().getName() + ": " + cause.getMessage() : "unknown cause"),
					cause);
		}
	}

	/**
	 * @param protocols the protocols to enable, already narrowed to those allowed
	 * @param ciphers the ciphers to enable, or {@code null} for
	 * {@linkplain OpenSslCiphers#defaults forward-secret AEAD suites}
	 * @throws IllegalArgumentException when the bundle's settings cannot make a context
	 */
	static ServerEngines of(SslBundle bundle, String[] protocols, String[] ciphers, ClientAuth clientAuth) {
		requireAvailable();
		// the key and its chain are turned into OpenSSL's form once per bundle version,
		// not at every handshake
		SslContextBuilder builder = SslContextBuilder
			.forServer(new OpenSslCachingX509KeyManagerFactory(bundle.getManagers().getKeyManagerFactory()))
			.sslProvider(SslProvider.OPENSSL_REFCNT)
			.protocols(protocols)
			.clientAuth(nettyClientAuth(clientAuth));
		// never Netty's defaults, which include suites without forward secrecy
		builder.ciphers(Arrays.asList((ciphers != null) ? ciphers : OpenSslCiphers.defaults()));
		if (clientAuth != ClientAuth.NONE) {
			builder.trustManager(bundle.getManagers().getTrustManagerFactory());
		}
		try {
			return new OpenSslEngines(builder.build());
		}
		catch (SSLException | RuntimeException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	/**
	 * Buffers OpenSSL needs in native memory (for the heap buffers the connection reads
	 * into and writes from) come from Netty's default allocator, shared with whatever
	 * else in the process uses Netty (Lettuce's Redis client), which starts no thread.
	 * @return {@code null} once the context has been {@linkplain #close released}: the
	 * bundle was renewed meanwhile
	 */
	@Override
	public SSLEngine newEngine(String peerHost, int peerPort) {
		try {
			// a renewal may release the context at any time: held while the engine is
			// made, which then holds its own reference
			ReferenceCountUtil.retain(this.context);
		}
		catch (IllegalReferenceCountException ex) {
			return null;
		}
		try {
			SSLEngine engine = this.context.newEngine(ByteBufAllocator.DEFAULT, peerHost, peerPort);
			LIVE_ENGINES.incrementAndGet();
			return engine;
		}
		finally {
			ReferenceCountUtil.release(this.context);
		}
	}

	/** Frees the engine's native {@code SSL} and its reference to the context. */
	@Override
	public void release(SSLEngine engine) {
		if (ReferenceCountUtil.release(engine)) {
			LIVE_ENGINES.decrementAndGet();
		}
	}

	@Override
	public void close() {
		ReferenceCountUtil.release(this.context);
	}

	private static io.netty.handler.ssl.ClientAuth nettyClientAuth(ClientAuth clientAuth) {
		return switch (clientAuth) {
			case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
			case WANT -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
			case NEED -> io.netty.handler.ssl.ClientAuth.REQUIRE;
		};
	}

}
