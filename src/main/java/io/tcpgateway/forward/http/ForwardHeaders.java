package io.tcpgateway.forward.http;

import java.util.Collections;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.mapping.HeaderMapper;
import org.springframework.messaging.MessageHeaders;

/**
 * The HTTP request headers of a forwarded frame: its content type and where it came from
 * ({@code X-Tcp-Connection-Id}, {@code X-Forwarded-For}, the client address a PROXY
 * header names where there is one, and {@code X-Tcp-Remote-Port}). No other message
 * header goes to the service, and no response header comes back into the reply.
 */
final class ForwardHeaders implements HeaderMapper<HttpHeaders> {

	static final String CONNECTION_ID = "X-Tcp-Connection-Id";

	static final String FORWARDED_FOR = "X-Forwarded-For";

	static final String REMOTE_PORT = "X-Tcp-Remote-Port";

	private final MediaType contentType;

	ForwardHeaders(MediaType contentType) {
		this.contentType = contentType;
	}

	@Override
	public void fromHeaders(MessageHeaders headers, HttpHeaders target) {
		target.setContentType(this.contentType);
		set(target, CONNECTION_ID, headers.get(IpHeaders.CONNECTION_ID));
		set(target, FORWARDED_FOR, headers.get(IpHeaders.IP_ADDRESS));
		set(target, REMOTE_PORT, headers.get(IpHeaders.REMOTE_PORT));
	}

	private static void set(HttpHeaders target, String name, Object value) {
		if (value != null) {
			target.set(name, value.toString());
		}
	}

	@Override
	public Map<String, Object> toHeaders(HttpHeaders source) {
		return Collections.emptyMap();
	}

}
