package dev.gatehouse.web.admin;

/** Answers one admin page request; the caller is a signed-in superuser, and a post carried the session's CSRF token. */
@FunctionalInterface
public interface AdminHandler {
    void handle(AdminRequest request) throws Exception;
}
