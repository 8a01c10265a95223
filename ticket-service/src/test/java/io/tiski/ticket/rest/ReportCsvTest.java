package io.tiski.ticket.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A cell that a spreadsheet would run as a formula stays text; separators and quotes stay inside their cell. */
class ReportCsvTest {
    @Test
    void formulaCellsAreDefused() {
        assertThat(ReportResource.csv("=HYPERLINK(\"http://evil.example\";\"Avaa\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"Avaa\"\")\"");
        assertThat(ReportResource.csv("+1+2")).isEqualTo("'+1+2");
        assertThat(ReportResource.csv("-2+3")).isEqualTo("'-2+3");
        assertThat(ReportResource.csv("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ReportResource.csv("=1,2")).isEqualTo("\"'=1,2\"");
    }

    @Test
    void ordinaryCellsStayAsTheyAre() {
        assertThat(ReportResource.csv("palautukset")).isEqualTo("palautukset");
        assertThat(ReportResource.csv("returns, EU")).isEqualTo("\"returns, EU\"");
        assertThat(ReportResource.csv("")).isEmpty();
    }
}
