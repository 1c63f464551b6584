package io.tcpgateway.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * The test client's codec of {@link io.tcpgateway.framing.Framing#MLLP}, which Spring
 * Integration has none of: VT (0x0B), the payload, FS CR (0x1C 0x0D), read a byte at a
 * time independently of the gateway's decoder.
 */
final class MllpSerializer extends AbstractByteArraySerializer {

	private static final int VT = 0x0B;

	private static final int FS = 0x1C;

	private static final int CR = 0x0D;

	MllpSerializer(int maxMessageSize) {
		setMaxMessageSize(maxMessageSize);
	}

	@Override
	public void serialize(byte[] payload, OutputStream outputStream) throws IOException {
		outputStream.write(VT);
		outputStream.write(payload);
		outputStream.write(FS);
		outputStream.write(CR);
	}

	@Override
	public byte[] deserialize(InputStream inputStream) throws IOException {
		int first = inputStream.read();
		if (first < 0) {
			throw new SoftEndOfStreamException("Stream closed between payloads");
		}
		if (first != VT) {
			throw new IOException("Expected VT (0x0b) at the start of an MLLP frame, got " + first);
		}
		ByteArrayOutputStream payload = new ByteArrayOutputStream();
		int previous = -1;
		while (true) {
			int next = inputStream.read();
			if (next < 0) {
				throw new IOException("Stream closed inside an MLLP frame");
			}
			if (previous == FS && next == CR) {
				return payload.toByteArray();
			}
			if (previous >= 0) {
				if (payload.size() == getMaxMessageSize()) {
					throw new IOException("MLLP frame exceeds the maximum of " + getMaxMessageSize() + " bytes");
				}
				payload.write(previous);
			}
			previous = next;
		}
	}

}
