package dev.gatehouse;

/** Records how long each start-up phase took (logged at debug level). */
final class StartupTimer {
    private final StringBuilder phases = new StringBuilder();
    private long last = System.nanoTime();

    void mark(String phase) {
        long now = System.nanoTime();
        if (!phases.isEmpty()) {
            phases.append(", ");
        }
        phases.append(phase).append(' ').append((now - last) / 1_000_000).append(" ms");
        last = now;
    }

    @Override
    public String toString() {
        return phases.toString();
    }
}
