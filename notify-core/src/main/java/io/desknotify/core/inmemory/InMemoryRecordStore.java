package io.desknotify.core.inmemory;

import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.Outcome;
import io.desknotify.api.Page;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.Target;
import io.desknotify.api.spi.RecordStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default {@link RecordStore}: records in memory, bounded. When more than {@code capacity} records are held,
 * the records of the oldest jobs are dropped whole; a single job larger than the capacity keeps its first
 * {@code capacity} records and counts the rest in {@link #dropped()}. Job reports count every target regardless.
 * Thread-safe.
 */
public final class InMemoryRecordStore implements RecordStore {
    /** Capacity of {@link #InMemoryRecordStore()}. */
    public static final int DEFAULT_CAPACITY = 1_000_000;
    private static final System.Logger LOG = System.getLogger(InMemoryRecordStore.class.getName());

    private final int capacity;
    private final Object lock = new Object();
    private final LinkedHashMap<String, JobRecords> jobs = new LinkedHashMap<>();
    private long size;
    private long dropped;

    /** A store of {@value #DEFAULT_CAPACITY} records. */
    public InMemoryRecordStore() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * A store of the given capacity.
     *
     * @param capacity the most records held, at least 1
     * @throws IllegalArgumentException when less than 1
     */
    public InMemoryRecordStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 but was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Records of one job in insertion order, kept in the chunks they were saved in (one per batch): a job of a
     * million records then never copies a million-slot array to grow it. PENDING records are indexed by position
     * (chunk and offset) so that their final record replaces them.
     */
    private static final class JobRecords {
        final String jobId;
        final ArrayList<Chunk> chunks = new ArrayList<>();
        final Map<Target, Long> pending = new HashMap<>();
        int count;

        JobRecords(String jobId) {
            this.jobId = jobId;
        }

        void replace(long at, DeliveryRecord r) {
            chunks.get((int) (at >>> 32)).set((int) at, r);
        }

        void append(DeliveryRecord[] saved, int length) {
            if (length > 0) {
                chunks.add(Chunk.of(saved, length));
                count += length;
            }
        }

        long position(int offsetInNextChunk) {
            return (long) chunks.size() << 32 | offsetInNextChunk;
        }
    }

    /**
     * Records saved together. When they differ only in target and outcome, as a batch's records do, only each
     * target and outcome is kept (5 bytes a record instead of 28; 4 more when the records were resolved from
     * users or pools, for the requested target), with the first record standing for the rest;
     * records are rebuilt when read. A record that later replaces one of them is kept whole beside them.
     */
    private static final class Chunk {
        private static final Outcome[] OUTCOMES = Outcome.values();

        final int size;
        private final DeliveryRecord prototype;
        private final Target[] targets;
        // the requested target (user, pool) of each record where it differs; null when none does
        private final Target[] requested;
        private final byte[] outcomes;
        // every record (not compact), or the replacements of compact records (null: not replaced)
        private DeliveryRecord[] records;

        private Chunk(int size, DeliveryRecord prototype, Target[] targets, Target[] requested, byte[] outcomes,
                DeliveryRecord[] records) {
            this.size = size;
            this.prototype = prototype;
            this.targets = targets;
            this.requested = requested;
            this.outcomes = outcomes;
            this.records = records;
        }

        static Chunk of(DeliveryRecord[] saved, int length) {
            DeliveryRecord first = saved[0];
            for (int i = 1; i < length; i++) {
                if (!saved[i].sameDetailsAs(first)) {
                    return new Chunk(length, null, null, null, null, Arrays.copyOf(saved, length));
                }
            }
            Target[] targets = new Target[length];
            Target[] requested = null;
            byte[] outcomes = new byte[length];
            for (int i = 0; i < length; i++) {
                DeliveryRecord r = saved[i];
                targets[i] = r.target();
                outcomes[i] = (byte) r.outcome().ordinal();
                Target asked = r.requestedTarget();
                if (asked != r.target()) {
                    if (requested == null) {
                        requested = new Target[length];
                    }
                    requested[i] = asked;
                }
            }
            return new Chunk(length, first, targets, requested, outcomes, null);
        }

        DeliveryRecord get(int i) {
            DeliveryRecord r = records != null ? records[i] : null;
            if (r != null) {
                return r;
            }
            return prototype.toBuilder().target(targets[i]).requestedTarget(requested == null ? null : requested[i])
                    .outcome(OUTCOMES[outcomes[i]]).build();
        }

        void set(int i, DeliveryRecord r) {
            if (records == null) {
                records = new DeliveryRecord[size];
            }
            records[i] = r;
        }
    }

    @Override
    public void save(List<DeliveryRecord> records) {
        synchronized (lock) {
            JobRecords jr = null;
            DeliveryRecord[] chunk = null;
            int added = 0;
            for (DeliveryRecord r : records) {
                // the list is normally of one job; look the job up again only when it changes
                if (jr == null || !jr.jobId.equals(r.jobId())) {
                    if (jr != null) {
                        jr.append(chunk, added);
                    }
                    jr = jobs.computeIfAbsent(r.jobId(), JobRecords::new);
                    chunk = new DeliveryRecord[records.size()];
                    added = 0;
                }
                Long at = jr.pending.isEmpty() ? null : jr.pending.remove(r.target());
                if (at != null) {
                    if (at >>> 32 == jr.chunks.size()) {
                        chunk[(int) (long) at] = r; // pending in the chunk being saved now
                    } else {
                        jr.replace(at, r);
                    }
                    if (!r.outcome().isFinal()) {
                        jr.pending.put(r.target(), at);
                    }
                    continue;
                }
                if (size >= capacity && !evictOldestBut(r.jobId())) {
                    if (dropped++ == 0) {
                        LOG.log(System.Logger.Level.WARNING, "record store full (capacity " + capacity
                                + "): records of job " + r.jobId() + " beyond it are not kept");
                    }
                    continue;
                }
                if (!r.outcome().isFinal()) {
                    jr.pending.put(r.target(), jr.position(added));
                }
                chunk[added++] = r;
                size++;
            }
            if (jr != null) {
                jr.append(chunk, added);
            }
        }
    }

    /** Drops the oldest job other than {@code keep}; false when there is none. */
    private boolean evictOldestBut(String keep) {
        Iterator<Map.Entry<String, JobRecords>> it = jobs.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JobRecords> e = it.next();
            if (!e.getKey().equals(keep)) {
                size -= e.getValue().count;
                it.remove();
                return true;
            }
        }
        return false;
    }

    @Override
    public Page<DeliveryRecord> query(RecordQuery query) {
        List<DeliveryRecord> matched = new ArrayList<>();
        synchronized (lock) {
            if (query.jobId().isPresent()) {
                JobRecords jr = jobs.get(query.jobId().get());
                if (jr != null) {
                    collect(jr, query, matched);
                }
            } else {
                for (JobRecords jr : jobs.values()) {
                    collect(jr, query, matched);
                }
            }
        }
        switch (query.sort()) {
            case UPDATED_ASC -> matched.sort(Comparator.comparing(DeliveryRecord::updatedAt));
            case UPDATED_DESC -> matched.sort(Comparator.comparing(DeliveryRecord::updatedAt).reversed());
            case RECORDED -> {
            }
        }
        int from = (int) Math.min(query.offset(), matched.size());
        int to = (int) Math.min((long) from + query.limit(), matched.size());
        return new Page<>(matched.subList(from, to), query.offset(), query.limit(), matched.size());
    }

    private static void collect(JobRecords jr, RecordQuery query, List<DeliveryRecord> out) {
        for (Chunk chunk : jr.chunks) {
            for (int i = 0; i < chunk.size; i++) {
                DeliveryRecord r = chunk.get(i);
                if (query.matches(r)) {
                    out.add(r);
                }
            }
        }
    }

    /**
     * Records held now.
     *
     * @return the count
     */
    public long size() {
        synchronized (lock) {
            return size;
        }
    }

    /**
     * Records not kept because a single job exceeded the capacity.
     *
     * @return the count
     */
    public long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }
}
