package dev.gatehouse.flow;

/** Fields to set on a flow; {@code null} means "leave as is" (or the default on create). */
public record FlowChanges(String slug, String name, String title, String designation, String authentication,
                          String deniedAction, String layout, String policyEngineMode, Boolean compatibilityMode,
                          String background) {
}
