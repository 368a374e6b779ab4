package dev.gatehouse.store;

import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.errors.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The shared list query behind every list endpoint: exact-match filters, a case-insensitive {@code search}
 * over a few text columns, {@code ordering} ({@code -field} descending) from an allow-list, and paging.
 * A stable tie-breaker keeps pages disjoint.
 */
public final class Listing<T> {
    private final Table<?> table;
    private final List<Field<?>> columns;
    private final RecordMapper<Record, T> mapper;
    private final Map<String, Field<?>> filters;
    private final List<Field<String>> searchFields;
    private final Map<String, Field<?>> orderFields;
    private final List<SortField<?>> defaultOrder;
    private final Field<?> tieBreaker;

    private Listing(Builder<T> b) {
        this.table = b.table;
        this.columns = b.columns;
        this.mapper = b.mapper;
        this.filters = Map.copyOf(b.filters);
        this.searchFields = List.copyOf(b.searchFields);
        this.orderFields = Map.copyOf(b.orderFields);
        this.defaultOrder = List.copyOf(b.defaultOrder);
        this.tieBreaker = b.tieBreaker;
    }

    public static <T> Builder<T> of(Table<?> table, List<Field<?>> columns, Field<?> tieBreaker,
                                    RecordMapper<Record, T> mapper) {
        return new Builder<>(table, columns, tieBreaker, mapper);
    }

    /** The filter names this listing accepts (for the API schema). */
    public java.util.Set<String> filterNames() {
        return filters.keySet();
    }

    public Page<T> fetch(DSLContext dsl, PageRequest req, Condition base) {
        Condition where = base == null ? DSL.noCondition() : base;
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : req.filters().entrySet()) {
            Field<?> field = filters.get(f.getKey());
            if (field != null) {
                Condition c = equalTo(field, f.getValue());
                if (c == null) {
                    errors.put(f.getKey(), List.of("Enter a valid value."));
                } else {
                    where = where.and(c);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (req.search() != null && !req.search().isBlank() && !searchFields.isEmpty()) {
            Condition any = DSL.falseCondition();
            for (Field<String> s : searchFields) {
                any = any.or(s.containsIgnoreCase(req.search().trim()));
            }
            where = where.and(any);
        }
        long count = dsl.selectCount().from(table).where(where).fetchOne(0, Long.class);
        int pages = count == 0 ? 1 : (int) ((count + req.pageSize() - 1) / req.pageSize());
        if (req.page() < 1 || req.page() > pages) {
            throw new NotFoundException("Invalid page.");
        }
        List<T> rows = dsl.select(columns).from(table).where(where)
                .orderBy(sort(req.ordering()))
                .limit(req.pageSize()).offset((req.page() - 1) * req.pageSize())
                .fetch(mapper);
        return new Page<>(rows, count, req.page(), req.pageSize());
    }

    private List<SortField<?>> sort(String ordering) {
        List<SortField<?>> out = new ArrayList<>();
        if (ordering != null) {
            for (String part : ordering.split(",")) {
                String name = part.trim();
                boolean desc = name.startsWith("-");
                Field<?> f = orderFields.get(desc ? name.substring(1) : name);
                if (f != null) {
                    out.add(desc ? f.desc() : f.asc());
                }
            }
        }
        if (out.isEmpty()) {
            out.addAll(defaultOrder);
        }
        out.add(tieBreaker.asc());
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Condition equalTo(Field<?> field, String value) {
        Class<?> type = field.getType();
        try {
            if (type == Boolean.class) {
                return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                    case "true", "1" -> ((Field<Boolean>) field).isTrue();
                    case "false", "0" -> ((Field<Boolean>) field).isFalse();
                    default -> null;
                };
            }
            if (type == Long.class) {
                return ((Field<Long>) field).eq(Long.parseLong(value));
            }
            if (type == UUID.class) {
                return ((Field<UUID>) field).eq(UUID.fromString(value));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return ((Field<String>) field).eq(value);
    }

    /** Declares what a listing may filter, search and order by. */
    public static final class Builder<T> {
        private final Table<?> table;
        private final List<Field<?>> columns;
        private final Field<?> tieBreaker;
        private final RecordMapper<Record, T> mapper;
        private final Map<String, Field<?>> filters = new LinkedHashMap<>();
        private final List<Field<String>> searchFields = new ArrayList<>();
        private final Map<String, Field<?>> orderFields = new LinkedHashMap<>();
        private final List<SortField<?>> defaultOrder = new ArrayList<>();

        private Builder(Table<?> table, List<Field<?>> columns, Field<?> tieBreaker, RecordMapper<Record, T> mapper) {
            this.table = table;
            this.columns = columns;
            this.tieBreaker = tieBreaker;
            this.mapper = mapper;
        }

        public Builder<T> filter(String name, Field<?> field) {
            filters.put(name, field);
            return this;
        }

        @SafeVarargs
        public final Builder<T> search(Field<String>... fields) {
            searchFields.addAll(List.of(fields));
            return this;
        }

        public Builder<T> order(String name, Field<?> field) {
            orderFields.put(name, field);
            return this;
        }

        public Builder<T> defaultOrder(SortField<?> sort) {
            defaultOrder.add(sort);
            return this;
        }

        public Listing<T> build() {
            return new Listing<>(this);
        }
    }
}
