package dev.gatehouse.definition;

/** How a request writes an object: which fields must be given depends on it. */
public enum Write {
    /** POST: fields required on create must be given. */
    CREATE,
    /** PUT: as create, every required field is given again. */
    REPLACE,
    /** PATCH: only the given fields change; nothing is required. */
    UPDATE;

    boolean requiresAll() {
        return this != UPDATE;
    }
}
