package io.tcpgateway;

import io.tcpgateway.connection.FatalErrors;

/**
 * Ends the process when a thread dies of an error the JVM cannot go on after, out of
 * memory above all, as {@code -XX:+ExitOnOutOfMemoryError} does for an image started with
 * it: {@code java -jar} has no JVM flags, and a gateway that lost an event loop or a pool
 * thread to such an error would go on half-dead. A supervisor restarts it; a stack
 * overflow, handled where it happens, is not fatal.
 */
final class FatalErrorExit {

	/** The status {@code -XX:+ExitOnOutOfMemoryError} exits with. */
	static final int STATUS = 3;

	/** How long the last words may take: standard error may be a pipe nobody reads. */
	private static final long REPORT_MILLIS = 1000;

	private FatalErrorExit() {
	}

	static void install() {
		Thread.UncaughtExceptionHandler others = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
			if (FatalErrors.isFatal(failure)) {
				exit(thread, failure);
			}
			else if (others != null) {
				others.uncaughtException(thread, failure);
			}
			else {
				thread.getThreadGroup().uncaughtException(thread, failure);
			}
		});
	}

	private static void exit(Thread thread, Throwable failure) {
		try {
			// not through the log: its queue and thread may need memory there is none of
			Thread report = new Thread(() -> System.err.println("Terminating due to " + failure + " in thread \""
					+ thread.getName() + "\" (tcp-gateway exits as with -XX:+ExitOnOutOfMemoryError)"));
			report.setDaemon(true);
			report.start();
			report.join(REPORT_MILLIS);
		}
		catch (Throwable ex) {
			// no thread to report with: exit all the same
		}
		finally {
			Runtime.getRuntime().halt(STATUS);
		}
	}

}
