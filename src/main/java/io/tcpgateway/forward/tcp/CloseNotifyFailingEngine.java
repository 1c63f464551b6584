package io.tcpgateway.forward.tcp;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An upstream connection's engine that reports the end of the upstream's TLS session (its
 * close_notify) as a read error.
 *
 * <p>
 * Spring Integration's TLS connection unwraps until it needs more network data; once the
 * peer's close_notify is in, every unwrap answers {@code CLOSED} and consumes nothing, so
 * a byte after the close_notify would keep a reader thread unwrapping forever, and a
 * close_notify with the TCP connection left open (a TLS 1.3 half-close) would go
 * unnoticed. Failing the unwrap instead stops the unwrapping; the connection then closes
 * as on an end of stream, after the frames read before.
 */
final class CloseNotifyFailingEngine extends SSLEngine {

	private final SSLEngine engine;

	CloseNotifyFailingEngine(SSLEngine engine) {
		super(engine.getPeerHost(), engine.getPeerPort());
		this.engine = engine;
	}

	@Override
	public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
		if (this.engine.isInboundDone()) {
			throw closed();
		}
		SSLEngineResult result = this.engine.unwrap(src, dsts, offset, length);
		// what a result carries with the close is handed on; the next unwrap fails
		if (result.getStatus() == Status.CLOSED && result.bytesProduced() == 0) {
			throw closed();
		}
		return result;
	}

	private static SSLException closed() {
		return new SessionClosedException();
	}

	/**
	 * The upstream ended its TLS session with a close_notify.
	 */
	static final class SessionClosedException extends SSLException {

		private static final long serialVersionUID = 1L;

		SessionClosedException() {
			super("the upstream closed its TLS session (close_notify)");
		}

	}

	@Override
	public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
		return this.engine.wrap(srcs, offset, length, dst);
	}

	@Override
	public Runnable getDelegatedTask() {
		return this.engine.getDelegatedTask();
	}

	@Override
	public void closeInbound() throws SSLException {
		this.engine.closeInbound();
	}

	@Override
	public boolean isInboundDone() {
		return this.engine.isInboundDone();
	}

	@Override
	public void closeOutbound() {
		this.engine.closeOutbound();
	}

	@Override
	public boolean isOutboundDone() {
		return this.engine.isOutboundDone();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.engine.getSupportedCipherSuites();
	}

	@Override
	public String[] getEnabledCipherSuites() {
		return this.engine.getEnabledCipherSuites();
	}

	@Override
	public void setEnabledCipherSuites(String[] suites) {
		this.engine.setEnabledCipherSuites(suites);
	}

	@Override
	public String[] getSupportedProtocols() {
		return this.engine.getSupportedProtocols();
	}

	@Override
	public String[] getEnabledProtocols() {
		return this.engine.getEnabledProtocols();
	}

	@Override
	public void setEnabledProtocols(String[] protocols) {
		this.engine.setEnabledProtocols(protocols);
	}

	@Override
	public SSLSession getSession() {
		return this.engine.getSession();
	}

	@Override
	public SSLSession getHandshakeSession() {
		return this.engine.getHandshakeSession();
	}

	@Override
	public void beginHandshake() throws SSLException {
		this.engine.beginHandshake();
	}

	@Override
	public HandshakeStatus getHandshakeStatus() {
		return this.engine.getHandshakeStatus();
	}

	@Override
	public void setUseClientMode(boolean mode) {
		this.engine.setUseClientMode(mode);
	}

	@Override
	public boolean getUseClientMode() {
		return this.engine.getUseClientMode();
	}

	@Override
	public void setNeedClientAuth(boolean need) {
		this.engine.setNeedClientAuth(need);
	}

	@Override
	public boolean getNeedClientAuth() {
		return this.engine.getNeedClientAuth();
	}

	@Override
	public void setWantClientAuth(boolean want) {
		this.engine.setWantClientAuth(want);
	}

	@Override
	public boolean getWantClientAuth() {
		return this.engine.getWantClientAuth();
	}

	@Override
	public void setEnableSessionCreation(boolean flag) {
		this.engine.setEnableSessionCreation(flag);
	}

	@Override
	public boolean getEnableSessionCreation() {
		return this.engine.getEnableSessionCreation();
	}

	@Override
	public SSLParameters getSSLParameters() {
		return this.engine.getSSLParameters();
	}

	@Override
	public void setSSLParameters(SSLParameters params) {
		this.engine.setSSLParameters(params);
	}

	@Override
	public String getApplicationProtocol() {
		return this.engine.getApplicationProtocol();
	}

	@Override
	public String getHandshakeApplicationProtocol() {
		return this.engine.getHandshakeApplicationProtocol();
	}

	@Override
	public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
		this.engine.setHandshakeApplicationProtocolSelector(selector);
	}

	@Override
	public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
		return this.engine.getHandshakeApplicationProtocolSelector();
	}

}
