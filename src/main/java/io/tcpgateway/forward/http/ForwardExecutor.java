package io.tcpgateway.forward.http;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.tcpgateway.connection.GatewayThreadFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the blocking HTTP calls, off the connections' threads, on at most
 * {@code max-concurrency} threads named {@code tcp-gateway-forward-http-}, a pool made by
 * {@link #start()}, each thread started when first needed and ended after a minute idle.
 * Each request counts against the gateway's {@link ConcurrencyLimit} from the moment it
 * is handed over until its call has ended and its reply or failure has been delivered, so
 * reading pauses while that many are open.
 *
 * <p>
 * What bounds the queue in front of the threads: every task in it holds one of the
 * limit's counts, and once the limit is reached no connection is read, so only the frames
 * of reads already under way then may still queue (one read per connection at a time,
 * each of at most one read buffer; in {@code net} mode, a connection's thread already
 * waiting in a read counts as under way). Its capacity is the gateway's own ceiling on
 * open requests, {@code max-connections} times {@code handler.max-in-flight}; should it
 * ever be full, the request fails as {@code handler.on-error} says instead of the queue
 * growing. The thread count never grows past {@code max-concurrency}.
 *
 * <p>
 * The observation current where a request is handed over (its
 * {@code tcp.gateway.request}) is current again while its call runs, so that the HTTP
 * client's observation, and the {@code traceparent} it sends, are the request's children.
 *
 * <p>
 * On Java 21 and later, with {@code spring.threads.virtual.enabled=true}, these could be
 * virtual threads (Spring's {@code SimpleAsyncTaskExecutor#setVirtualThreads}); the limit
 * would still bound the calls. Platform threads are kept here: the build targets Java 17,
 * and {@code SimpleAsyncTaskExecutor}'s own concurrency limit blocks the submitting
 * thread, which must never be a connection's.
 */
final class ForwardExecutor implements SmartLifecycle {

	private final ConcurrencyLimit limit;

	private final int maxConcurrency;

	private final int queueCapacity;

	private final ObservationRegistry observations;

	/** Made by {@link #start()}. */
	private volatile ThreadPoolExecutor threads;

	/**
	 * @param queueCapacity the most requests that may wait for a thread
	 */
	ForwardExecutor(ConcurrencyLimit limit, int maxConcurrency, int queueCapacity, ObservationRegistry observations) {
		this.limit = limit;
		this.observations = observations;
		this.maxConcurrency = maxConcurrency;
		this.queueCapacity = queueCapacity;
	}

	@Override
	public void start() {
		ThreadPoolExecutor threads = new ReusingThreadPool(this.maxConcurrency, this.queueCapacity,
				GatewayThreadFactory.platform("tcp-gateway-forward-http-", false));
		this.threads = threads;
	}

	/**
	 * Not an {@code Executor} bean itself, which would turn off Spring Boot's
	 * {@code applicationTaskExecutor}: the flow takes this method as its executor.
	 */
	void execute(Runnable call) {
		this.limit.acquire();
		try {
			ThreadPoolExecutor threads = this.threads;
			if (threads == null) {
				throw new RejectedExecutionException("The HTTP bridge's threads are not started");
			}
			Observation caller = this.observations.getCurrentObservation();
			threads.execute(() -> {
				try {
					runAs(caller, call);
				}
				finally {
					this.limit.release();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.limit.release();
			throw ex;
		}
	}

	private static void runAs(Observation caller, Runnable call) {
		if (caller == null) {
			call.run();
			return;
		}
		try (Observation.Scope scope = caller.openScope()) {
			call.run();
		}
	}

	@Override
	public void stop() {
		ThreadPoolExecutor threads = this.threads;
		this.threads = null;
		if (threads != null) {
			threads.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.threads != null;
	}

	@Override
	public int getPhase() {
		return ForwardHttpClient.PHASE;
	}

}
