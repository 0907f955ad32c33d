package io.desknotify.api.spi;

import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.Page;
import io.desknotify.api.RecordQuery;
import java.util.List;

/**
 * Keeps delivery records. The notifier writes one record per target when the target's outcome is known and
 * replaces it when the outcome changes (PENDING to final). Implementations must be thread-safe; {@code save}
 * is called from dispatch threads, so it should be fast (a durable store may buffer).
 */
public interface RecordStore {

    /**
     * Inserts records, replacing any earlier record of the same job and target (same kind and value). The list
     * holds records of one job.
     *
     * @param records the records to keep
     */
    void save(List<DeliveryRecord> records);

    /**
     * Returns one page of records matching the query, in the query's order.
     *
     * @param query filters, paging and order
     * @return the page
     */
    Page<DeliveryRecord> query(RecordQuery query);
}
