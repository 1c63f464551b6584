package io.tcpgateway.flow;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.MessageChannel;

/**
 * Settles the gateway's channels ({@link QuietDirectChannel#settle()}) after Spring
 * Integration's running controller has started and before the inbound adapter starts the
 * listener ({@code Integer.MAX_VALUE / 2}); again on every start of the context.
 */
final class ChannelSettling implements SmartLifecycle {

	private final List<QuietDirectChannel> channels;

	private volatile boolean running;

	ChannelSettling(MessageChannel... channels) {
		// a channel the application replaced is not the gateway's to settle
		this.channels = Stream.of(channels)
			.filter(QuietDirectChannel.class::isInstance)
			.map(QuietDirectChannel.class::cast)
			.toList();
	}

	@Override
	public void start() {
		this.channels.forEach(QuietDirectChannel::settle);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// with the handler selection: after the running controller (Integer.MIN_VALUE),
		// before the listener (Integer.MAX_VALUE / 2)
		return Integer.MAX_VALUE / 2 - 1;
	}

}
