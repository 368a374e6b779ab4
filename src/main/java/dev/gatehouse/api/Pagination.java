package dev.gatehouse.api;

import dev.gatehouse.store.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** authentik's list envelope: {@code {"pagination": {...}, "results": [...]}}; next/previous are page numbers, 0 when none. */
public final class Pagination {
    private Pagination() {
    }

    public static Map<String, Object> envelope(Page<?> page) {
        Map<String, Object> p = new LinkedHashMap<>();
        int total = page.totalPages();
        p.put("next", page.page() < total ? page.page() + 1 : 0);
        p.put("previous", page.page() > 1 ? page.page() - 1 : 0);
        p.put("count", page.count());
        p.put("current", page.page());
        p.put("total_pages", total);
        long start = page.count() == 0 ? 0 : (long) (page.page() - 1) * page.pageSize() + 1;
        p.put("start_index", start);
        p.put("end_index", page.count() == 0 ? 0 : start + page.results().size() - 1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pagination", p);
        out.put("results", page.results());
        return out;
    }

    /** Query parameters every list operation takes (for the schema). */
    public static final List<String> PARAMS = List.of("page", "page_size", "search", "ordering");
}
