package io.tcpgateway.connection;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A reason for the gateway to read no connection at all for a while, such as a backend
 * holding as many requests as it may: a feature contributes one as a bean, and the
 * connections of both I/O modes consult them together before each read, through each
 * one's {@link ConnectionReadGate}, besides its own reasons (requests in flight, replies
 * waiting, a budget, a rate).
 */
public interface ReadGate {

	/** Never shut. */
	ReadGate OPEN = new ReadGate() {

		@Override
		public boolean isShut() {
			return false;
		}

		@Override
		public void awaitOpen(long timeout, TimeUnit unit) {
		}

	};

	/**
	 * @return whether no connection should be read now
	 */
	boolean isShut();

	/**
	 * For a blocking connection: wait until the gate opens, or for at most the timeout
	 * (the caller checks again whether its connection is still open).
	 */
	void awaitOpen(long timeout, TimeUnit unit) throws InterruptedException;

	/**
	 * @return a gate shut while any of these is
	 */
	static ReadGate allOf(List<? extends ReadGate> gates) {
		if (gates.isEmpty()) {
			return OPEN;
		}
		if (gates.size() == 1) {
			return gates.get(0);
		}
		List<ReadGate> all = List.copyOf(gates);
		return new ReadGate() {

			@Override
			public boolean isShut() {
				for (ReadGate gate : all) {
					if (gate.isShut()) {
						return true;
					}
				}
				return false;
			}

			@Override
			public void awaitOpen(long timeout, TimeUnit unit) throws InterruptedException {
				for (ReadGate gate : all) {
					if (gate.isShut()) {
						gate.awaitOpen(timeout, unit);
						return;
					}
				}
			}

		};
	}

}
