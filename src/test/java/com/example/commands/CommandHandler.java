package com.example.commands;

import java.time.Clock;
import java.time.Instant;

import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;

import org.springframework.stereotype.Component;

/**
 * Answers one command per line: {@code PING}, {@code TIME}, {@code ECHO text} and
 * {@code QUIT}.
 */
@Component
class CommandHandler implements TcpMessageHandler {

	private final Clock clock = Clock.systemUTC();

	@Override
	public void handle(TcpRequest request, ReplySink replies) {
		String line = request.asString().strip();
		String command = line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line;
		switch (command.toUpperCase()) {
			case "PING" -> replies.send("PONG");
			case "TIME" -> replies.send(Instant.now(this.clock).toString());
			case "ECHO" -> replies.send(line.substring(command.length()).strip());
			case "QUIT" -> {
				replies.send("BYE");
				request.connection().close();
			}
			default -> replies.send("ERR unknown command: " + command);
		}
	}

	@Override
	public boolean isBlocking() {
		return false;
	}

}
