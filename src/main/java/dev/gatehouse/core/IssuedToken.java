package dev.gatehouse.core;

/** A newly created token together with its key: the only moment the key exists outside the client. */
public record IssuedToken(Token token, String key) {
    @Override
    public String toString() {
        return "IssuedToken[" + token + "]";
    }
}
