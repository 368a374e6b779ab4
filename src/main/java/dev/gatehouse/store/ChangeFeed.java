package dev.gatehouse.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jooq.DSLContext;

/**
 * Which rows changed, for the in-memory caches of every process sharing the database. A change is a
 * (topic, key) pair, e.g. ({@value #USER}, "42"); the key {@value #ALL} means every key of the topic.
 * {@link #publish} runs this process's subscribers at once, or after the commit when called inside
 * {@link Database#tx} (a rolled-back transaction publishes nothing). On PostgreSQL the change is also sent
 * as {@code NOTIFY gatehouse_changes, '<origin>|<topic>:<key>'} inside the writing transaction, so
 * PostgreSQL delivers it to the other processes only once the rows are committed; {@link ChangeListener}
 * receives them. {@code origin} names the sending feed, which skips its own notifications (it delivered them
 * already); a payload without one ({@code NOTIFY gatehouse_changes, 'definitions:*'} from psql) is taken
 * from anyone. After the listening connection was lost, every subscriber gets {@value #ALL}: changes may have
 * been missed. Subscribers run on the publishing or the listening thread and must be quick and idempotent
 * (evict, never load).
 */
public final class ChangeFeed implements AutoCloseable {
    public static final String CHANNEL = "gatehouse_changes";
    /** The key that stands for every key of a topic. */
    public static final String ALL = "*";
    /** Flows, stages, bindings, policies, brands (what {@link DefinitionCache} holds); key always {@value #ALL}. */
    public static final String DEFINITIONS = "definitions";
    /** A browser session ended; key: the SHA-256 (hex) of its key, as stored. */
    public static final String SESSION = "session";
    /** A user row, its group memberships or all its sessions changed; key: the user's pk. */
    public static final String USER = "user";
    /** A group (name, superuser flag, attributes, parents) changed or was deleted; key: its uuid. */
    public static final String GROUP = "group";
    static final int MAX_PAYLOAD = 200;
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());
    private static final ChangeFeed NONE = new ChangeFeed(null);

    /** Ends a subscription. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private record Change(String topic, String key) {
    }

    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    /** Per thread: the changes of each open {@link Database#tx} level, innermost last, and those to deliver. */
    private final ThreadLocal<Deque<Set<Change>>> open = ThreadLocal.withInitial(ArrayDeque::new);
    private final ThreadLocal<Set<Change>> committed = ThreadLocal.withInitial(LinkedHashSet::new);
    private final Supplier<DSLContext> notifier;
    private final String origin = java.util.UUID.randomUUID().toString().substring(0, 8);
    private volatile ChangeListener listener;

    /** {@code notifier}: the auto-committing context NOTIFY goes through outside a transaction; null: local only. */
    ChangeFeed(Supplier<DSLContext> notifier) {
        this.notifier = notifier;
    }

    /** The feed of the database a jOOQ context belongs to; for a context made without one, a feed to nobody. */
    public static ChangeFeed of(DSLContext dsl) {
        return dsl.configuration().data(ChangeFeed.class) instanceof ChangeFeed feed ? feed : NONE;
    }

    /** Calls {@code onChange} with the key of every change to {@code topic} ({@value #ALL}: all keys). */
    public Subscription subscribe(String topic, Consumer<String> onChange) {
        List<Consumer<String>> list = subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        list.add(onChange);
        return () -> list.remove(onChange);
    }

    /** Announces that rows under (topic, key) changed: here at once or after the commit, elsewhere by NOTIFY. */
    public void publish(String topic, String key) {
        if (topic.indexOf(':') >= 0 || topic.indexOf('|') >= 0 || topic.length() + key.length() + 1 > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a change is a short topic (no ':' or '|') and key");
        }
        Change change = new Change(topic, key);
        Deque<Set<Change>> levels = open.get();
        if (!levels.isEmpty()) {
            levels.peekLast().add(change);
            return;
        }
        if (this != NONE) {
            if (notifier != null) {
                notify(notifier.get(), Set.of(change));
            }
            deliver(change);
        }
    }

    /** Whether other processes' changes arrive: on PostgreSQL while LISTEN is connected; always with H2. */
    public boolean listening() {
        ChangeListener l = listener;
        return notifier == null || l != null && l.listening();
    }

    void listenWith(ChangeListener l) {
        this.listener = l;
        l.start();
    }

    ChangeListener listener() {
        return listener;
    }

    /** Database.tx runs each transaction in this; its changes are delivered here once the outermost ends. */
    <T> T inTransaction(Supplier<T> work) {
        Deque<Set<Change>> levels = open.get();
        levels.addLast(new LinkedHashSet<>());
        boolean done = false;
        try {
            T result = work.get();
            done = true;
            return result;
        } finally {
            Set<Change> mine = levels.removeLast();
            Set<Change> toDeliver = committed.get();
            if (done) {
                toDeliver.addAll(mine);
            }
            if (levels.isEmpty()) {
                List<Change> batch = new ArrayList<>(toDeliver);
                toDeliver.clear();
                batch.forEach(this::deliver);
            }
        }
    }

    /** Database.tx calls this at the end of the transaction's work, before the commit: NOTIFY on its connection. */
    void beforeCommit(DSLContext tx) {
        Deque<Set<Change>> levels = open.get();
        if (notifier != null && !levels.isEmpty() && !levels.peekLast().isEmpty()) {
            notify(tx, levels.peekLast());
        }
    }

    private void notify(DSLContext dsl, Set<Change> changes) {
        for (Change c : changes) {
            dsl.fetch("SELECT pg_notify(?, ?)", CHANNEL, origin + "|" + c.topic() + ":" + c.key());
        }
    }

    /** A notification's payload, as {@link ChangeListener} received it. */
    void received(String payload) {
        int colon = payload.indexOf(':');
        int bar = colon < 0 ? -1 : payload.lastIndexOf('|', colon);
        if (colon > bar + 1 && !payload.substring(0, Math.max(bar, 0)).equals(origin)) {
            deliver(new Change(payload.substring(bar + 1, colon), payload.substring(colon + 1)));
        }
    }

    /** Every topic, every key: after changes may have been missed. */
    void everything() {
        subscribers.keySet().forEach(topic -> deliver(new Change(topic, ALL)));
    }

    private void deliver(Change change) {
        for (Consumer<String> s : subscribers.getOrDefault(change.topic(), List.of())) {
            try {
                s.accept(change.key());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a subscriber to " + change.topic() + " changes failed", e);
            }
        }
    }

    @Override
    public void close() {
        ChangeListener l = listener;
        if (l != null) {
            l.close();
        }
    }
}
