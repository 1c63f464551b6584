package io.tcpgateway.connection.nio;

import java.net.Socket;

import javax.net.ssl.SSLException;

import io.tcpgateway.connection.ConnectionCollaborators;
import io.tcpgateway.connection.ConnectionSettings;
import io.tcpgateway.tls.TlsSession;

/**
 * What every NIO connection shares: the transport-independent settings and the I/O
 * buffers of the threads that read and write.
 *
 * @param connection what connections of both transports share
 * @param readBuffers one buffer per reading thread
 * @param writeBuffers one direct buffer per writing thread, into which queued replies are
 * coalesced
 */
public record NioSettings(ConnectionSettings connection, ConnectionCollaborators collaborators,
		ThreadBuffers readBuffers, ThreadBuffers writeBuffers) {

	/** Bytes taken from a socket in one read; frames may be longer and span reads. */
	public static final int READ_BUFFER_SIZE = 64 * 1024;

	/** Bytes of queued replies copied into one direct buffer for one write. */
	static final int WRITE_BUFFER_SIZE = 64 * 1024;

	/**
	 * @param directReads read into direct (off-heap) buffers, which spares the JDK a copy
	 * of each read
	 */
	public static NioSettings of(ConnectionSettings connection, ConnectionCollaborators collaborators,
			boolean directReads) {
		return new NioSettings(connection, collaborators, new ThreadBuffers(READ_BUFFER_SIZE, directReads),
				new ThreadBuffers(WRITE_BUFFER_SIZE, true));
	}

	/**
	 * @return the TLS layer of a connection just accepted, or {@code null} for plain TCP
	 */
	TlsSession newTlsSession(Socket socket) {
		if (this.connection.tls() == null) {
			return null;
		}
		try {
			return this.connection.tls().newSession(socket.getInetAddress().getHostAddress(), socket.getPort());
		}
		catch (SSLException ex) {
			throw new IllegalStateException("Cannot start TLS", ex);
		}
	}

}
