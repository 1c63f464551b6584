package io.tcpgateway.logging;

/**
 * Makes a client-controlled value safe to put in a log line: a client must not be able to
 * end the line and forge one of its own, nor send escape sequences to the terminal an
 * operator reads the log on.
 *
 * <p>
 * Control characters (C0, DEL, C1 with U+0085), Unicode line and paragraph separators,
 * format characters (bidirectional overrides among them) and unpaired surrogates are
 * written as escapes: {@code \r}, {@code \n}, {@code \t}, {@code \xHH} below U+0100,
 * {@code \}{@code uHHHH} above. Everything else is kept, backslashes included, so
 * escaping twice changes nothing.
 */
public final class LogSafe {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private LogSafe() {
	}

	/**
	 * @param value what a client sent or caused, or {@code null}
	 * @return the value with every character that could break or forge a log line escaped
	 */
	public static String escape(CharSequence value) {
		if (value == null) {
			return "null";
		}
		int first = firstUnsafe(value);
		if (first < 0) {
			return value.toString();
		}
		StringBuilder escaped = new StringBuilder(value.length() + 16).append(value, 0, first);
		for (int i = first; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				escaped.append(c).append(value.charAt(++i));
			}
			else if (isUnsafe(c)) {
				appendEscape(escaped, c);
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * @param value anything whose {@code toString()} a client controls in part, such as
	 * an exception's message or an address
	 * @return its text, escaped
	 */
	public static String escape(Object value) {
		return escape((value != null) ? value.toString() : null);
	}

	/**
	 * A client-controlled value as one field of a log line: in double quotes, with quotes
	 * and backslashes escaped besides what {@link #escape(CharSequence)} escapes, so that
	 * it can end neither the line nor the field, and cut at {@code maxLength} characters
	 * so that it cannot flood the line.
	 * @param value the value, or {@code null}
	 * @param maxLength the most characters of it written
	 * @return the quoted value, followed by its length when it was cut
	 */
	public static String quote(CharSequence value, int maxLength) {
		if (value == null) {
			return "null";
		}
		int kept = Math.min(value.length(), maxLength);
		StringBuilder field = new StringBuilder(kept + 8);
		for (int i = 0; i < kept; i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				field.append('\\');
			}
			field.append(c);
		}
		String quoted = '"' + escape(field) + '"';
		return (value.length() > maxLength) ? quoted + "... (" + value.length() + " characters)" : quoted;
	}

	private static int firstUnsafe(CharSequence value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (isUnsafe(c)) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isUnsafe(char c) {
		if (c >= 0x20 && c < 0x7f) {
			return false;
		}
		return switch (Character.getType(c)) {
			case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.FORMAT,
					Character.SURROGATE, Character.UNASSIGNED ->
				true;
			default -> false;
		};
	}

	private static void appendEscape(StringBuilder escaped, char c) {
		switch (c) {
			case '\r' -> escaped.append("\\r");
			case '\n' -> escaped.append("\\n");
			case '\t' -> escaped.append("\\t");
			default -> {
				if (c < 0x100) {
					escaped.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
				}
				else {
					escaped.append("\\u")
						.append(HEX[c >> 12])
						.append(HEX[(c >> 8) & 0xf])
						.append(HEX[(c >> 4) & 0xf])
						.append(HEX[c & 0xf]);
				}
			}
		}
	}

}
