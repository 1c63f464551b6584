package io.tcpgateway.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tcpgateway.TcpGatewayApplication;

import static org.awaitility.Awaitility.await;

/**
 * The gateway as a process of its own, as operators run it: for signals, for a heap of
 * its own size, and for memory, thread and file-descriptor figures that the test's own
 * JVM would blur. For behaviour over sockets, {@link RunningGateway} is quicker.
 */
public final class GatewayProcess implements AutoCloseable {

	private static final Pattern LISTENING = Pattern.compile("TCP gateway listening on \\*:(\\d+)");

	private static final Pattern HTTP_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private final Process process;

	private final Path log;

	private final int port;

	private GatewayProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
		int found;
		try {
			found = await().atMost(Duration.ofSeconds(60))
				.until(this::listeningPort, port -> port > 0 || !process.isAlive());
		}
		catch (RuntimeException | Error ex) {
			// not listening in time: the caller never gets the process to close
			process.destroyForcibly();
			throw ex;
		}
		if (found <= 0) {
			throw new IllegalStateException("Gateway did not start:\n" + log());
		}
		this.port = found;
	}

	/**
	 * Start the application's main class on free ports, with the test's class path.
	 * @param workDir where it runs and logs
	 * @param args extra command-line arguments
	 */
	public static GatewayProcess start(Path workDir, String... args) {
		List<String> all = new ArrayList<>(List.of("--tcp-gateway.port=0", "--server.port=0"));
		all.addAll(List.of(args));
		return startWith(workDir, all);
	}

	/**
	 * Start the application's main class with exactly these arguments (ports included).
	 */
	public static GatewayProcess startWith(Path workDir, List<String> args) {
		return startWith(workDir, List.of(), args);
	}

	/**
	 * Start the application's main class on free ports in a JVM of the given heap, as a
	 * container would size it.
	 * @param maxHeap the JVM's {@code -Xmx}, such as {@code 256m}
	 */
	public static GatewayProcess startWithHeap(Path workDir, String maxHeap, String... args) {
		List<String> all = new ArrayList<>(List.of("--tcp-gateway.port=0", "--server.port=0"));
		all.addAll(List.of(args));
		return startWith(workDir, List.of("-Xmx" + maxHeap), all);
	}

	/**
	 * Start the application's main class on free ports with these JVM options.
	 */
	public static GatewayProcess startWithJvmOptions(Path workDir, List<String> jvmOptions, String... args) {
		List<String> all = new ArrayList<>(List.of("--tcp-gateway.port=0", "--server.port=0"));
		all.addAll(List.of(args));
		return startWith(workDir, jvmOptions, all);
	}

	/**
	 * Start the application's main class on free ports on another JVM, with the test's
	 * class path (Java 17 bytecode, so any JVM from 17 on).
	 * @param java the {@code java} launcher
	 */
	public static GatewayProcess startOn(Path java, Path workDir, String... args) {
		List<String> all = new ArrayList<>(List.of("--tcp-gateway.port=0", "--server.port=0"));
		all.addAll(List.of(args));
		return startWith(java, workDir, List.of(), all);
	}

	/**
	 * Start the application's main class on free ports with its standard output and error
	 * going to pipes nobody reads, as under a supervisor whose reader has died: once a
	 * pipe is full, whatever writes to it waits. The log is read from a file of its own
	 * ({@code logging.file.name}).
	 */
	public static GatewayProcess startWithUnreadOutput(Path workDir, String... args) {
		Path log = workDir.resolve("gateway-" + System.nanoTime() + ".log");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), TcpGatewayApplication.class.getName(),
						"--spring.main.banner-mode=off", "--tcp-gateway.port=0", "--server.port=0",
						"--logging.file.name=" + log));
		command.addAll(List.of(args));
		try {
			// the default redirects are pipes; their other ends are never read
			return new GatewayProcess(new ProcessBuilder(command).directory(workDir.toFile()).start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Start another application's main class, one that takes the gateway as a dependency,
	 * on free ports with the test's class path.
	 * @param mainClass the application's class with a {@code main} method
	 */
	public static GatewayProcess startApplication(Class<?> mainClass, Path workDir, String... args) {
		List<String> all = new ArrayList<>(List.of("--tcp-gateway.port=0", "--server.port=0"));
		all.addAll(List.of(args));
		return startWith(Path.of(System.getProperty("java.home"), "bin", "java"), mainClass, workDir, List.of(), all);
	}

	/**
	 * Start the application's main class on free ports with the test's class path less
	 * the entries the filter drops, as a host without those libraries would run it.
	 * @param keep whether a class path entry (a jar's or a directory's path) stays
	 */
	public static GatewayProcess startWithClassPath(Path workDir, Predicate<String> keep, String... args) {
		List<String> all = new ArrayList<>(List.of("--tcp-gateway.port=0", "--server.port=0"));
		all.addAll(List.of(args));
		String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter(keep)
			.collect(Collectors.joining(File.pathSeparator));
		return startWith(Path.of(System.getProperty("java.home"), "bin", "java"), classPath,
				TcpGatewayApplication.class, workDir, List.of(), all);
	}

	private static GatewayProcess startWith(Path workDir, List<String> jvmOptions, List<String> args) {
		return startWith(Path.of(System.getProperty("java.home"), "bin", "java"), workDir, jvmOptions, args);
	}

	private static GatewayProcess startWith(Path java, Path workDir, List<String> jvmOptions, List<String> args) {
		return startWith(java, TcpGatewayApplication.class, workDir, jvmOptions, args);
	}

	private static GatewayProcess startWith(Path java, Class<?> mainClass, Path workDir, List<String> jvmOptions,
			List<String> args) {
		return startWith(java, System.getProperty("java.class.path"), mainClass, workDir, jvmOptions, args);
	}

	private static GatewayProcess startWith(Path java, String classPath, Class<?> mainClass, Path workDir,
			List<String> jvmOptions, List<String> args) {
		Path log = workDir.resolve("gateway-" + System.nanoTime() + ".log");
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classPath, mainClass.getName(), "--spring.main.banner-mode=off"));
		command.addAll(args);
		try {
			Process process = new ProcessBuilder(command).directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new GatewayProcess(process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return the process id, for figures read from {@code /proc}
	 */
	public long pid() {
		return this.process.pid();
	}

	public int port() {
		return this.port;
	}

	/**
	 * @return the HTTP port of Actuator
	 */
	public int httpPort() {
		Matcher matcher = HTTP_PORT.matcher(log());
		if (!matcher.find()) {
			throw new IllegalStateException("No HTTP port in the log:\n" + log());
		}
		return Integer.parseInt(matcher.group(1));
	}

	/** Send SIGTERM. */
	public void terminate() {
		this.process.destroy();
	}

	/**
	 * @return the exit status, waiting at most a minute
	 */
	public int awaitExit() throws InterruptedException {
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Gateway did not exit:\n" + log());
		}
		return this.process.exitValue();
	}

	/**
	 * @return resident memory of the process, in kilobytes
	 */
	public long residentKilobytes() {
		return statusField("VmRSS");
	}

	/**
	 * @return threads of the process, the JVM's own included
	 */
	public long threads() {
		return statusField("Threads");
	}

	public String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

	private long statusField(String name) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
				if (line.startsWith(name + ":")) {
					return Long.parseLong(line.replaceAll("\\D", ""));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new IllegalStateException(name + " not found for process " + this.process.pid());
	}

	private int listeningPort() {
		if (!Files.exists(this.log)) {
			return 0;
		}
		Matcher matcher = LISTENING.matcher(log());
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
	}

}
