package io.tcpgateway.forward.tcp;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.connection.GatewayThreadFactory;

/**
 * The upstream client's threads, all bounded and named {@code tcp-gateway-forward-*}: the
 * factory's executor runs the selector loop and the reads ({@code -io-}, 3 threads);
 * assembling frames and handing them on runs on {@code -assembler-}
 * ({@code forward.tcp.threads}), where a frame still arriving holds a thread; connection
 * attempts, which Spring Integration makes by polling the socket for up to the connect
 * timeout, run on {@code -connect-} (2 threads, a bounded number of attempts waiting for
 * them). Their queues hold at most a task or two per live connection. Made by the
 * client's start, each thread by the first task that needs it.
 */
final class UpstreamThreads {

	/** Selector loop plus two reading threads: reads only copy bytes into a pipe. */
	private static final int IO_THREADS = 3;

	private static final int CONNECT_THREADS = 2;

	final ExecutorService io;

	final ExecutorService assemblers;

	final ThreadPoolExecutor connects;

	UpstreamThreads(int assemblerThreads, int maxConnectsWaiting) {
		this.io = fixedPool(IO_THREADS, "tcp-gateway-forward-io-", new LinkedBlockingQueue<>());
		this.assemblers = fixedPool(assemblerThreads, "tcp-gateway-forward-assembler-", new LinkedBlockingQueue<>());
		this.connects = fixedPool(CONNECT_THREADS, "tcp-gateway-forward-connect-",
				new LinkedBlockingQueue<>(maxConnectsWaiting));
	}

	private static ThreadPoolExecutor fixedPool(int threads, String prefix, BlockingQueue<Runnable> queue) {
		return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, queue,
				GatewayThreadFactory.platform(prefix, true));
	}

	void shutdownNow() {
		this.connects.shutdownNow();
		this.assemblers.shutdownNow();
		this.io.shutdownNow();
	}

}
