package io.tcpgateway.tls;

import java.security.cert.X509Certificate;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;

/**
 * Takes a renewed SSL bundle, as Spring Boot reports it when the bundle's files change
 * ({@code reload-on-update}), for the connections accepted from then on; a renewed bundle
 * that cannot serve is refused and the one in use stays.
 */
public final class TlsBundleReload implements Consumer<SslBundle> {

	private static final Log logger = LogFactory.getLog(TlsBundleReload.class);

	private final String bundleName;

	private final TlsSettings settings;

	public TlsBundleReload(String bundleName, TlsSettings settings) {
		this.bundleName = bundleName;
		this.settings = settings;
	}

	@Override
	public void accept(SslBundle bundle) {
		try {
			this.settings.renew(bundle);
		}
		catch (RuntimeException ex) {
			// runs on Boot's file watcher thread: reported here, never thrown at it
			logger.warn("SSL bundle '" + this.bundleName + "' changed but cannot serve TLS, so new connections keep "
					+ describe(this.settings.certificate()) + ": " + ex.getMessage());
			return;
		}
		logger.info("SSL bundle '" + this.bundleName + "' reloaded: new connections get "
				+ describe(this.settings.certificate()) + "; open connections keep theirs");
	}

	private static String describe(X509Certificate certificate) {
		return "certificate " + certificate.getSubjectX500Principal().getName() + " (serial "
				+ certificate.getSerialNumber().toString(16) + ", valid until " + certificate.getNotAfter().toInstant()
				+ ")";
	}

}
