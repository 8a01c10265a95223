package io.tiski.emailingest.mailbox;

import io.tiski.emailingest.config.IntakeConfig;
import io.tiski.emailingest.repository.MailboxCursor;
import io.tiski.emailingest.service.MailboxProgress;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jboss.logging.Logger;

/**
 * Reads one IMAP mailbox: every mail with a UID above the stored cursor, in UID order, whatever its \Seen flag
 * (mail someone opened in another client is still taken in). Keeps the connection and reconnects with backoff.
 */
final class MailboxReader implements Runnable {
    private static final Logger LOG = Logger.getLogger(MailboxReader.class);

    private final String name;
    private final IntakeConfig.Mailbox config;
    private final MailboxProgress progress;
    private volatile boolean running = true;
    private volatile Instant lastCheckedAt;
    private volatile String lastError;
    private Thread thread;
    private final Object wakeUp = new Object();

    MailboxReader(String name, IntakeConfig.Mailbox config, MailboxProgress progress) {
        this.name = name;
        this.config = config;
        this.progress = progress;
    }

    void start() {
        thread = new Thread(this, "mailbox-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String name() {
        return name;
    }

    Instant lastCheckedAt() {
        return lastCheckedAt;
    }

    String lastError() {
        return lastError;
    }

    String address() {
        return config.protocol() + "://" + config.user() + "@" + config.host() + ":" + config.port() + "/"
                + config.folder();
    }

    @Override
    public void run() {
        long backoff = 1_000;
        while (running) {
            Store store = null;
            Folder folder = null;
            try {
                store = connect();
                folder = store.getFolder(config.folder());
                folder.open(Folder.READ_WRITE);
                LOG.infof("Reading mailbox %s (%s)", name, address());
                backoff = 1_000;
                while (running && folder.isOpen()) {
                    readNewMail((IMAPFolder) folder);
                    lastCheckedAt = Instant.now();
                    lastError = null;
                    pause(config.pollInterval().toMillis());
                }
            } catch (MessagingException | IOException | RuntimeException e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warnf("Mailbox %s (%s): %s; retrying in %d ms", name, address(), lastError, backoff);
                pause(backoff);
                backoff = Math.min(backoff * 2, 60_000);
            } finally {
                close(folder, store);
            }
        }
    }

    private Store connect() throws MessagingException {
        Properties props = new Properties();
        String protocol = config.protocol();
        props.put("mail.store.protocol", protocol);
        props.put("mail." + protocol + ".host", config.host());
        props.put("mail." + protocol + ".port", String.valueOf(config.port()));
        props.put("mail." + protocol + ".starttls.enable", String.valueOf(config.startTls()));
        props.put("mail." + protocol + ".starttls.required", String.valueOf(config.startTls()));
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "60000");
        props.put("mail." + protocol + ".partialfetch", "false");
        Store store = Session.getInstance(props).getStore(protocol);
        store.connect(config.host(), config.port(), config.user(), config.password().orElse(""));
        return store;
    }

    private void readNewMail(IMAPFolder folder) throws MessagingException, IOException {
        folder.doCommand(protocol -> {
            protocol.noop();
            return null;
        });
        long uidValidity = folder.getUIDValidity();
        MailboxCursor cursor = progress.cursor(name).orElse(null);
        if (cursor == null || cursor.uidValidity != uidValidity) {
            if (cursor != null) {
                LOG.warnf("Mailbox %s: UIDVALIDITY changed from %d to %d; reading it again (duplicates are dropped)",
                        name, cursor.uidValidity, uidValidity);
            }
            cursor = progress.restart(name, uidValidity);
        }
        Message[] messages = folder.getMessagesByUID(cursor.lastUid + 1, UIDFolder.MAXUID);
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(messages, profile);
        for (Message message : messages) {
            if (!running) {
                return;
            }
            long uid = folder.getUID(message);
            if (uid <= cursor.lastUid) {
                continue; // "n:*" returns the last mail even when it is older than n
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(message.getSize(), 1024));
            message.writeTo(raw);
            try {
                progress.takeIn(name, config.supportAddress(), uidValidity, uid, raw.toByteArray());
            } catch (RuntimeException | LinkageError e) {
                LOG.errorf(e, "Mailbox %s: mail UID %d could not be processed; quarantining it", name, uid);
                progress.quarantine(name, uidValidity, uid, raw.toByteArray(),
                        "processing failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private void pause(long millis) {
        synchronized (wakeUp) {
            try {
                wakeUp.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private static void close(Folder folder, Store store) {
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // the connection is gone anyway
        }
        try {
            if (store != null) {
                store.close();
            }
        } catch (MessagingException | RuntimeException e) {
            // the connection is gone anyway
        }
    }
}
