package io.tiski.social.platform;

/** The platform answered that it will not do this (bad recipient, blocked, window closed): trying again is useless. */
public class PlatformRefusedException extends RuntimeException {
    public PlatformRefusedException(String reason) {
        super(reason);
    }
}
