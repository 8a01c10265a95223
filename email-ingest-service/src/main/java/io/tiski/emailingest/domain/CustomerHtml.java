package io.tiski.emailingest.domain;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Customer HTML is untrusted: only formatting survives (no script, no event handlers, no styles, no remote
 * images: images keep only {@code cid:} and data references), and every link opens outside the agent's page.
 */
public final class CustomerHtml {
    private static final Safelist SAFE = Safelist.relaxed()
            .removeProtocols("img", "src", "http", "https")
            .addProtocols("img", "src", "cid")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
            .addEnforcedAttribute("a", "target", "_blank");

    private CustomerHtml() {
    }

    public static String sanitise(String html) {
        if (html == null) {
            return null;
        }
        Document.OutputSettings settings = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(html, "", SAFE, settings);
    }

    /** The readable text of an HTML body, for mail that has no plain-text part. */
    public static String text(String html) {
        if (html == null) {
            return null;
        }
        Document doc = Jsoup.parse(html);
        doc.outputSettings(new Document.OutputSettings().prettyPrint(false));
        doc.select("br").append("\\n");
        doc.select("p, div, tr, li, h1, h2, h3, h4, blockquote").prepend("\\n");
        return doc.text().replace("\\n", "\n").replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }
}
