package dev.gatehouse.store;

import java.util.List;
import java.util.function.Function;

/** One page of results plus the total count. */
public record Page<T>(List<T> results, long count, int page, int pageSize) {

    public int totalPages() {
        return count == 0 ? 1 : (int) ((count + pageSize - 1) / pageSize);
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(results.stream().map(f).toList(), count, page, pageSize);
    }
}
