package io.tcpgateway.flow;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's channels let a second first send wait while an earlier one asks whether
 * the application runs, instead of letting it read the channel's "not running" mark of
 * that moment and be refused. The refusal itself needs an interleaving no test can force
 * (between two writes inside Spring Integration's check); this shows the sends that could
 * meet it take turns.
 */
class StartupSafeChannelTests {

	@Test
	void aSendWaitsWhileAnEarlierOneAsksWhetherTheApplicationRuns() throws InterruptedException {
		HeldRunningController controller = new HeldRunningController();
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean(IntegrationContextUtils.APPLICATION_RUNNING_CONTROLLER_BEAN_NAME,
					HeldRunningController.class, () -> controller);
			context.refresh();
			StartupSafeChannel channel = new StartupSafeChannel();
			channel.setApplicationContext(context);
			List<Object> received = new CopyOnWriteArrayList<>();
			channel.subscribe((message) -> received.add(message.getPayload()));

			Thread first = daemon(() -> channel.send(new GenericMessage<>("first")));
			controller.holdQuestionOf(first);
			first.start();
			try {
				await().until(controller::isHolding);
				Thread second = daemon(() -> channel.send(new GenericMessage<>("second")));
				second.start();
				// parked on the channel's lock: without it, the second send would ask for
				// itself, be answered at once and be delivered before the first
				await().until(() -> second.getState() == Thread.State.WAITING);
				controller.answer();
				first.join(10_000);
				second.join(10_000);
			}
			finally {
				controller.answer();
			}

			// each dispatches once past the check, in either order
			assertThat(received).containsExactlyInAnyOrder("first", "second");
			assertThat(channel.send(new GenericMessage<>("third"))).isTrue();
			assertThat(received).hasSize(3).endsWith("third");
		}
	}

	private static Thread daemon(Runnable task) {
		Thread thread = new Thread(task);
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * Spring Integration's running controller, whose answer to one thread's question
	 * waits until the test lets it go.
	 */
	static final class HeldRunningController implements SmartLifecycle {

		private volatile boolean running;

		private final CountDownLatch answered = new CountDownLatch(1);

		private volatile Thread asking;

		private volatile boolean holding;

		void holdQuestionOf(Thread thread) {
			this.asking = thread;
		}

		boolean isHolding() {
			return this.holding;
		}

		void answer() {
			this.answered.countDown();
		}

		@Override
		public boolean isRunning() {
			if (Thread.currentThread() == this.asking) {
				this.asking = null;
				this.holding = true;
				try {
					this.answered.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return this.running;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public int getPhase() {
			return Integer.MIN_VALUE;
		}

	}

}
