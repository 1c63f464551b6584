package com.example.device;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application of its own that takes tcp-gateway as a dependency and answers its
 * devices with a flow of its own.
 */
@SpringBootApplication
public class DeviceGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(DeviceGatewayApplication.class, args);
	}

}
