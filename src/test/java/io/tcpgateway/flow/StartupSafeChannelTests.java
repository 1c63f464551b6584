package io.tcpgateway.flow;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.integration.MessageDispatchingException;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's channels let a second first send wait while an earlier one asks whether
 * the application runs, instead of letting it read the channel's "not running" mark of
 * that moment and be refused. The refusal itself needs an interleaving no test can force
 * (between two writes inside Spring Integration's check); these show that the sends that
 * could meet it take turns, and only through the check.
 */
class StartupSafeChannelTests {

	@Test
	void aSendWaitsWhileAnEarlierOneAsksWhetherTheApplicationRunsButNotWhileItIsHandled() throws InterruptedException {
		HeldRunningController controller = new HeldRunningController();
		try (GenericApplicationContext context = context(controller)) {
			StartupSafeChannel channel = channel(context);
			List<Object> received = new CopyOnWriteArrayList<>();
			CountDownLatch secondDelivered = new CountDownLatch(1);
			AtomicBoolean secondWhileFirstHandled = new AtomicBoolean();
			channel.subscribe((message) -> {
				if ("first".equals(message.getPayload())) {
					secondWhileFirstHandled.set(awaitQuietly(secondDelivered));
					received.add(message.getPayload());
				}
				else {
					// recorded before the first is let go, so the order is certain
					received.add(message.getPayload());
					secondDelivered.countDown();
				}
			});

			Thread first = daemon(() -> channel.send(new GenericMessage<>("first")));
			controller.holdQuestionOf(first);
			first.start();
			try {
				await().until(controller::isHolding);
				Thread second = daemon(() -> channel.send(new GenericMessage<>("second")));
				second.start();
				// parked on the channel's lock: without it, the second send would ask for
				// itself, be answered at once and be delivered while the first still asks
				await().until(() -> second.getState() == Thread.State.WAITING);
				assertThat(received).isEmpty();
				controller.answer();
				first.join(10_000);
				second.join(10_000);
			}
			finally {
				controller.answer();
			}

			// the lock is let go once the first has been found running, before its
			// message is handled: the second is handled meanwhile
			assertThat(secondWhileFirstHandled).isTrue();
			assertThat(received).containsExactly("second", "first");
			assertThat(channel.send(new GenericMessage<>("third"))).isTrue();
		}
	}

	@Test
	void aRefusedFirstSendLetsTheNextOneAsk() throws InterruptedException {
		HeldRunningController controller = new HeldRunningController();
		try (GenericApplicationContext context = context(controller)) {
			StartupSafeChannel channel = channel(context);
			channel.subscribe((message) -> {
			});
			context.stop();
			assertThatExceptionOfType(MessageDispatchingException.class)
				.isThrownBy(() -> channel.send(new GenericMessage<>("while stopped")));
			AtomicBoolean refused = new AtomicBoolean();
			Thread next = daemon(() -> {
				try {
					channel.send(new GenericMessage<>("still stopped"));
				}
				catch (MessageDispatchingException ex) {
					refused.set(true);
				}
			});
			next.start();
			next.join(10_000);
			assertThat(refused).isTrue();
			context.start();
			assertThat(channel.send(new GenericMessage<>("started again"))).isTrue();
		}
	}

	private static GenericApplicationContext context(HeldRunningController controller) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean(IntegrationContextUtils.APPLICATION_RUNNING_CONTROLLER_BEAN_NAME,
				HeldRunningController.class, () -> controller);
		context.refresh();
		return context;
	}

	private static StartupSafeChannel channel(GenericApplicationContext context) {
		StartupSafeChannel channel = new StartupSafeChannel();
		channel.setApplicationContext(context);
		return channel;
	}

	private static boolean awaitQuietly(CountDownLatch latch) {
		try {
			return latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
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
