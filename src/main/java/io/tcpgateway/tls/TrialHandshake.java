package io.tcpgateway.tls;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One TLS handshake in memory, between a server engine of a renewed bundle and a client
 * that checks only the server's signature: a private key that does not belong to its
 * certificate (a PEM key renewed before its certificate was) fails here, not on every new
 * connection.
 */
final class TrialHandshake {

	/** Far more than the few records of a handshake; a loop that goes on is a bug. */
	private static final int MAX_STEPS = 100;

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private TrialHandshake() {
	}

	/**
	 * @param server a server engine of the renewed bundle, client authentication off
	 * @param protocols the bundle's protocols, which the client offers
	 * @throws SSLException when the handshake fails
	 */
	static void run(SSLEngine server, String[] protocols) throws SSLException {
		SSLEngine client = client(protocols, server.getSSLParameters().getCipherSuites());
		client.beginHandshake();
		server.beginHandshake();
		int packetSize = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
		ByteBuffer toServer = ByteBuffer.allocate(packetSize * 4);
		ByteBuffer toClient = ByteBuffer.allocate(packetSize * 4);
		ByteBuffer plaintext = ByteBuffer.allocate(Math.max(client.getSession().getApplicationBufferSize(),
				server.getSession().getApplicationBufferSize()));
		for (int step = 0; step < MAX_STEPS; step++) {
			if (done(client) && done(server)) {
				return;
			}
			step(client, toClient, toServer, plaintext);
			step(server, toServer, toClient, plaintext);
		}
		throw new SSLException("The trial handshake did not finish");
	}

	private static boolean done(SSLEngine engine) {
		HandshakeStatus status = engine.getHandshakeStatus();
		return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
	}

	/** Read what the peer sent, run delegated tasks, and write what is due. */
	private static void step(SSLEngine engine, ByteBuffer inbound, ByteBuffer outbound, ByteBuffer plaintext)
			throws SSLException {
		inbound.flip();
		while (inbound.hasRemaining()) {
			SSLEngineResult result = engine.unwrap(inbound, plaintext.clear());
			runTasks(engine);
			if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesConsumed() == 0) {
				// a partial record, or the engine has to write first
				break;
			}
		}
		inbound.compact();
		if (engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
			// OpenSSL reports a TLS 1.3 handshake whose last record it has read finished
			// only when asked again (see TlsSession)
			engine.unwrap(EMPTY, plaintext.clear());
			runTasks(engine);
		}
		while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
			SSLEngineResult result = engine.wrap(EMPTY, outbound);
			runTasks(engine);
			if (result.getStatus() != SSLEngineResult.Status.OK) {
				throw new SSLException("The trial handshake could not write: " + result.getStatus());
			}
		}
	}

	private static void runTasks(SSLEngine engine) {
		Runnable task;
		while ((task = engine.getDelegatedTask()) != null) {
			task.run();
		}
	}

	/**
	 * A client offering what the server enables, which trusts any certificate: the
	 * signature over the handshake is what is on trial, not who issued the certificate.
	 * It offers the bundle's protocols, not those the server engine reports: OpenSSL's
	 * report {@code SSLv2Hello}, with which a client that offers no TLS 1.3 sends an
	 * SSLv2 hello, without the groups and signature algorithms a real client names, and
	 * BoringSSL then refuses an ECDSA certificate ({@code WRONG_CURVE}).
	 */
	private static SSLEngine client(String[] protocols, String[] cipherSuites) throws SSLException {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { new AnyServer() }, null);
			SSLEngine client = context.createSSLEngine();
			client.setUseClientMode(true);
			SSLParameters parameters = client.getSSLParameters();
			// OpenSSL's server may enable names the JDK does not know: the client offers
			// those both know
			parameters.setProtocols(known(protocols, client.getSupportedProtocols()));
			parameters.setCipherSuites(known(cipherSuites, client.getSupportedCipherSuites()));
			client.setSSLParameters(parameters);
			return client;
		}
		catch (GeneralSecurityException ex) {
			throw new SSLException("Cannot make the trial client", ex);
		}
	}

	private static String[] known(String[] wanted, String[] supported) {
		List<String> known = List.of(supported);
		return Arrays.stream(wanted).filter(known::contains).toArray(String[]::new);
	}

	/** Trusts any server, and is never asked about clients. */
	private static final class AnyServer extends X509ExtendedTrustManager {

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
			// any server: the engine still checks the signature against the certificate
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
			// any server
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
			// any server
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
			throw new UnsupportedOperationException();
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
