package dev.gatehouse.store;

import java.util.Map;

/** What a list endpoint was asked for: DRF-style {@code page}, {@code page_size}, {@code search}, {@code ordering} and exact filters. */
public record PageRequest(int page, int pageSize, String search, String ordering, Map<String, String> filters) {
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 1000;

    public static PageRequest all() {
        return new PageRequest(1, MAX_PAGE_SIZE, null, null, Map.of());
    }
}
