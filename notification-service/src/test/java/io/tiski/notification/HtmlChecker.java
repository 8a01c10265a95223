package io.tiski.notification;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import nu.validator.validation.SimpleDocumentValidator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/** Checks an HTML document with the Nu Html Checker and its bundled HTML schema, offline. */
final class HtmlChecker {
    private final SimpleDocumentValidator validator;
    private final List<String> problems = new ArrayList<>();

    HtmlChecker() throws Exception {
        ErrorHandler handler = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                problems.add("warning, line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void error(SAXParseException e) {
                problems.add("error, line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                problems.add("fatal, line " + e.getLineNumber() + ": " + e.getMessage());
            }
        };
        // (log4j set up by the checker itself, local entities from its jar, no network)
        validator = new SimpleDocumentValidator(true, false, true);
        validator.setUpMainSchema("http://s.validator.nu/html5-all.rnc", handler);
        validator.setUpValidatorAndParsers(handler, false, false);
    }

    /** Every error and warning the checker reports for the document. */
    synchronized List<String> problems(String html) throws Exception {
        problems.clear();
        InputSource source = new InputSource(new StringReader(html));
        source.setEncoding("UTF-8");
        validator.checkHtmlInputSource(source);
        return List.copyOf(problems);
    }
}
