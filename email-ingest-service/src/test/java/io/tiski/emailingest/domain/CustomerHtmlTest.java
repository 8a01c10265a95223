package io.tiski.emailingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every payload of the hostile corpus, sanitised, is inert: only formatting elements remain, no event handler,
 * no style, no script-capable URL, no remote image, and links open outside the agent's page.
 */
class CustomerHtmlTest {
    static final Set<String> SAFE_TAGS = Set.of("#root", "html", "head", "body", "a", "b", "blockquote", "br",
            "caption", "cite", "code", "col", "colgroup", "dd", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5",
            "h6", "i", "img", "li", "ol", "p", "pre", "q", "small", "span", "strike", "strong", "sub", "sup",
            "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul");
    static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "cite", "srcset", "background", "action");

    static Stream<String> payloads() throws IOException {
        try (InputStream in = CustomerHtmlTest.class.getResourceAsStream("/hostile/xss-payloads.txt")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            assertThat(lines).hasSizeGreaterThanOrEqualTo(30);
            return lines.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void theSanitisedFormIsInert(String payload) {
        String clean = CustomerHtml.sanitise("<p>Hei,</p>" + payload + "<p>terveisin Aino</p>");
        assertThat(clean).contains("terveisin Aino");
        for (Element element : Jsoup.parse(clean).getAllElements()) {
            assertThat(element.normalName()).as("element in " + clean).isIn(SAFE_TAGS);
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                assertThat(name).as("attribute in " + clean).doesNotStartWith("on").isNotEqualTo("style")
                        .isNotEqualTo("srcset").isNotEqualTo("background").isNotEqualTo("action");
                if (URL_ATTRIBUTES.contains(name)) {
                    String url = attribute.getValue().strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\x00-\\x1f]", "");
                    assertThat(url).as(name + " in " + clean).doesNotStartWith("javascript:")
                            .doesNotStartWith("vbscript:").doesNotStartWith("data:text");
                    if (element.normalName().equals("img")) {
                        assertThat(url).as("images only from the mail itself: " + clean).startsWith("cid:");
                    }
                }
            }
            if (element.normalName().equals("a")) {
                assertThat(element.attr("target")).isEqualTo("_blank");
                assertThat(element.attr("rel")).contains("noopener").contains("noreferrer");
            }
        }
    }
}
