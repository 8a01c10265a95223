package io.tiski.social.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    static final byte[] BODY = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);

    @Test
    void hmacIsRfc4231TestCase2() {
        assertThat(HexFormat.of().formatHex(WebhookSignature.hmac("Jefe", BODY)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void metaHeaderIsCheckedOverTheExactBytes() {
        String header = "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        assertThat(WebhookSignature.checkHex("Jefe", BODY, header)).isEqualTo(WebhookSignature.Verdict.VALID);
        assertThat(WebhookSignature.checkHex("Jefe", BODY, header.toUpperCase().replace("SHA256=", "sha256=")))
                .isEqualTo(WebhookSignature.Verdict.VALID);
        byte[] changed = BODY.clone();
        changed[changed.length - 1] = '!';
        assertThat(WebhookSignature.checkHex("Jefe", changed, header)).isEqualTo(WebhookSignature.Verdict.INVALID);
        assertThat(WebhookSignature.checkHex("Jefe", BODY, "sha256=5bdc")).isEqualTo(WebhookSignature.Verdict.INVALID);
        assertThat(WebhookSignature.checkHex("Jefe", BODY, "sha1=abc")).isEqualTo(WebhookSignature.Verdict.INVALID);
        assertThat(WebhookSignature.checkHex("Jefe", BODY, "sha256=not-hex"))
                .isEqualTo(WebhookSignature.Verdict.INVALID);
        assertThat(WebhookSignature.checkHex("Jefe", BODY, null)).isEqualTo(WebhookSignature.Verdict.MISSING);
    }

    @Test
    void xSignatureAndCrcAreBase64() {
        String header = WebhookSignature.base64Header("Jefe", BODY);
        assertThat(header).isEqualTo("sha256=W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
        assertThat(WebhookSignature.checkBase64("Jefe", BODY, header)).isEqualTo(WebhookSignature.Verdict.VALID);
        assertThat(WebhookSignature.checkBase64("other", BODY, header)).isEqualTo(WebhookSignature.Verdict.INVALID);
        assertThat(WebhookSignature.crcResponse("Jefe", "what do ya want for nothing?")).isEqualTo(header);
    }

    @Test
    void sharedSecretsAreComparedWhole() {
        assertThat(WebhookSignature.checkSecret("s3cret", "s3cret")).isEqualTo(WebhookSignature.Verdict.VALID);
        assertThat(WebhookSignature.checkSecret("s3cret", "s3cre")).isEqualTo(WebhookSignature.Verdict.INVALID);
        assertThat(WebhookSignature.checkSecret("s3cret", "")).isEqualTo(WebhookSignature.Verdict.MISSING);
        assertThat(WebhookSignature.checkSecret("", "anything")).isEqualTo(WebhookSignature.Verdict.INVALID);
    }
}
