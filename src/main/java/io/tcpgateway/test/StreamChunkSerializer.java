package io.tcpgateway.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * The test client's codec of {@link io.tcpgateway.framing.Framing#NONE}: writes payloads
 * as they are and reads whatever one read returns, at most the maximum message size.
 */
final class StreamChunkSerializer extends AbstractByteArraySerializer {

	StreamChunkSerializer(int maxMessageSize) {
		setMaxMessageSize(maxMessageSize);
	}

	@Override
	public void serialize(byte[] payload, OutputStream outputStream) throws IOException {
		outputStream.write(payload);
	}

	@Override
	public byte[] deserialize(InputStream inputStream) throws IOException {
		byte[] buffer = new byte[getMaxMessageSize()];
		int read = inputStream.read(buffer);
		if (read < 0) {
			throw new SoftEndOfStreamException("Stream closed between payloads");
		}
		return Arrays.copyOf(buffer, read);
	}

}
