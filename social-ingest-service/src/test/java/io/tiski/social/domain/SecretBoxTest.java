package io.tiski.social.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    static final SecretBox BOX = SecretBox.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

    @Test
    void sealedSecretsOpenOnlyForTheirConnectionAndNeverRepeat() {
        byte[] secret = "{\"appSecret\":\"s3cr3t\"}".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = BOX.seal(secret, "shoppage");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t");
        assertThat(BOX.open(sealed, "shoppage")).isEqualTo(secret);
        assertThat(BOX.seal(secret, "shoppage")).isNotEqualTo(sealed);
        assertThatThrownBy(() -> BOX.open(sealed, "otherpage")).hasMessageContaining("cannot be decrypted");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> BOX.open(sealed, "shoppage")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyMustBe32Bytes() {
        assertThatThrownBy(() -> SecretBox.fromBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretBox.fromBase64("not base64!")).hasMessageContaining("base64");
    }
}
