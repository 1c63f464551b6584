package io.tcpgateway.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import io.tcpgateway.connection.ConnectionKeys;

/**
 * One command a gateway publishes on another's channel, as one line of ASCII:
 * {@code tgw1 <op> <sender node> [<connection id> | <key, base64url>] [<payload,
 * base64>] [ctx=<trace context>]}. Parsed strictly: anything else is refused, whoever
 * published it. The trace context ({@link CommandContext}) comes last and only when the
 * sender traces, so a command without it reads as it always did; its token is checked
 * only by the gateway that traces the delivery, which ignores a token it cannot read.
 *
 * @param op what to do
 * @param sender the publishing gateway's node id, for logs
 * @param target the connection id or key, {@code null} for a broadcast
 * @param payload the bytes to push, {@code null} for a close
 * @param context the trace context's token as published, {@code null} when none
 */
record ClusterCommand(Op op, String sender, String target, byte[] payload, String context) {

	static final String VERSION = "tgw1";

	/** What starts the optional last field, the trace context. */
	static final String CONTEXT_PREFIX = "ctx=";

	/** What a connection id may be: Spring Integration's are host:port:port:uuid. */
	private static final Pattern CONNECTION_ID = Pattern.compile("[!-~]{1,256}");

	/** Longest base64url of a key of {@link ConnectionKeys#MAX_LENGTH} characters. */
	private static final int MAX_KEY_TOKEN = 4 * ((ConnectionKeys.MAX_LENGTH * 3 + 2) / 3) + 4;

	static ClusterCommand send(String sender, String connectionId, byte[] payload) {
		return new ClusterCommand(Op.SEND, sender, connectionId, payload, null);
	}

	static ClusterCommand sendToKey(String sender, String key, byte[] payload) {
		return new ClusterCommand(Op.SEND_KEY, sender, key, payload, null);
	}

	static ClusterCommand close(String sender, String connectionId) {
		return new ClusterCommand(Op.CLOSE, sender, connectionId, null, null);
	}

	static ClusterCommand closeKey(String sender, String key) {
		return new ClusterCommand(Op.CLOSE_KEY, sender, key, null, null);
	}

	static ClusterCommand broadcast(String sender, byte[] payload) {
		return new ClusterCommand(Op.BROADCAST, sender, null, payload, null);
	}

	/**
	 * @param context a trace context's token, {@code null} for none
	 * @return this command carrying it
	 */
	ClusterCommand withContext(String context) {
		return new ClusterCommand(this.op, this.sender, this.target, this.payload, context);
	}

	String encode() {
		StringBuilder line = new StringBuilder(VERSION).append(' ')
			.append(this.op.token)
			.append(' ')
			.append(this.sender);
		if (this.op.hasTarget) {
			line.append(' ')
				.append(this.op.targetIsKey ? Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(this.target.getBytes(StandardCharsets.UTF_8)) : this.target);
		}
		if (this.op.hasPayload) {
			line.append(' ').append(Base64.getEncoder().encodeToString(this.payload));
		}
		if (this.context != null) {
			line.append(' ').append(CONTEXT_PREFIX).append(this.context);
		}
		return line.toString();
	}

	/**
	 * @param maxPayload the largest payload accepted, in bytes
	 * @return the longest text of a valid command
	 */
	static long maxLength(int maxPayload) {
		return 64 + 4L * ((maxPayload + 2L) / 3) + 2L * MAX_KEY_TOKEN + 300 + CONTEXT_PREFIX.length() + 1
				+ CommandContext.MAX_TOKEN;
	}

	/**
	 * @param maxPayload the largest payload accepted, in bytes
	 * @throws IllegalArgumentException when the text is not a valid command
	 */
	static ClusterCommand parse(String text, int maxPayload) {
		if (text == null || text.length() > maxLength(maxPayload)) {
			throw new IllegalArgumentException("too long");
		}
		String[] fields = text.split(" ", -1);
		if (fields.length < 3 || !VERSION.equals(fields[0])) {
			throw new IllegalArgumentException("not a " + VERSION + " command");
		}
		Op op = Op.of(fields[1]);
		int expected = 3 + (op.hasTarget ? 1 : 0) + (op.hasPayload ? 1 : 0);
		String context = null;
		if (fields.length == expected + 1 && fields[expected].startsWith(CONTEXT_PREFIX)) {
			context = fields[expected].substring(CONTEXT_PREFIX.length());
		}
		else if (fields.length != expected) {
			throw new IllegalArgumentException(op.token + " takes " + expected + " fields, not " + fields.length);
		}
		String sender = fields[2];
		if (!NodeIds.isValid(sender)) {
			throw new IllegalArgumentException("sender is not a node id");
		}
		String target = null;
		if (op.hasTarget) {
			target = op.targetIsKey ? key(fields[3]) : connectionId(fields[3]);
		}
		byte[] payload = null;
		if (op.hasPayload) {
			payload = decode(Base64.getDecoder(), fields[expected - 1], "payload");
			if (payload.length > maxPayload) {
				throw new IllegalArgumentException("payload over " + maxPayload + " bytes");
			}
		}
		return new ClusterCommand(op, sender, target, payload, context);
	}

	private static String connectionId(String token) {
		if (!CONNECTION_ID.matcher(token).matches()) {
			throw new IllegalArgumentException("not a connection id");
		}
		return token;
	}

	private static String key(String token) {
		if (token.length() > MAX_KEY_TOKEN) {
			throw new IllegalArgumentException("key too long");
		}
		byte[] bytes = decode(Base64.getUrlDecoder(), token, "key");
		var decoder = StandardCharsets.UTF_8.newDecoder();
		String key;
		try {
			key = decoder.decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			throw new IllegalArgumentException("key is not UTF-8");
		}
		ConnectionKeys.check(key);
		return key;
	}

	private static byte[] decode(Base64.Decoder decoder, String token, String what) {
		if (token.isEmpty() && "key".equals(what)) {
			throw new IllegalArgumentException("empty key");
		}
		try {
			return decoder.decode(token);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(what + " is not base64");
		}
	}

	/** What a command asks of the gateway receiving it. */
	enum Op {

		SEND("send", true, false, true),

		SEND_KEY("send-key", true, true, true),

		CLOSE("close", true, false, false),

		CLOSE_KEY("close-key", true, true, false),

		BROADCAST("broadcast", false, false, true);

		final String token;

		final boolean hasTarget;

		final boolean targetIsKey;

		final boolean hasPayload;

		Op(String token, boolean hasTarget, boolean targetIsKey, boolean hasPayload) {
			this.token = token;
			this.hasTarget = hasTarget;
			this.targetIsKey = targetIsKey;
			this.hasPayload = hasPayload;
		}

		static Op of(String token) {
			for (Op op : values()) {
				if (op.token.equals(token)) {
					return op;
				}
			}
			throw new IllegalArgumentException("unknown operation");
		}

	}

}
