package io.tcpgateway.connection;

/**
 * Tells the errors the gateway must not carry on after from those of one connection's
 * work.
 *
 * <p>
 * The last-resort catches of the event loops, the handler pool and the sweeper keep their
 * thread serving whatever one connection's work throws, a stack overflow on a client's
 * deeply nested input included: that has unwound by the time it is caught. Any other
 * {@link VirtualMachineError} (out of memory, an internal error) leaves the JVM in a
 * state nothing can be trusted in, so those catches let it end the thread, and the
 * runnable application then exits, as {@code -XX:+ExitOnOutOfMemoryError} would have it.
 */
public final class FatalErrors {

	private FatalErrors() {
	}

	/**
	 * @return whether the JVM should not go on after this failure
	 */
	public static boolean isFatal(Throwable failure) {
		return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
	}

	/**
	 * Throw the failure again if the JVM should not go on after it; for the first line of
	 * a {@code catch (Throwable)}.
	 */
	public static void rethrowIfFatal(Throwable failure) {
		if (isFatal(failure)) {
			throw (VirtualMachineError) failure;
		}
	}

}
