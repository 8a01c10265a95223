package io.tiski.social.domain;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts connection secrets for storage with AES-256-GCM: a fresh 12-byte IV per value, authenticated, so a
 * changed or swapped ciphertext is refused rather than decrypted into something else. The connection's name is
 * bound in as associated data: a row's secrets cannot be moved to another connection.
 */
public final class SecretBox {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** From the base64 of 32 random bytes (for example {@code openssl rand -base64 32}). */
    public static SecretBox fromBase64(String key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tiski.social.secrets-key is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("tiski.social.secrets-key must be 32 bytes (base64 of 32 random "
                    + "bytes), not " + bytes.length);
        }
        return new SecretBox(bytes);
    }

    public byte[] seal(byte[] plain, String boundTo) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(boundTo.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public byte[] open(byte[] sealed, String boundTo) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
            cipher.updateAAD(boundTo.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, 12, sealed.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the secrets of connection " + boundTo + " cannot be decrypted with "
                    + "this tiski.social.secrets-key", e);
        }
    }
}
