package io.tcpgateway.connection.net;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

import io.tcpgateway.framing.FrameEncoder;

import org.springframework.core.serializer.Serializer;

/**
 * Frames replies with the gateway's {@link FrameEncoder} where Spring Integration's
 * blocking connection expects a serializer.
 */
final class FramingSerializer implements Serializer<byte[]> {

	private final FrameEncoder encoder;

	FramingSerializer(FrameEncoder encoder) {
		this.encoder = encoder;
	}

	@Override
	public void serialize(byte[] payload, OutputStream outputStream) throws IOException {
		ByteBuffer frame = this.encoder.encode(payload);
		outputStream.write(frame.array(), frame.arrayOffset(), frame.remaining());
	}

}
