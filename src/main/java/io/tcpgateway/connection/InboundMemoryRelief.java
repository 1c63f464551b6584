package io.tcpgateway.connection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.limits.MemoryBudget;
import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.LogFactory;

/**
 * While the gateway holds its whole budget of incomplete frames for a while, the
 * connections holding them are paused, so none of those frames can complete: this closes
 * the connections holding the largest until a quarter of the budget is free, so that the
 * rest can be read again. The sweeper's thread only.
 */
final class InboundMemoryRelief {

	/**
	 * How long the inbound budget may stay exhausted, every connection holding part of a
	 * frame paused, before the largest are closed to make room.
	 */
	static final long MEMORY_STUCK_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final ConnectionRegistry registry;

	private final MemoryBudget inboundBudget;

	private final RateLimitedLog memoryWarnings = new RateLimitedLog(LogFactory.getLog(ConnectionSweeper.class));

	/** Since when the inbound budget has been exhausted, 0 when it has room. */
	private long exhaustedSinceNanos;

	InboundMemoryRelief(ConnectionRegistry registry, MemoryBudget inboundBudget) {
		this.registry = registry;
		this.inboundBudget = inboundBudget;
	}

	/** Look at the budget, on each sweep. */
	void sweep(long now) {
		if (!this.inboundBudget.isExhausted()) {
			this.exhaustedSinceNanos = 0;
		}
		else if (this.exhaustedSinceNanos == 0) {
			this.exhaustedSinceNanos = now;
		}
		else if (now - this.exhaustedSinceNanos > MEMORY_STUCK_NANOS) {
			closeLargestHolders();
			// counted afresh: closes again a second later if the rest fill it again
			this.exhaustedSinceNanos = now;
		}
	}

	private void closeLargestHolders() {
		// sizes taken once: reading threads change them while the list is sorted
		List<Holder> stuck = new ArrayList<>();
		for (Connection connection : this.registry.live()) {
			long held = connection.session().incompleteFrame().heldBytes();
			if (held > 0) {
				stuck.add(new Holder(connection, held));
			}
		}
		stuck.sort(Comparator.comparingLong(Holder::held).reversed());
		long heldBefore = this.inboundBudget.held();
		int closed = 0;
		for (Holder holder : stuck) {
			if (this.inboundBudget.isBelowLowWater()) {
				break;
			}
			holder.connection().close(CloseReason.MEMORY, CloseMode.NOW);
			closed++;
		}
		if (closed > 0) {
			int count = closed;
			this.memoryWarnings.warn((times) -> "Incomplete frames held " + heldBefore + " bytes, over the budget of "
					+ this.inboundBudget.limit() + " bytes (" + this.inboundBudget.property() + "): closed " + count
					+ " connection(s) holding the largest");
		}
	}

	/** A connection holding part of a frame, and how much when the sweep looked. */
	private record Holder(Connection connection, long held) {
	}

}
