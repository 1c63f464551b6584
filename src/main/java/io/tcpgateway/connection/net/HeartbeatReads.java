package io.tcpgateway.connection.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.connection.ConnectionSession;
import io.tcpgateway.connection.Heartbeat;

/**
 * A blocking connection's reads with heartbeats on: a read waits no longer than until the
 * next heartbeat is due, and the reading thread writes it, as it writes its replies.
 */
final class HeartbeatReads {

	private final NetConnection connection;

	private final Socket socket;

	private final ConnectionSession session;

	private final Heartbeat heartbeat;

	HeartbeatReads(NetConnection connection, Socket socket, ConnectionSession session, Heartbeat heartbeat) {
		this.connection = connection;
		this.socket = socket;
		this.session = session;
		this.heartbeat = heartbeat;
	}

	/**
	 * Read what the client sends, writing the heartbeats that fall due meanwhile.
	 * @return the bytes read, or -1 at the end of the stream
	 */
	int read(InputStream input, byte[] buffer, int limit) throws IOException {
		while (true) {
			long due = this.heartbeat.nanosUntilDue(this.session, System.nanoTime());
			if (due <= 0) {
				if (this.heartbeat.sendIfDue(this.connection, System.nanoTime())) {
					continue;
				}
				// not sent (closing): look again an interval later
				due = this.heartbeat.interval().toNanos();
			}
			this.socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(due)));
			try {
				return input.read(buffer, 0, limit);
			}
			catch (SocketTimeoutException ex) {
				// quiet for the interval: the heartbeat is due
			}
		}
	}

}
