package io.tcpgateway.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.test.system.CapturedOutput;

import static org.awaitility.Awaitility.await;

/**
 * The captured output once every line logged so far has reached it: the gateway's
 * appender writes on a thread of its own, so a line logged a moment ago may not be there
 * yet.
 */
public final class LogLines {

	private static final Log logger = LogFactory.getLog(LogLines.class);

	private static final AtomicLong markers = new AtomicLong();

	private LogLines() {
	}

	/**
	 * Logs a marker and waits until it is in the output: lines are written in the order
	 * they were logged, so every line logged before this call is there too.
	 * @return the output, for assertions
	 */
	public static CapturedOutput settled(CapturedOutput output) {
		String marker = "log settled, marker " + markers.incrementAndGet() + " of " + ProcessHandle.current().pid();
		logger.info(marker);
		await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().contains(marker));
		return output;
	}

}
