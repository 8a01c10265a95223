package io.tiski.infrastructure;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP and IMAP server (GreenMail) on loopback. Every address can receive mail, and any password opens
 * the mailbox of the address used as the user name, so a tester reads any mailbox with any IMAP client.
 */
public final class MailServer implements AutoCloseable {
    private final GreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;

    private MailServer(GreenMail greenMail, int smtpPort, int imapPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    public static MailServer start(int smtpPort, int imapPort) {
        int smtp = FreePorts.orPick(smtpPort);
        int imap = FreePorts.orPick(imapPort);
        GreenMail greenMail = new GreenMail(new ServerSetup[] {new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new MailServer(greenMail, smtp, imap);
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
