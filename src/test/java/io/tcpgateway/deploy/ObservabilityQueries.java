package io.tcpgateway.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.yaml.snakeyaml.Yaml;

/**
 * The PromQL of {@code deploy/observability}: every dashboard panel's queries with the
 * dashboard's variables filled in, and every rule's expression, alerts' without their
 * threshold, so that each can be asked of a Prometheus for the series it reads.
 */
final class ObservabilityQueries {

	static final Path DIR = Path.of("deploy/observability");

	static final Path DASHBOARD = DIR.resolve("tcp-gateway.json");

	static final List<Path> RULE_FILES = List.of(DIR.resolve("recording.yml"), DIR.resolve("alerts.yml"));

	/** An alert's expression: a signal compared with a number. */
	private static final Pattern THRESHOLD = Pattern.compile("(?s)(.+?)\\s*(==|!=|>=|<=|>|<)\\s*[-+]?[0-9.]+\\s*");

	private ObservabilityQueries() {
	}

	/**
	 * @return each panel's title and query, keyed {@code "title: query"}, with every
	 * instance selected and a one-minute rate window
	 */
	static Map<String, String> dashboard() throws IOException {
		String json = Files.readString(DASHBOARD);
		Map<String, String> queries = new LinkedHashMap<>();
		List<Map<String, Object>> panels = JsonPath.read(json, "$.panels[?(@.targets)]");
		for (Map<String, Object> panel : panels) {
			List<String> expressions = JsonPath.read(panel, "$.targets[*].expr");
			for (String expression : expressions) {
				String query = expression.replace("$instance", ".+").replace("$__rate_interval", "1m");
				queries.put(panel.get("title") + ": " + expression, query);
			}
		}
		// the instance variable's choices
		List<String> definitions = JsonPath.read(json, "$.templating.list[?(@.name == 'instance')].definition");
		String definition = definitions.get(0);
		Matcher metric = Pattern.compile("label_values\\((\\w+), instance\\)").matcher(definition);
		if (!metric.matches()) {
			throw new IllegalStateException("Unexpected instance variable: " + definition);
		}
		queries.put("variable instance: " + definition, metric.group(1));
		return queries;
	}

	/**
	 * @return each rule's expression keyed by what it records or alerts on; an alert's
	 * signal without its threshold
	 * @throws IllegalStateException for an alert that is not a signal compared with a
	 * number
	 */
	static Map<String, String> rules() throws IOException {
		Map<String, String> queries = new LinkedHashMap<>();
		for (Map<String, Object> rule : ruleList()) {
			String expression = ((String) rule.get("expr")).trim();
			if (rule.containsKey("record")) {
				queries.put("record " + rule.get("record"), expression);
				continue;
			}
			Matcher signal = THRESHOLD.matcher(expression);
			if (!signal.matches()) {
				throw new IllegalStateException(
						"Alert " + rule.get("alert") + " is not <signal> <op> <number>: " + expression);
			}
			queries.put("alert " + rule.get("alert") + ": " + expression, signal.group(1));
		}
		return queries;
	}

	/**
	 * @return the names of the alerts
	 */
	static List<String> alerts() throws IOException {
		List<String> alerts = new ArrayList<>();
		for (Map<String, Object> rule : ruleList()) {
			if (rule.containsKey("alert")) {
				alerts.add((String) rule.get("alert"));
			}
		}
		return alerts;
	}

	/**
	 * @return every {@code alert_rule_test} of the promtool test files: alert name and
	 * whether it expects the alert to fire
	 */
	@SuppressWarnings("unchecked")
	static List<Map.Entry<String, Boolean>> alertTests() throws IOException {
		List<Map.Entry<String, Boolean>> cases = new ArrayList<>();
		try (var files = Files.list(DIR.resolve("tests"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yml")).sorted().toList()) {
				Map<String, Object> document = load(file);
				for (Map<String, Object> test : (List<Map<String, Object>>) document.get("tests")) {
					for (Map<String, Object> alertTest : (List<Map<String, Object>>) test
						.getOrDefault("alert_rule_test", List.of())) {
						List<?> expected = (List<?>) alertTest.get("exp_alerts");
						cases.add(Map.entry((String) alertTest.get("alertname"),
								expected != null && !expected.isEmpty()));
					}
				}
			}
		}
		return cases;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> ruleList() throws IOException {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Path file : RULE_FILES) {
			for (Map<String, Object> group : (List<Map<String, Object>>) load(file).get("groups")) {
				rules.addAll((List<Map<String, Object>>) group.get("rules"));
			}
		}
		return rules;
	}

	private static Map<String, Object> load(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return new Yaml().load(in);
		}
	}

}
