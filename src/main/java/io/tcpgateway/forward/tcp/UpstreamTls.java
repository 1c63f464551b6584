package io.tcpgateway.forward.tcp;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.tcpgateway.server.NamedSslBundles;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;

/**
 * TLS to the upstream, from the SSL bundle {@code tcp-gateway.forward.tcp.ssl.bundle}
 * names: its trust store vouches for the upstream's certificate, its key store (if any)
 * is the gateway's client certificate. Each connection's engine asks for the server name
 * (SNI) and, unless turned off, checks that the certificate is that name's, as an https
 * client does.
 */
final class UpstreamTls {

	static final String BUNDLE_PROPERTY = "tcp-gateway.forward.tcp.ssl.bundle";

	static final String VERIFY_HOSTNAME_PROPERTY = "tcp-gateway.forward.tcp.ssl.verify-hostname";

	private final SslBundle bundle;

	private final SSLContext context;

	/** The name to ask for and verify; the upstream's host when {@code null}. */
	private final @Nullable String serverName;

	private final boolean verifyHostname;

	UpstreamTls(SslBundle bundle, @Nullable String serverName, boolean verifyHostname) {
		this.bundle = bundle;
		this.context = bundle.createSslContext();
		this.serverName = serverName;
		this.verifyHostname = verifyHostname;
	}

	/**
	 * @return the TLS of the named bundle
	 * @throws InvalidConfigurationPropertyValueException when there is no bundle of that
	 * name
	 */
	static UpstreamTls of(String bundleName, ObjectProvider<SslBundles> sslBundles, @Nullable String serverName,
			boolean verifyHostname) {
		SslBundle bundle = NamedSslBundles.get(sslBundles.getIfAvailable(), BUNDLE_PROPERTY, bundleName);
		if (!verifyHostname && bundle.getStores().getTrustStore() == null) {
			// such a bundle trusts the JDK's certificate authorities: any name one of
			// them vouches for would do
			throw new InvalidConfigurationPropertyValueException(VERIFY_HOSTNAME_PROPERTY, false,
					"The bundle '" + bundleName + "' has no trust store, so it trusts every certificate authority"
							+ " the JDK does; give it a trust store, or keep verify-hostname on");
		}
		UpstreamTls tls = new UpstreamTls(bundle, serverName, verifyHostname);
		tls.checkOptions(bundleName);
		return tls;
	}

	/**
	 * Builds one engine, so that cipher suites or protocols the JDK does not know fail
	 * startup rather than every connection attempt.
	 */
	private void checkOptions(String bundleName) {
		try {
			newEngine((this.serverName != null) ? this.serverName : "localhost", 0);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(BUNDLE_PROPERTY, bundleName,
					"The bundle's options do not suit a TLS client (" + ex.getMessage()
							+ "); check spring.ssl.bundle.*." + bundleName + ".options");
		}
	}

	/**
	 * @param handshakeTimeout how long the handshake of a new connection may take
	 * @return what makes the client factory's connections, each one's handshake done
	 * before it is handed out; the engine of a connection is made on its connecting
	 * thread for the upstream being dialled there, whose configured host (a name, not the
	 * address it resolved to) is the server name unless one is configured
	 */
	TcpNioConnectionSupport connectionSupport(Executor assemblers, Duration handshakeTimeout) {
		return new OrderedNioSslConnectionSupport(assemblers, () -> {
			Upstream upstream = UpstreamConnectionFactory.target();
			return newEngine(upstream.configured().host(), upstream.port());
		}, handshakeTimeout);
	}

	/**
	 * @return a client engine for one connection to the upstream
	 */
	SSLEngine newEngine(String host, int port) {
		String name = (this.serverName != null) ? this.serverName : host;
		// the peer host is what endpoint identification checks the certificate against
		SSLEngine engine = this.context.createSSLEngine(name, port);
		engine.setUseClientMode(true);
		SSLParameters parameters = engine.getSSLParameters();
		if (this.verifyHostname) {
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
		}
		if (isSniHostName(name)) {
			parameters.setServerNames(List.of(new SNIHostName(name)));
		}
		SslOptions options = this.bundle.getOptions();
		if (options.getCiphers() != null) {
			parameters.setCipherSuites(options.getCiphers());
		}
		if (options.getEnabledProtocols() != null) {
			parameters.setProtocols(options.getEnabledProtocols());
		}
		engine.setSSLParameters(parameters);
		return engine;
	}

	/**
	 * @param socket connected to the upstream
	 * @return that socket as a TLS client socket, its handshake not yet made, with the
	 * server name, checks and options of {@link #newEngine}: for the health checks
	 */
	SSLSocket wrap(Socket socket, Upstream upstream) throws IOException {
		String host = upstream.configured().host();
		String name = (this.serverName != null) ? this.serverName : host;
		SSLSocket tls = (SSLSocket) this.context.getSocketFactory().createSocket(socket, name, upstream.port(), true);
		tls.setUseClientMode(true);
		tls.setSSLParameters(newEngine(host, upstream.port()).getSSLParameters());
		return tls;
	}

	/**
	 * SNI carries host names only (RFC 6066, section 3): not an address, nor a name such
	 * as {@code my_upstream} or {@code upstream.} that is none; for those, as the JDK
	 * does for names it cannot send, the hello asks for no name.
	 */
	static boolean isSniHostName(String name) {
		if (isIpLiteral(name)) {
			return false;
		}
		try {
			new SNIHostName(name);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * @return whether the name is an IP address
	 */
	static boolean isIpLiteral(String name) {
		return name.indexOf(':') >= 0 || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
	}

}
