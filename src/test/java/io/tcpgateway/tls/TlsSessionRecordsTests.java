package io.tcpgateway.tls;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records a {@link TlsSession} queues for its replies: each held in a buffer of its
 * own size, not of the engine's packet size, so the bytes counted as waiting are the
 * bytes held; and each still decrypts to its reply, in order.
 */
class TlsSessionRecordsTests {

	private static final char[] PASSWORD = "changeit".toCharArray();

	@Test
	@Timeout(30)
	void repliesAreQueuedAsRecordsOfTheirOwnSizeAndDecryptInOrder() throws Exception {
		SSLEngine client = context("tls/client.p12", "tls/client-trust.p12").createSSLEngine();
		client.setUseClientMode(true);
		SSLEngine server = context("tls/server.p12", "tls/server-trust.p12").createSSLEngine();
		server.setUseClientMode(false);
		TlsSession session = new TlsSession(server, (engine) -> {
		}, false);
		List<ByteBuffer> toClient = new ArrayList<>();
		handshake(client, session, toClient);
		assertThat(session.isHandshakeDone()).isTrue();

		List<ByteBuffer> records = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			records.addAll(session.wrap(ByteBuffer.wrap(("reply " + i + "\r\n").getBytes(StandardCharsets.US_ASCII))));
		}
		ByteBuffer large = ByteBuffer.allocate(40_000);
		records.addAll(session.wrap(large));

		assertThat(records).allSatisfy((record) -> assertThat(record.capacity()).isEqualTo(record.remaining()));
		assertThat(records.subList(0, 16)).allSatisfy((record) -> assertThat(record.remaining()).isLessThan(100));
		StringBuilder replies = new StringBuilder();
		long largeBytes = 0;
		ByteBuffer plaintext = ByteBuffer.allocate(client.getSession().getApplicationBufferSize());
		for (int i = 0; i < records.size(); i++) {
			plaintext.clear();
			SSLEngineResult result = client.unwrap(records.get(i), plaintext);
			assertThat(result.getStatus()).isEqualTo(SSLEngineResult.Status.OK);
			plaintext.flip();
			if (i < 16) {
				replies.append(StandardCharsets.US_ASCII.decode(plaintext));
			}
			else {
				largeBytes += plaintext.remaining();
			}
		}
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			expected.append("reply ").append(i).append("\r\n");
		}
		assertThat(replies.toString()).isEqualTo(expected.toString());
		assertThat(largeBytes).isEqualTo(40_000);
	}

	/** Shuttles records between the client engine and the session until both are done. */
	private static void handshake(SSLEngine client, TlsSession session, List<ByteBuffer> toClient) throws Exception {
		client.beginHandshake();
		ByteBuffer fromClient = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
		ByteBuffer scratch = ByteBuffer.allocate(client.getSession().getApplicationBufferSize());
		TlsSession.Sink sink = new TlsSession.Sink() {

			@Override
			public void plaintext(ByteBuffer bytes) {
			}

			@Override
			public void send(List<ByteBuffer> records, long releasedBytes) {
				toClient.addAll(records);
			}

			@Override
			public void sealPending() {
			}

		};
		for (int step = 0; step < 50 && !(session.isHandshakeDone() && clientDone(client)); step++) {
			while (client.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
				client.getDelegatedTask().run();
			}
			fromClient.clear();
			client.wrap(ByteBuffer.allocate(0), fromClient);
			fromClient.flip();
			if (fromClient.hasRemaining()) {
				session.unwrap(fromClient, sink);
			}
			while (!toClient.isEmpty()) {
				ByteBuffer record = toClient.get(0);
				scratch.clear();
				SSLEngineResult result = client.unwrap(record, scratch);
				while (client.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
					client.getDelegatedTask().run();
				}
				if (!record.hasRemaining()) {
					toClient.remove(0);
				}
				else if (result.bytesConsumed() == 0) {
					// the client has something to send first
					break;
				}
			}
		}
	}

	private static boolean clientDone(SSLEngine client) {
		SSLEngineResult.HandshakeStatus status = client.getHandshakeStatus();
		return status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
				|| status == SSLEngineResult.HandshakeStatus.FINISHED;
	}

	private static SSLContext context(String keyStore, String trustStore) throws Exception {
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(load(keyStore), PASSWORD);
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(load(trustStore));
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
		return context;
	}

	private static KeyStore load(String resource) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = TlsSessionRecordsTests.class.getClassLoader().getResourceAsStream(resource)) {
			store.load(in, PASSWORD);
		}
		return store;
	}

}
