package io.tcpgateway.connection.nio;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

import io.tcpgateway.testing.RunningGateway;
import io.tcpgateway.testing.TlsClients;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replies to one read of a TLS connection leave sealed together, in as few records as
 * their size allows (as Netty's handler wraps one flush), still in the order the engine
 * made them when the client updates its keys between two requests of that read, and are
 * still sent when the client's close_notify ends that read. The client is an
 * {@link SSLEngine} over a plain socket, so the test sees the records themselves.
 */
class TlsReplySealingTests {

	private static final String[] BUNDLE = { "spring.ssl.bundle.jks.gateway.keystore.location=classpath:tls/server.p12",
			"spring.ssl.bundle.jks.gateway.keystore.password=changeit",
			"spring.ssl.bundle.jks.gateway.keystore.type=PKCS12", "tcp-gateway.ssl.bundle=gateway",
			"tcp-gateway.io-mode=nio" };

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "openssl" })
	@Timeout(60)
	void theRepliesToOneReadLeaveInOneRecord(String provider) throws Exception {
		try (RunningGateway gateway = start(provider); RecordClient client = new RecordClient(gateway.port())) {
			client.write(client.seal(lines(0, 16)));

			Replies replies = client.readReplies(16);

			assertThat(replies.text()).isEqualTo(lines(0, 16));
			// one each before; 16 short lines fit one record
			assertThat(replies.records()).isLessThan(16);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "openssl" })
	@Timeout(60)
	void aKeyUpdateBetweenTwoRequestsOfOneReadKeepsTheRecordsInOrder(String provider) throws Exception {
		try (RunningGateway gateway = start(provider); RecordClient client = new RecordClient(gateway.port())) {
			ByteBuffer first = client.seal(lines(0, 8));
			// TLS 1.3: the JDK's engine asks for a KeyUpdate, which the server answers
			// with its own, among the replies to the first requests
			client.engine.beginHandshake();
			ByteBuffer keyUpdate = client.seal("");
			ByteBuffer second = client.seal(lines(8, 16));
			ByteBuffer together = ByteBuffer.allocate(first.remaining() + keyUpdate.remaining() + second.remaining());
			together.put(first).put(keyUpdate).put(second).flip();
			client.write(together);

			Replies replies = client.readReplies(16);

			assertThat(replies.text()).isEqualTo(lines(0, 16));
			// and the connection goes on under the new keys
			client.write(client.seal(lines(16, 17)));
			assertThat(client.readReplies(1).text()).isEqualTo(lines(16, 17));
		}
	}

	@ParameterizedTest
	@CsvSource({ "jdk, TLSv1.3", "jdk, TLSv1.2", "openssl, TLSv1.3", "openssl, TLSv1.2" })
	@Timeout(60)
	void aClientThatSendsItsLastRequestsAndCloseNotifyInOneWriteGetsTheReplies(String provider, String protocol)
			throws Exception {
		try (RunningGateway gateway = start(provider);
				RecordClient client = new RecordClient(gateway.port(), protocol)) {
			ByteBuffer requests = client.seal(lines(0, 8));
			// close_notify closes OpenSSL's engine (and the JDK's on TLS 1.2) both ways
			client.engine.closeOutbound();
			ByteBuffer closeNotify = client.seal("");
			ByteBuffer together = ByteBuffer.allocate(requests.remaining() + closeNotify.remaining());
			together.put(requests).put(closeNotify).flip();
			client.write(together);

			assertThat(client.readReplies(8).text()).isEqualTo(lines(0, 8));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "openssl" })
	@Timeout(60)
	void bytesNoEngineCanFrameAsARecordCloseTheConnectionInsteadOfPilingUp(String provider) throws Exception {
		try (RunningGateway gateway = start(provider); RecordClient client = new RecordClient(gateway.port())) {
			// a header that announces 3 bytes, which OpenSSL's binding reads as an SSLv2
			// record of another length, then a stream of bytes
			byte[] junk = new byte[4096];
			java.util.Arrays.fill(junk, (byte) 'x');
			try {
				client.out.write(new byte[] { 0x17, 0, 0, 0, 3 });
				for (int i = 0; i < 64; i++) {
					client.out.write(junk);
				}
			}
			catch (java.io.IOException closedAlready) {
				// the gateway may close before all of it is written
			}
			assertThat(client.endsWithin()).isTrue();
		}
	}

	private static RunningGateway start(String provider) {
		String[] properties = new String[BUNDLE.length + 1];
		System.arraycopy(BUNDLE, 0, properties, 0, BUNDLE.length);
		properties[BUNDLE.length] = "tcp-gateway.ssl.provider=" + provider;
		return RunningGateway.start(properties);
	}

	private static String lines(int from, int to) {
		StringBuilder lines = new StringBuilder();
		for (int i = from; i < to; i++) {
			lines.append("line-").append(i).append("\r\n");
		}
		return lines.toString();
	}

	/**
	 * @param text the replies' bytes, decrypted
	 * @param records the records that held application bytes
	 */
	private record Replies(String text, int records) {
	}

	/** A TLS 1.3 client that reads and decrypts record by record. */
	private static final class RecordClient implements AutoCloseable {

		private final Socket socket;

		private final DataInputStream in;

		private final OutputStream out;

		private final SSLEngine engine;

		private final ByteBuffer plaintext;

		RecordClient(int port) throws Exception {
			this(port, "TLSv1.3");
		}

		RecordClient(int port, String protocol) throws Exception {
			this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
			this.socket.setSoTimeout(20_000);
			this.in = new DataInputStream(this.socket.getInputStream());
			this.out = this.socket.getOutputStream();
			this.engine = TlsClients.clientContext("TLS").createSSLEngine("localhost", port);
			this.engine.setUseClientMode(true);
			this.engine.setEnabledProtocols(new String[] { protocol });
			this.plaintext = ByteBuffer.allocate(this.engine.getSession().getApplicationBufferSize());
			handshake();
		}

		private void handshake() throws Exception {
			this.engine.beginHandshake();
			while (true) {
				HandshakeStatus status = this.engine.getHandshakeStatus();
				switch (status) {
					case NEED_WRAP -> write(seal(""));
					case NEED_UNWRAP -> unwrap(readRecord());
					case NEED_TASK -> this.engine.getDelegatedTask().run();
					default -> {
						return;
					}
				}
			}
		}

		/**
		 * @return the records for {@code text} (or the handshake's output for none)
		 */
		ByteBuffer seal(String text) throws Exception {
			ByteBuffer source = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
			ByteBuffer records = ByteBuffer.allocate(4 * this.engine.getSession().getPacketBufferSize());
			SSLEngineResult result;
			do {
				result = this.engine.wrap(source, records);
			}
			while (result.getStatus() == SSLEngineResult.Status.OK
					&& (source.hasRemaining() || this.engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP));
			assertThat(source.hasRemaining()).isFalse();
			return records.flip();
		}

		void write(ByteBuffer bytes) throws Exception {
			this.out.write(bytes.array(), bytes.position(), bytes.remaining());
			this.out.flush();
		}

		/**
		 * Read records until {@code count} lines have come, counting the records that
		 * held them.
		 */
		Replies readReplies(int count) throws Exception {
			StringBuilder text = new StringBuilder();
			int records = 0;
			while (text.chars().filter((c) -> c == '\n').count() < count) {
				String decrypted = unwrap(readRecord());
				if (!decrypted.isEmpty()) {
					records++;
					text.append(decrypted);
				}
			}
			return new Replies(text.toString(), records);
		}

		/**
		 * @return whether the gateway closed the connection: its end of stream or a
		 * reset, after at most an alert
		 */
		boolean endsWithin() throws Exception {
			try {
				byte[] buffer = new byte[1024];
				for (int read = 0; read < 64 * 1024;) {
					int n = this.in.read(buffer);
					if (n < 0) {
						return true;
					}
					read += n;
				}
				return false;
			}
			catch (java.net.SocketException reset) {
				return true;
			}
		}

		private ByteBuffer readRecord() throws Exception {
			byte[] header = new byte[5];
			this.in.readFully(header);
			int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
			byte[] record = new byte[5 + length];
			System.arraycopy(header, 0, record, 0, 5);
			this.in.readFully(record, 5, length);
			return ByteBuffer.wrap(record);
		}

		/**
		 * @return the application bytes the record held
		 */
		private String unwrap(ByteBuffer record) throws Exception {
			StringBuilder text = new StringBuilder();
			while (record.hasRemaining()) {
				this.plaintext.clear();
				SSLEngineResult result = this.engine.unwrap(record, this.plaintext);
				assertThat(result.getStatus()).isEqualTo(SSLEngineResult.Status.OK);
				this.plaintext.flip();
				text.append(StandardCharsets.US_ASCII.decode(this.plaintext));
				while (this.engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
					this.engine.getDelegatedTask().run();
				}
				if (this.engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP
						&& result.getHandshakeStatus() != HandshakeStatus.FINISHED) {
					// a key update the server asked for, answered at once
					write(seal(""));
				}
			}
			return text.toString();
		}

		@Override
		public void close() throws Exception {
			this.socket.close();
		}

	}

}
