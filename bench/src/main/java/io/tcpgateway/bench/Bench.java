package io.tcpgateway.bench;

import java.util.Arrays;

import io.tcpgateway.bench.http.HttpEchoServer;
import io.tcpgateway.bench.http.HttpLoad;
import io.tcpgateway.bench.load.LoadTool;
import io.tcpgateway.bench.netty.NettyEchoServer;

/**
 * Dispatches to the load tool ({@code load}, the default), the Netty echo server
 * ({@code netty-echo}), the HTTP echo server ({@code http-echo}) or the HTTP load tool
 * ({@code http-load}).
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("netty-echo")) {
			NettyEchoServer.main(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		if (args.length > 0 && args[0].equals("http-echo")) {
			HttpEchoServer.main(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		if (args.length > 0 && args[0].equals("http-load")) {
			System.exit(HttpLoad.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		String[] loadArgs = (args.length > 0 && args[0].equals("load")) ? Arrays.copyOfRange(args, 1, args.length)
				: args;
		System.exit(LoadTool.run(loadArgs, System.out, System.err));
	}

}
