package io.tiski.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentTypesTest {
    @Test
    void theContentDecidesNotTheClaim() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};
        assertThat(ContentTypes.choose("application/pdf", null, jpeg)).isEqualTo("image/jpeg");
        byte[] html = "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        assertThat(ContentTypes.choose("image/jpeg", "text/html", html)).isEqualTo("application/octet-stream");
        assertThat(ContentTypes.choose(null, "text/plain; charset=utf-8", "kuitti".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("text/plain");
        assertThat(ContentTypes.choose(null, null, "%PDF-1.7".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("application/pdf");
        assertThat(ContentTypes.choose(null, null, "OggS\0".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("audio/ogg");
    }
}
