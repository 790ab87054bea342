package io.ghostbay.web.audit;

import io.ghostbay.config.AuditConfig;
import io.ghostbay.config.AuditConfig.AuditRetention;
import io.ghostbay.config.AuditConfig.SyslogTarget;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The audit log: one JSON line per API request, hash-chained, written by one background thread so
 * that a request pays only for an {@link BlockingQueue#offer} into a bounded queue.
 *
 * <p>When the queue is full the record is dropped, never waited for: an audit log that could stall
 * requests would turn a slow disk into an outage. Drops are counted
 * ({@code ghostbay_audit_dropped_total{reason="queue-full"}}) and logged at most once a minute;
 * records lost to an I/O error are counted with {@code reason="write-error"}. Sequence numbers are
 * given by the writer, so a dropped record leaves no gap in the chain: it is simply not there.
 *
 * <p>The writer is a plain daemon thread, not a container-managed one: Jakarta Concurrency's
 * {@code ManagedThreadFactory} would need the concurrent feature, which GhostBay does not otherwise
 * use. The thread touches no container services (no CDI, JNDI, transactions or security context):
 * it gets plain values, writes files and sends datagrams, and the counters are looked up before it
 * starts. {@link #stop()} drains the queue, fsyncs and ends it before the application goes away.
 */
@ApplicationScoped
public class AuditLog {
    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    private static final int BATCH = 512;
    private static final long PAUSE_MS = 10;
    private static final long WARN_INTERVAL_MS = AuditQueue.WARN_INTERVAL_MS;
    private static final long RETENTION_INTERVAL_MS = 3_600_000;
    /** Put on the queue by {@link #stop()}: everything before it is written, then the thread ends. */
    private static final AuditRecord STOP = new AuditRecord(Instant.EPOCH, "", null, null, null, null, null, null,
            null, null, 0, null, null, 0, 0, 0, null);

    private static final Metadata DROPPED = Metadata.builder().withName("ghostbay.audit.dropped")
            .withDescription("Audit records lost: queue full (the writer fell behind) or a write error").build();
    private static final Metadata WRITTEN = Metadata.builder().withName("ghostbay.audit.records")
            .withDescription("Audit records written (requests and the chain's own records)").build();

    @Inject
    AuditConfig config;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private volatile AuditQueue queue;
    private volatile boolean accepting;
    private Thread writerThread;
    private Counter droppedQueueFull;
    private Counter droppedWriteError;
    private Counter written;
    private long lastErrorLog;

    /** Starts the writer with the application, so it has recovered the chain before the first request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Observing the event creates the bean; @PostConstruct does the work.
    }

    @PostConstruct
    void start() {
        droppedQueueFull = registry.counter(DROPPED, new Tag("reason", "queue-full"));
        droppedWriteError = registry.counter(DROPPED, new Tag("reason", "write-error"));
        written = registry.counter(WRITTEN);
        if (!config.enabled()) {
            LOG.info("Audit log: off (ghostbay.audit.enabled=false)");
            return;
        }
        try {
            startWriter();
        } catch (RuntimeException e) {
            // Requests must go on without an audit log rather than fail because of it.
            LOG.log(Level.SEVERE, "Audit log: cannot start; requests are not audited", e);
        }
    }

    private void startWriter() {
        AuditRetention retention;
        try {
            retention = config.retention();
        } catch (IllegalArgumentException e) {
            LOG.severe("Audit log: " + e.getMessage() + "; keeping every audit file until this is fixed");
            retention = AuditRetention.FOREVER;
        }
        SyslogSender syslog = null;
        try {
            Optional<SyslogTarget> target = config.syslog();
            if (target.isPresent()) {
                syslog = new SyslogSender(target.get());
                LOG.info("Audit log: copying records to syslog at " + target.get() + " (UDP)");
            }
        } catch (IllegalArgumentException | IOException e) {
            LOG.severe("Audit log: no syslog copy: " + e.getMessage());
        }
        SyslogSender exporter = syslog;
        AuditFileWriter files = new AuditFileWriter(config.dir(), config.maxFileBytes(), retention, Clock.systemUTC(),
                line -> {
                    written.inc();
                    if (exporter != null) {
                        exporter.send(line);
                    }
                });
        queue = new AuditQueue(config.queueCapacity(), droppedQueueFull::inc, LOG::warning, System::currentTimeMillis);
        accepting = true;
        writerThread = new Thread(() -> run(files, exporter), "ghostbay-audit-writer");
        writerThread.setDaemon(true);
        writerThread.start();
    }

    /** Queues one record; never blocks (a full queue drops it, see {@link AuditQueue}). */
    public void record(AuditRecord r) {
        AuditQueue q = queue;
        if (q != null && accepting) {
            q.offer(r);
        }
    }

    private void run(AuditFileWriter files, SyslogSender syslog) {
        BlockingQueue<AuditRecord> queue = this.queue.queue();
        List<AuditRecord> batch = new ArrayList<>(BATCH);
        long nextRetention = 0;
        boolean stopping = false;
        while (!stopping) {
            try {
                AuditRecord first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
            } catch (InterruptedException e) {
                stopping = true;
            }
            if (batch.removeIf(r -> r == STOP)) {
                stopping = true;
                queue.drainTo(batch);
            }
            boolean full = batch.size() >= BATCH;
            write(files, batch);
            batch.clear();
            if (!stopping && !full) {
                stopping = pause();
            }
            long now = System.currentTimeMillis();
            if (!stopping && (files.retentionDue() || now >= nextRetention)) {
                try {
                    files.applyRetention();
                } catch (IOException | RuntimeException e) {
                    droppedWriteError.inc(files.discardUnwritten());
                    logError("retention failed", e);
                }
                nextRetention = now + RETENTION_INTERVAL_MS;
            }
        }
        try {
            files.close();
        } catch (IOException e) {
            logError("closing the audit file failed", e);
        }
        if (syslog != null) {
            syslog.close();
        }
    }

    private void write(AuditFileWriter files, List<AuditRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        int appended = 0;
        try {
            for (AuditRecord r : batch) {
                files.append(r.time(), r.fieldsJson());
                appended++;
            }
            files.flush();
        } catch (IOException | RuntimeException e) {
            // The records not yet appended, and those appended but not written, are lost; the
            // writer re-reads the files before the next batch, as after a crash.
            long lost = (batch.size() - appended) + files.discardUnwritten();
            droppedWriteError.inc(Math.min(lost, batch.size()));
            logError("writing " + batch.size() + " record(s) failed, " + lost + " lost", e);
        }
    }

    /**
     * Lets records gather for a moment after a batch that did not fill up. A writer blocked in
     * {@code poll} has to be woken by the request thread that queues the next record (a futex call
     * on that request's path), and then writes a batch of one; pausing instead means that under load
     * no request wakes it and each write takes the records of {@value #PAUSE_MS} ms. An idle writer
     * still blocks in {@code poll}, so a lone record is written at once. Answers true if interrupted.
     */
    private static boolean pause() {
        try {
            Thread.sleep(PAUSE_MS);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private void logError(String what, Exception e) {
        long now = System.currentTimeMillis();
        if (now - lastErrorLog >= WARN_INTERVAL_MS) {
            lastErrorLog = now;
            LOG.log(Level.SEVERE, "Audit log: " + what + " (" + config.dir() + "); further errors are counted in"
                    + " ghostbay_audit_dropped_total and logged once a minute", e);
        }
    }

    /** Writes what is queued, fsyncs and stops the writer (bounded wait: shutdown must not hang). */
    @PreDestroy
    void stop() {
        if (writerThread == null) {
            return;
        }
        accepting = false;
        // The writer is draining, so room appears; if it is wedged on a dead disk, give up.
        try {
            if (!queue.queue().offer(STOP, 5, TimeUnit.SECONDS)) {
                writerThread.interrupt();
            }
            writerThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writerThread.isAlive()) {
            LOG.warning("Audit log: the writer did not finish in time; the last records may be lost");
        }
    }
}
