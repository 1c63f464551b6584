package io.tcpgateway.bench.load;

import java.io.PrintStream;

/**
 * The load tool's command line: parse the options, run echo, idle or churn mode, print
 * the report.
 */
public final class LoadTool {

	/** Exit status when a run completed but saw errors or connect failures. */
	static final int EXIT_ERRORS = 1;

	/** Exit status for bad options or a run that could not complete. */
	static final int EXIT_USAGE = 2;

	private LoadTool() {
	}

	/**
	 * Run the tool.
	 * @param args the command-line options
	 * @param out where the report goes
	 * @param err where progress lines and error descriptions go
	 * @return the exit status: 0 when everything sent was verified with no error
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
			out.print(LoadOptions.USAGE);
			return 0;
		}
		LoadOptions options;
		try {
			options = LoadOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.print(LoadOptions.USAGE);
			return EXIT_USAGE;
		}
		try {
			Report report = new Report(out);
			if (options.idleMode()) {
				IdleResult result = new IdleLoad(options, err).run();
				report.print(result);
				return result.clean() ? 0 : EXIT_ERRORS;
			}
			if (options.churnMode()) {
				ChurnResult result = new ChurnLoad(options, err).run();
				report.print(result);
				return result.clean() ? 0 : EXIT_ERRORS;
			}
			EchoResult result = new EchoLoad(options, err).run();
			report.print(result);
			return result.clean() ? 0 : EXIT_ERRORS;
		}
		catch (Exception ex) {
			err.println("load run failed: " + ex);
			return EXIT_USAGE;
		}
	}

}
