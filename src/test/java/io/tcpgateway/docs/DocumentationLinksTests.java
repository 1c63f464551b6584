package io.tcpgateway.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link in the README, the changelog and the reference guide under
 * {@code docs/} leads to a file or directory of the repository, and every link to a
 * heading ({@code page.md#heading}) to a heading that page has, as GitHub names its
 * anchors: moving a section cannot leave a link behind.
 */
class DocumentationLinksTests {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.+?) *#*$");

	@Test
	void everyRelativeLinkResolves() throws IOException {
		List<String> broken = new ArrayList<>();
		int checked = 0;
		for (Path page : pages()) {
			for (String target : links(page)) {
				if (target.matches("[a-z]+:.*")) {
					continue;
				}
				checked++;
				int hash = target.indexOf('#');
				String file = (hash < 0) ? target : target.substring(0, hash);
				Path resolved = file.isEmpty() ? page : page.resolveSibling(file).normalize();
				if (!Files.exists(resolved)) {
					broken.add(page + ": " + target + " (no " + resolved + ")");
				}
				else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
					broken.add(page + ": " + target + " (no such heading in " + resolved + ")");
				}
			}
		}
		assertThat(checked).as("relative links checked").isPositive();
		assertThat(broken).as("links that lead nowhere").isEmpty();
	}

	private static List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("CHANGELOG.md")));
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

	/**
	 * The targets of the page's Markdown links, outside fenced code blocks.
	 */
	private static List<String> links(Path page) throws IOException {
		List<String> links = new ArrayList<>();
		boolean inCode = false;
		for (String line : Files.readAllLines(page)) {
			if (line.startsWith("```")) {
				inCode = !inCode;
				continue;
			}
			if (!inCode) {
				Matcher matcher = LINK.matcher(line);
				while (matcher.find()) {
					links.add(matcher.group(1));
				}
			}
		}
		return links;
	}

	/**
	 * The anchors GitHub gives a Markdown page's headings: lower case, punctuation
	 * dropped, spaces as hyphens, a repeated one numbered.
	 */
	private static Set<String> anchors(Path page) throws IOException {
		Set<String> anchors = new HashSet<>();
		if (!page.toString().endsWith(".md") || Files.isDirectory(page)) {
			return anchors;
		}
		Map<String, Integer> seen = new HashMap<>();
		boolean inCode = false;
		for (String line : Files.readAllLines(page)) {
			if (line.startsWith("```")) {
				inCode = !inCode;
				continue;
			}
			Matcher matcher = HEADING.matcher(line);
			if (!inCode && matcher.matches()) {
				String slug = matcher.group(1)
					.toLowerCase(Locale.ROOT)
					.replaceAll("[^\\p{L}\\p{N} _-]", "")
					.replace(' ', '-');
				int count = seen.merge(slug, 1, Integer::sum);
				anchors.add((count == 1) ? slug : slug + "-" + (count - 1));
			}
		}
		return anchors;
	}

}
