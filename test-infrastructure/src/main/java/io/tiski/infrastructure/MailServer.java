package io.tiski.infrastructure;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

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

    /**
     * Starts the server on the given ports; 0 picks free ones. A picked port can be taken between the probe and the
     * server's bind (as the local end of any process's outgoing connection: the probe's ports are ephemeral ones),
     * so a start on picked ports that fails is tried again on others, a few times.
     */
    public static MailServer start(int smtpPort, int imapPort) {
        findMailStreamsOnce();
        boolean picked = smtpPort <= 0 || imapPort <= 0;
        for (int attempt = 1; ; attempt++) {
            int smtp = FreePorts.orPick(smtpPort);
            int imap = FreePorts.orPick(imapPort);
            GreenMail greenMail = new PromptGreenMail(new ServerSetup[] {new ServerSetup(smtp, "127.0.0.1",
                    ServerSetup.PROTOCOL_SMTP), new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            try {
                greenMail.start();
                return new MailServer(greenMail, smtp, imap);
            } catch (IllegalStateException e) {
                try {
                    greenMail.stop();
                } catch (RuntimeException stopping) {
                    e.addSuppressed(stopping);
                }
                if (!picked || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * GreenMail writes a reply line and its CRLF as two TCP segments; with Nagle's algorithm on, the second waits
     * for the client's delayed acknowledgement, about 40 ms for every SMTP or IMAP command. A real mail server
     * answers without that wait, so this one sends each segment at once ({@code TCP_NODELAY}).
     */
    private static final class PromptGreenMail extends GreenMail {
        PromptGreenMail(ServerSetup[] setups) {
            super(setups);
        }

        @Override
        protected java.util.Map<String, com.icegreen.greenmail.server.AbstractServer> createServices(
                ServerSetup[] setups, com.icegreen.greenmail.Managers managers) {
            java.util.Map<String, com.icegreen.greenmail.server.AbstractServer> services = super.createServices(setups,
                    managers);
            services.replaceAll((protocol, server) -> {
                if (server instanceof com.icegreen.greenmail.smtp.SmtpServer) {
                    return promptSmtp(server.getServerSetup(), managers);
                }
                if (server instanceof com.icegreen.greenmail.imap.ImapServer) {
                    // ImapServer is final: the same server, its handler made the same way
                    return new com.icegreen.greenmail.server.AbstractServer(server.getServerSetup(), managers) {
                        @Override
                        protected com.icegreen.greenmail.server.ProtocolHandler createProtocolHandler(
                                java.net.Socket socket) {
                            return new com.icegreen.greenmail.imap.ImapHandler(managers.getUserManager(),
                                    managers.getImapHostManager(), socket);
                        }

                        @Override
                        protected void handleClientSocket(java.net.Socket socket) throws java.net.SocketException {
                            socket.setTcpNoDelay(true);
                            super.handleClientSocket(socket);
                        }
                    };
                }
                return server;
            });
            return services;
        }

        private static com.icegreen.greenmail.smtp.SmtpServer promptSmtp(ServerSetup setup,
                com.icegreen.greenmail.Managers managers) {
            return new com.icegreen.greenmail.smtp.SmtpServer(setup, managers) {
                @Override
                protected void handleClientSocket(java.net.Socket socket) throws java.net.SocketException {
                    socket.setTcpNoDelay(true);
                    super.handleClientSocket(socket);
                }
            };
        }

        synchronized void smtpDownFor(java.time.Duration downtime) throws InterruptedException {
            com.icegreen.greenmail.smtp.SmtpServer running = getSmtp();
            running.stopService();
            Thread.sleep(downtime.toMillis());
            com.icegreen.greenmail.smtp.SmtpServer restarted = promptSmtp(running.getServerSetup(), managers);
            services.put(running.getProtocol(), restarted);
            restarted.startService();
            if (!restarted.waitTillRunning(running.getServerSetup().getServerStartupTimeout())) {
                throw new IllegalStateException("the SMTP server did not come back on port " + restarted.getPort());
            }
        }
    }

    /**
     * Stops the SMTP server (connections refused; mail already received stays readable over IMAP) and starts it
     * again on the same port after {@code downtime}: a mail relay that is down for a while.
     */
    public void smtpDownFor(java.time.Duration downtime) throws InterruptedException {
        ((PromptGreenMail) greenMail).smtpDownFor(downtime);
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    /**
     * Jakarta Mail looks up its stream provider on every MIME part it writes or decodes, and without this
     * property that lookup reads every jar on the class path (a quarter of a benchmark JVM's CPU went there, on
     * each mail the server stored). Naming the provider the class path holds makes it a class lookup.
     */
    static void findMailStreamsOnce() {
        String property = "jakarta.mail.util.StreamProvider";
        String provider = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty(property) == null) {
            try {
                Class.forName(provider, false, MailServer.class.getClassLoader());
                System.setProperty(property, provider);
            } catch (ClassNotFoundException e) {
                // another Jakarta Mail implementation: it is found the standard way
            }
        }
    }

    /**
     * From now on, mail to anyone but {@code kept} is accepted (the SMTP conversation runs to its {@code 250}) and
     * counted, not stored. For load runs whose recipients stand for the mail systems of thousands of customers and
     * whose mail nobody reads back: storing a mail parses its MIME structure for IMAP, which took the larger part of
     * this server's CPU, on the machine whose CPU the run measures. Returns the count of mails so accepted.
     */
    public java.util.function.LongSupplier discardMailExceptTo(java.util.Collection<String> kept) {
        java.util.concurrent.atomic.LongAdder accepted = new java.util.concurrent.atomic.LongAdder();
        com.icegreen.greenmail.user.GreenMailUser discarding = new com.icegreen.greenmail.user.GreenMailUser() {
            @Override
            public String getEmail() {
                return "discarded@localhost";
            }

            @Override
            public String getLogin() {
                return getEmail();
            }

            @Override
            public void deliver(com.icegreen.greenmail.mail.MovingMessage message) {
                accepted.increment();
            }

            @Override
            public void deliver(MimeMessage message) {
                accepted.increment();
            }

            @Override
            public void create() {
            }

            @Override
            public void delete() {
            }

            @Override
            public String getPassword() {
                return null;
            }

            @Override
            public void setPassword(String password) {
            }

            @Override
            public void authenticate(String password) throws com.icegreen.greenmail.user.UserException {
                throw new com.icegreen.greenmail.user.UserException("mail to this address is not kept");
            }

            @Override
            public String getQualifiedMailboxName() {
                return getEmail();
            }
        };
        java.util.Set<String> keep = new java.util.HashSet<>();
        kept.forEach(address -> keep.add(address.toLowerCase(java.util.Locale.ROOT)));
        com.icegreen.greenmail.user.UserManager users = greenMail.getUserManager();
        com.icegreen.greenmail.user.MessageDeliveryHandler standard = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, address) -> keep.contains(address.getEmail()
                .toLowerCase(java.util.Locale.ROOT)) ? standard.handle(message, address) : discarding);
        return accepted::sum;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** A mail session that sends through this server's SMTP port. */
    public Session session() {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtpPort));
        return Session.getInstance(props);
    }

    /** What a mail client shows in {@code address}'s inbox, read over IMAP. */
    public List<MimeMessage> inbox(String address) throws MessagingException {
        Store store = session().getStore("imap");
        store.connect("127.0.0.1", imapPort, address, "any");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<MimeMessage> messages = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                messages.add(new MimeMessage((MimeMessage) m));
            }
            inbox.close(false);
            return messages;
        } finally {
            store.close();
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
