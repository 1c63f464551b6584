package io.tcpgateway.server;

import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.framing.FrameCodec;
import io.tcpgateway.framing.FrameDecoderFactory;
import io.tcpgateway.framing.FrameEncoder;
import io.tcpgateway.framing.Framing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Resolves {@code tcp-gateway.framing} into the codec the listener uses: a built-in
 * framing, or for {@code custom} the application's decoder factory and encoder beans.
 */
final class FrameCodecs {

	private FrameCodecs() {
	}

	/**
	 * @param decoders the application's decoder factory, looked up only for
	 * {@code custom}
	 * @param encoders the application's reply encoder, looked up only for {@code custom}
	 * @return the codec
	 * @throws InvalidConfigurationPropertyValueException when {@code custom} lacks a bean
	 */
	static FrameCodec resolve(Framing framing, ObjectProvider<FrameDecoderFactory> decoders,
			ObjectProvider<FrameEncoder> encoders) {
		if (framing.isBuiltIn()) {
			// beans the application may declare for custom framing are not used
			return FrameCodec.of(framing);
		}
		FrameDecoderFactory decoderFactory = decoders.getIfAvailable();
		FrameEncoder encoder = encoders.getIfAvailable();
		List<String> missing = new ArrayList<>();
		if (decoderFactory == null) {
			missing.add(FrameDecoderFactory.class.getName());
		}
		if (encoder == null) {
			missing.add(FrameEncoder.class.getName());
		}
		if (!missing.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException("tcp-gateway.framing", framing.value(),
					"The " + framing.value() + " framing needs the application's decoder factory and reply encoder;"
							+ " no bean of type " + String.join(" or ", missing)
							+ " is defined. Declare the beans, or choose a built-in framing");
		}
		return FrameCodec.custom(decoderFactory, encoder);
	}

}
