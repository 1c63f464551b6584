package com.example.device;

import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The command protocol of the older devices, as a handler: {@code PING} is answered with
 * {@code PONG}, {@code QUIT} with {@code BYE} and a close. The gateway takes one handler of
 * frames, a flow or a handler, so this one answers instead of the line flow when the
 * {@code commands} profile is active.
 */
@Component
@Profile(DeviceCommandHandler.PROFILE)
class DeviceCommandHandler implements TcpMessageHandler {

	static final String PROFILE = "commands";

	@Override
	public void handle(TcpRequest request, ReplySink replies) {
		switch (request.asString()) {
			case "PING" -> replies.send("PONG");
			case "QUIT" -> {
				replies.send("BYE");
				request.connection().close();
			}
			default -> replies.send("ERR unknown command");
		}
	}

}
