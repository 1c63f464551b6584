package io.tcpgateway.tls;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What OpenSSL (BoringSSL) can be told about cipher suites. BoringSSL ignores a TLS 1.3
 * suite list and always offers its three, so a list the JDK would honour, one naming some
 * TLS 1.3 suites or none, is refused rather than served otherwise than it reads. Without
 * a list, only forward-secret AEAD suites for TLS 1.2, not Netty's defaults (which add
 * RSA key exchange and CBC with SHA-1).
 */
final class OpenSslCiphers {

	/** BoringSSL's TLS 1.3 suites, always all enabled. */
	static final List<String> TLS13 = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
			"TLS_CHACHA20_POLY1305_SHA256");

	/** ECDHE with AES-GCM or ChaCha20-Poly1305, in the JDK's order. */
	private static final List<String> TLS12 = List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
			"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
			"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
			"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

	private OpenSslCiphers() {
	}

	/**
	 * @return the suites to enable when the bundle names none
	 */
	static String[] defaults() {
		return Stream.concat(TLS13.stream(), TLS12.stream()).toArray(String[]::new);
	}

	/**
	 * @param ciphers the bundle's list, or {@code null} for none
	 * @param protocols the protocols to enable
	 * @return why OpenSSL cannot serve the list as the JDK would, or {@code null} when it
	 * can
	 */
	static String conflict(String[] ciphers, String[] protocols) {
		if (ciphers == null || !Arrays.asList(protocols).contains("TLSv1.3")) {
			return null;
		}
		List<String> tls13 = Arrays.stream(ciphers).filter(OpenSslCiphers::isTls13).distinct().toList();
		if (tls13.size() == TLS13.size() && tls13.containsAll(TLS13)) {
			return null;
		}
		return "OpenSSL always enables all of TLS 1.3's suites " + TLS13 + " and cannot restrict them, or turn"
				+ " TLS 1.3 off through the cipher list: with TLS 1.3 enabled the list must name all three (and"
				+ " no other TLS 1.3 suite); to serve TLS 1.2 only, set the bundle's options.enabled-protocols"
				+ " to TLSv1.2, or set tcp-gateway.ssl.provider=jdk";
	}

	/** TLS 1.3's suite names have no key exchange in them. */
	private static boolean isTls13(String cipher) {
		return cipher.startsWith("TLS_") && !cipher.contains("_WITH_");
	}

}
