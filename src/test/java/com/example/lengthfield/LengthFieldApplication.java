package com.example.lengthfield;

import io.tcpgateway.framing.FrameDecoderFactory;
import io.tcpgateway.framing.FrameEncoder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A binary protocol of its own behind the TCP port: frames with a magic and a length
 * field, decoded by the application's decoder; run with
 * {@code --tcp-gateway.framing=custom}. With no handler of its own, the gateway echoes.
 */
@SpringBootApplication
public class LengthFieldApplication {

	/** A new decoder for each connection: a decoder keeps that connection's tail. */
	@Bean
	FrameDecoderFactory lengthFieldFrameDecoders() {
		return LengthFieldFrameDecoder::new;
	}

	@Bean
	FrameEncoder lengthFieldFrameEncoder() {
		return new LengthFieldFrameEncoder();
	}

	public static void main(String[] args) {
		SpringApplication.run(LengthFieldApplication.class, args);
	}

}
