package io.tcpgateway.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The trace context a command carries from the gateway that published it: the fields a
 * tracer's propagator writes (such as {@code traceparent} or {@code b3}), as one
 * base64url token of {@code name=value} lines. Read strictly and within bounds, since
 * Redis may hold anything: a token too long, or a field that is not a propagation field's
 * name and printable ASCII value, is refused whole.
 */
final class CommandContext {

	/** The longest token carried: far more than a trace's fields and some baggage. */
	static final int MAX_TOKEN = 1024;

	/** The most fields carried. */
	static final int MAX_FIELDS = 16;

	/** What a field's name may be: a header name as propagators write them. */
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	/** What a field's value may be: printable ASCII, as headers carry it. */
	private static final Pattern VALUE = Pattern.compile("[ -~]*");

	private CommandContext() {
	}

	/**
	 * @return the fields as a token, {@code null} when there are none or they do not fit
	 * the bounds (the command then goes without them)
	 */
	static String encode(Map<String, String> fields) {
		if (fields.isEmpty() || fields.size() > MAX_FIELDS) {
			return null;
		}
		StringBuilder lines = new StringBuilder();
		for (Map.Entry<String, String> field : fields.entrySet()) {
			if (!NAME.matcher(field.getKey()).matches() || field.getValue() == null
					|| !VALUE.matcher(field.getValue()).matches()) {
				return null;
			}
			if (!lines.isEmpty()) {
				lines.append('\n');
			}
			lines.append(field.getKey()).append('=').append(field.getValue());
		}
		String token = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(lines.toString().getBytes(StandardCharsets.US_ASCII));
		return (token.length() <= MAX_TOKEN) ? token : null;
	}

	/**
	 * @return the fields the token carries
	 * @throws IllegalArgumentException when it is not a token {@link #encode} makes
	 */
	static Map<String, String> decode(String token) {
		if (token.isEmpty() || token.length() > MAX_TOKEN) {
			throw new IllegalArgumentException(
					"trace context of " + token.length() + " characters (at most " + MAX_TOKEN + ")");
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(token);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("trace context is not base64url");
		}
		String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\n", -1);
		if (lines.length > MAX_FIELDS) {
			throw new IllegalArgumentException("trace context of more than " + MAX_FIELDS + " fields");
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (String line : lines) {
			int equals = line.indexOf('=');
			String name = (equals > 0) ? line.substring(0, equals) : "";
			String value = (equals > 0) ? line.substring(equals + 1) : "";
			if (!NAME.matcher(name).matches() || !VALUE.matcher(value).matches() || fields.put(name, value) != null) {
				throw new IllegalArgumentException("trace context field is not name=value");
			}
		}
		return fields;
	}

}
