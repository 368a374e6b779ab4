package dev.gatehouse.config;

/** Connection settings for an external PostgreSQL; present only when {@code POSTGRESQL__HOST} is set. */
public record PostgresSettings(String host, int port, String name, String user, String password, String sslmode) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name + "?sslmode=" + sslmode
                + "&ApplicationName=gatehouse";
    }
}
