package io.tcpgateway.connection;

import java.util.Locale;

/**
 * Spells enum constants the way properties, logs and metric tags do: lower case, words
 * joined by dashes ({@code SLOW_CONSUMER} is {@code slow-consumer}).
 */
public final class EnumNames {

	private EnumNames() {
	}

	public static String kebabCase(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
