package dev.gatehouse.flow.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Plans in progress, held server-side under the browser's flow key and the flow slug; the client only
 * carries the random key. Bounded and forgotten after 30 idle minutes. (Held in this process's memory:
 * a cluster needs sticky sessions for flows until plans move into the database.)
 */
public final class FlowPlans {
    public static final Duration IDLE = Duration.ofMinutes(30);

    /** A plan, or the final step of one that has ended and not yet been shown. */
    public record Entry(FlowPlan plan, FlowExecutor.Step finished) {
    }

    private final Cache<String, Entry> entries = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterAccess(IDLE).build();

    public Entry get(String flowKey, String slug) {
        return entries.getIfPresent(flowKey + "/" + slug);
    }

    public void put(String flowKey, String slug, Entry entry) {
        entries.put(flowKey + "/" + slug, entry);
    }

    public void remove(String flowKey, String slug) {
        entries.invalidate(flowKey + "/" + slug);
    }
}
