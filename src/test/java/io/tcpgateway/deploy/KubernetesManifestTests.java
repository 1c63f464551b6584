package io.tcpgateway.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tcpgateway.server.TcpGatewayProperties;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests parse, and their ports, probes and grace period agree with the
 * gateway's configuration.
 */
class KubernetesManifestTests {

	private static final Path DIR = Path.of("deploy/kubernetes");

	@Test
	@SuppressWarnings("unchecked")
	void manifestsAgreeWithTheGatewaysConfiguration() throws IOException {
		Map<String, Object> configMap = load("configmap.yaml");
		Map<String, Object> applicationYml = new Yaml()
			.load((String) ((Map<String, Object>) configMap.get("data")).get("application.yml"));
		Map<String, Object> gateway = (Map<String, Object>) applicationYml.get("tcp-gateway");
		int tcpPort = (Integer) gateway.get("port");
		int managementPort = (Integer) ((Map<String, Object>) ((Map<String, Object>) applicationYml.get("management"))
			.get("server")).get("port");
		Duration grace = DurationStyle
			.detectAndParse((String) ((Map<String, Object>) gateway.get("shutdown")).get("grace-period"));
		assertThat(tcpPort).isEqualTo(new TcpGatewayProperties().getPort());

		Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) load(
				"deployment.yaml")
			.get("spec")).get("template")).get("spec");
		assertThat(((Integer) podSpec.get("terminationGracePeriodSeconds")).longValue())
			.isGreaterThan(grace.toSeconds());
		Map<String, Object> container = ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
		Map<String, Integer> ports = new HashMap<>();
		for (Map<String, Object> port : (List<Map<String, Object>>) container.get("ports")) {
			ports.put((String) port.get("name"), (Integer) port.get("containerPort"));
		}
		assertThat(ports).containsEntry("tcp", tcpPort).containsEntry("management", managementPort);
		assertThat((List<Map<String, Object>>) container.get("env")).anySatisfy((variable) -> assertThat(variable)
			.containsEntry("name", "JAVA_TOOL_OPTIONS")
			.hasEntrySatisfying("value", (value) -> assertThat((String) value).contains("-XX:+ExitOnOutOfMemoryError")
				.contains("-XX:MaxRAMPercentage=")));
		assertThat(Files.readString(Path.of("Dockerfile"))).contains("-XX:+ExitOnOutOfMemoryError")
			.contains("-XX:MaxRAMPercentage=");
		assertThat(probe(container, "readinessProbe")).containsEntry("path", "/actuator/health/readiness")
			.containsEntry("port", "management");
		assertThat(probe(container, "livenessProbe")).containsEntry("path", "/actuator/health/liveness")
			.containsEntry("port", "management");

		Map<String, Object> serviceSpec = (Map<String, Object>) load("service.yaml").get("spec");
		assertThat(serviceSpec).containsEntry("type", "LoadBalancer");
		Map<String, Object> servicePort = ((List<Map<String, Object>>) serviceSpec.get("ports")).get(0);
		assertThat(servicePort).containsEntry("port", tcpPort).containsEntry("targetPort", "tcp");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> probe(Map<String, Object> container, String name) {
		return (Map<String, Object>) ((Map<String, Object>) container.get(name)).get("httpGet");
	}

	private static Map<String, Object> load(String file) throws IOException {
		try (Reader reader = Files.newBufferedReader(DIR.resolve(file))) {
			return new Yaml().load(reader);
		}
	}

}
