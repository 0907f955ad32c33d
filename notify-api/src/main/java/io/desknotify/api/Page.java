package io.desknotify.api;

import java.util.List;

/**
 * One page of a query's results.
 *
 * @param items  the items of this page, unmodifiable
 * @param offset the offset of the first item within all results
 * @param limit  the page size asked for
 * @param total  the number of results in all pages
 * @param <T>    the item type
 */
public record Page<T>(List<T> items, long offset, int limit, long total) {
    /**
     * Checks and copies the page.
     *
     * @param items  the items of this page, unmodifiable
     * @param offset the offset of the first item within all results
     * @param limit  the page size asked for
     * @param total  the number of results in all pages
     * @throws IllegalArgumentException when offset, limit or total is negative
     */
    public Page {
        items = List.copyOf(items);
        if (offset < 0 || limit < 0 || total < 0) {
            throw new IllegalArgumentException("offset, limit and total must not be negative");
        }
    }

    /**
     * True when results follow this page.
     *
     * @return whether a next page has items
     */
    public boolean hasNext() {
        return offset + items.size() < total;
    }

    /**
     * A page without results.
     *
     * @param offset the offset asked for
     * @param limit  the page size asked for
     * @param <T>    the item type
     * @return an empty page with total 0
     */
    public static <T> Page<T> empty(long offset, int limit) {
        return new Page<>(List.of(), offset, limit, 0);
    }
}
