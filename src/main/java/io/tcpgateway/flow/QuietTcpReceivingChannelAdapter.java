package io.tcpgateway.flow;

import java.util.concurrent.atomic.LongAdder;

import io.micrometer.observation.ObservationRegistry;
import io.tcpgateway.connection.FrameMessage;

import org.springframework.integration.ip.tcp.connection.AbstractConnectionFactory;
import org.springframework.integration.ip.tcp.inbound.TcpReceivingChannelAdapter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.support.ErrorMessage;

/**
 * The TCP inbound adapter, handing each frame to its channel without reading the frame's
 * headers, so that a {@link FrameMessage}'s headers are made only if the flow reads them.
 *
 * <p>
 * Spring Integration's adapter reads every message's {@code ip_connectionId} header after
 * sending it (to close single-use connections) and its messaging template checks every
 * message for timeout headers. The gateway's connections are never single-use and its
 * frames never carry those headers, so a frame is sent straight to the channel, the
 * adapter's error channel (if any) told of failures, as the adapter itself would. Message
 * history needs the headers: with it on, the adapter's own way is taken.
 *
 * <p>
 * Never observed by Spring Integration, for the reason given on
 * {@link QuietDirectChannel#registerObservationRegistry}: the request
 * ({@code tcp.gateway.request}) is the root of its trace.
 */
final class QuietTcpReceivingChannelAdapter extends TcpReceivingChannelAdapter {

	/**
	 * Frames being sent by this adapter's own way; their count delays shutdown. Every
	 * event loop counts each frame, and only shutdown reads the sum: an adder keeps the
	 * loops off one contended word.
	 */
	private final LongAdder active = new LongAdder();

	private volatile boolean shuttingDown;

	private volatile boolean singleUse;

	private volatile boolean tracked;

	QuietTcpReceivingChannelAdapter(AbstractConnectionFactory connectionFactory, MessageChannel outputChannel) {
		setConnectionFactory(connectionFactory);
		setOutputChannel(outputChannel);
	}

	@Override
	public void setConnectionFactory(AbstractConnectionFactory connectionFactory) {
		super.setConnectionFactory(connectionFactory);
		this.singleUse = connectionFactory.isSingleUse();
	}

	@Override
	public void setShouldTrack(boolean shouldTrack) {
		super.setShouldTrack(shouldTrack);
		this.tracked = shouldTrack;
	}

	@Override
	public void onMessage(Message<?> message) {
		if (this.singleUse || this.tracked) {
			super.onMessage(message);
			return;
		}
		// socket errors come here too, for a waiting thread: there is none, as in the
		// adapter's own way
		if (message instanceof ErrorMessage) {
			return;
		}
		if (this.shuttingDown) {
			logger.info(() -> "Inbound message ignored; shutting down; " + message);
			return;
		}
		this.active.increment();
		try {
			MessageChannel channel = getRequiredOutputChannel();
			if (!channel.send(message)) {
				// as the adapter's messaging template: an interceptor that refused the
				// frame fails it
				throw new MessageDeliveryException(message, "Failed to send message to channel '" + channel + "'");
			}
		}
		catch (RuntimeException ex) {
			if (!sendErrorMessageIfNecessary(message, ex)) {
				throw ex;
			}
		}
		finally {
			this.active.decrement();
		}
	}

	@Override
	public void registerObservationRegistry(ObservationRegistry observationRegistry) {
		// unobserved: the request is the root of its trace
	}

	@Override
	protected void doStart() {
		this.shuttingDown = false;
		super.doStart();
	}

	@Override
	public int beforeShutdown() {
		this.shuttingDown = true;
		return super.beforeShutdown() + activeFrames();
	}

	@Override
	public int afterShutdown() {
		return super.afterShutdown() + activeFrames();
	}

	private int activeFrames() {
		return (int) Math.min(this.active.sum(), Integer.MAX_VALUE);
	}

}
