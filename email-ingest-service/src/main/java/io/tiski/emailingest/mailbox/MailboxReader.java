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
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jboss.logging.Logger;

/**
 * Reads one IMAP mailbox: every mail with a UID above the stored cursor, in UID order, whatever its \Seen flag
 * (mail someone opened in another client is still taken in). Keeps the connection and reconnects with backoff.
 */
final class MailboxReader implements Runnable {
    private static final Logger LOG = Logger.getLogger(MailboxReader.class);
    /** How soon a NOOP meant to end an IDLE is sent again while the IDLE has not ended. */
    private static final Duration IDLE_END_RETRY = Duration.ofMillis(200);

    private final String name;
    private final IntakeConfig.Mailbox config;
    private final MailboxProgress progress;
    private volatile boolean running = true;
    private volatile Instant lastCheckedAt;
    private volatile String lastError;
    private Thread thread;
    private volatile Folder currentFolder;
    private volatile boolean idling;
    /** The server reported new mail since the last read began (an untagged EXISTS, whenever it came). */
    private volatile boolean mailReported;
    private final Object wakeUp = new Object();
    /** Each mail taken in starts a trace: fetched here, threaded in ticket-service, acknowledged by notification. */
    private final io.opentelemetry.api.trace.Tracer tracer;

    MailboxReader(String name, IntakeConfig.Mailbox config, MailboxProgress progress,
            io.opentelemetry.api.trace.Tracer tracer) {
        this.tracer = tracer;
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
        Folder open = currentFolder;
        if (open != null) {
            try {
                open.close(false); // ends a running IDLE
            } catch (MessagingException | RuntimeException e) {
                // closing anyway
            }
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

    /** Connected and waiting in IMAP IDLE for the server to report new mail. */
    boolean idling() {
        return idling;
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
                currentFolder = folder;
                folder.addMessageCountListener(new MessageCountAdapter() {
                    @Override
                    public void messagesAdded(MessageCountEvent event) {
                        mailReported = true;
                        synchronized (wakeUp) {
                            wakeUp.notifyAll();
                        }
                    }
                });
                LOG.infof("Reading mailbox %s (%s)", name, address());
                backoff = 1_000;
                boolean idle = config.idle() && ((org.eclipse.angus.mail.imap.IMAPStore) store).hasCapability("IDLE");
                LOG.infof("Mailbox %s: %s", name, idle ? "waiting for new mail with IMAP IDLE"
                        : "polling every " + config.pollInterval());
                while (running && folder.isOpen()) {
                    mailReported = false;
                    readNewMail((IMAPFolder) folder);
                    lastCheckedAt = Instant.now();
                    lastError = null;
                    if (idle) {
                        idleUntilNewMail((IMAPFolder) folder);
                    } else {
                        pause(config.pollInterval().toMillis());
                    }
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

    /**
     * Blocks in IMAP IDLE until the server reports a change. A timer ends the IDLE with a NOOP after the renewal
     * interval, so a silently dropped connection is noticed and the mailbox is re-read as a fallback.
     *
     * <p>Mail can arrive after the read's search and before the IDLE begins. The server reports it as the IDLE
     * starts, but that report does not end the IDLE, and without more mail the mailbox would wait for the renewal
     * (minutes) with mail in it. So whenever new mail was reported since the read began, the IDLE is ended at once;
     * a NOOP sent before the IDLE began does not end it, so it is sent again until the IDLE has ended.
     */
    private void idleUntilNewMail(IMAPFolder folder) throws MessagingException {
        Thread renewal = new Thread(() -> {
            try {
                synchronized (wakeUp) {
                    long until = System.nanoTime() + config.idleRenewal().toNanos();
                    long left;
                    while (running && !mailReported && (left = until - System.nanoTime()) > 0) {
                        TimeUnit.NANOSECONDS.timedWait(wakeUp, left);
                    }
                }
                while (idling) {
                    folder.doCommand(protocol -> {
                        protocol.simpleCommand("NOOP", null);
                        return null;
                    });
                    Thread.sleep(IDLE_END_RETRY.toMillis());
                }
            } catch (InterruptedException e) {
                // the IDLE has ended
            } catch (MessagingException | RuntimeException e) {
                // the IDLE has ended anyway
            }
        }, "mailbox-" + name + "-idle-renewal");
        renewal.setDaemon(true);
        idling = true;
        renewal.start();
        try {
            folder.idle(true);
        } finally {
            idling = false;
            renewal.interrupt();
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
        if (config.oauth2()) {
            props.put("mail." + protocol + ".auth.mechanisms", "XOAUTH2");
        }
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
            io.opentelemetry.api.trace.Span span = tracer.spanBuilder("imap fetch " + name)
                    .setSpanKind(io.opentelemetry.api.trace.SpanKind.CONSUMER)
                    .setAttribute("messaging.system", "imap").setAttribute("tiski.mailbox", name)
                    .setAttribute("server.address", config.host()).setAttribute("tiski.mail.uid", uid).startSpan();
            try (io.opentelemetry.context.Scope scope = span.makeCurrent()) {
                if (!takeIn(folder, message, uidValidity, uid)) {
                    continue;
                }
            } finally {
                span.end();
            }
            afterProcessing(folder, message);
        }
    }

    /** Fetches one mail and takes it in (or quarantines it); false when the server could not hand it out. */
    private boolean takeIn(IMAPFolder folder, Message message, long uidValidity, long uid)
            throws MessagingException {
        byte[] raw;
        try {
            raw = rawBytes(folder, message);
        } catch (jakarta.mail.FolderClosedException | jakarta.mail.StoreClosedException e) {
            throw e; // the connection is gone: reconnect and read on from the cursor
        } catch (MessagingException | IOException | RuntimeException e) {
            // the server cannot hand this one mail out; record that, and let the rest of the mailbox flow
            LOG.errorf("Mailbox %s: the server could not deliver mail UID %d: %s", name, uid, e.getMessage());
            io.opentelemetry.api.trace.Span.current().setStatus(io.opentelemetry.api.trace.StatusCode.ERROR,
                    "the server could not deliver the mail");
            progress.quarantine(name, uidValidity, uid, new byte[0], "the IMAP server could not deliver mail UID "
                    + uid + " of " + address() + " (UIDVALIDITY " + uidValidity + "): " + e.getMessage());
            return false;
        }
        try {
            progress.takeIn(name, config.supportAddress(), uidValidity, uid, raw);
        } catch (RuntimeException | LinkageError e) {
            LOG.errorf(e, "Mailbox %s: mail UID %d could not be processed; quarantining it", name, uid);
            io.opentelemetry.api.trace.Span.current().recordException(e);
            progress.quarantine(name, uidValidity, uid, raw,
                    "processing failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return true;
    }

    /**
     * The mail exactly as the server keeps it (BODY.PEEK[]), without asking for the envelope: a server may fail to
     * build an envelope for broken headers and still serve the bytes.
     */
    private static byte[] rawBytes(IMAPFolder folder, Message message) throws MessagingException, IOException {
        int number = message.getMessageNumber();
        Object body = folder.doCommand(protocol -> {
            org.eclipse.angus.mail.imap.protocol.BODY fetched = protocol.peekBody(number, "");
            return fetched == null ? null : fetched.getByteArray().getNewBytes();
        });
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream(8 * 1024);
        message.writeTo(raw);
        return raw.toByteArray();
    }

    /** Marks or moves mail as configured, once it is safely taken in; a failure here loses nothing. */
    private void afterProcessing(IMAPFolder folder, Message message) {
        try {
            if (config.markSeen()) {
                message.setFlag(jakarta.mail.Flags.Flag.SEEN, true);
            }
            if (config.moveToFolder().isPresent()) {
                Folder target = folder.getStore().getFolder(config.moveToFolder().get());
                if (!target.exists()) {
                    target.create(Folder.HOLDS_MESSAGES);
                }
                folder.moveMessages(new Message[] {message}, target);
            }
        } catch (MessagingException | RuntimeException e) {
            LOG.warnf("Mailbox %s: could not mark or move a processed mail: %s", name, e.getMessage());
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
