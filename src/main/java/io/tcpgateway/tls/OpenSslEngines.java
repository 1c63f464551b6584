package io.tcpgateway.tls;

import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import org.springframework.boot.ssl.SslBundle;

/**
 * Server engines from Netty's OpenSSL binding; the one class that names Netty, loaded
 * only when {@code tcp-gateway.ssl.provider} is {@code openssl}, so a host without Netty
 * never loads it.
 *
 * <p>
 * {@link SslProvider#OPENSSL}, not {@code OPENSSL_REFCNT}: its contexts and engines free
 * their native memory when the garbage collector finds them unreachable (and an engine
 * frees its {@code SSL} as soon as both its directions are closed), so no connection,
 * whatever path its close takes, can leak a native {@code SSL}, and a context replaced by
 * a renewed bundle goes when the last connection that uses it does, with no count to
 * keep.
 */
final class OpenSslEngines implements ServerEngines {

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
	 * @param ciphers the ciphers to enable, or {@code null} for Netty's defaults
	 * @throws IllegalArgumentException when the bundle's settings cannot make a context
	 */
	static ServerEngines of(SslBundle bundle, String[] protocols, String[] ciphers, ClientAuth clientAuth) {
		requireAvailable();
		// the key and its chain are turned into OpenSSL's form once per bundle version,
		// not at every handshake
		SslContextBuilder builder = SslContextBuilder
			.forServer(new OpenSslCachingX509KeyManagerFactory(bundle.getManagers().getKeyManagerFactory()))
			.sslProvider(SslProvider.OPENSSL)
			.protocols(protocols)
			.clientAuth(nettyClientAuth(clientAuth));
		if (ciphers != null) {
			builder.ciphers(Arrays.asList(ciphers));
		}
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
	 * into and writes from) come from Netty's shared pooled allocator, which starts no
	 * thread.
	 */
	@Override
	public SSLEngine newEngine(String peerHost, int peerPort) {
		return this.context.newEngine(ByteBufAllocator.DEFAULT, peerHost, peerPort);
	}

	private static io.netty.handler.ssl.ClientAuth nettyClientAuth(ClientAuth clientAuth) {
		return switch (clientAuth) {
			case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
			case WANT -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
			case NEED -> io.netty.handler.ssl.ClientAuth.REQUIRE;
		};
	}

}
